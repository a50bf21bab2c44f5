import { fenToYuan } from '../money.ts';
import { normalizeInstant } from '../time.ts';

/**
 * Stable codes of the reasons a rule gives, one a sentence shape, beside the Chinese text: the
 * console says each in the officer's language from the code and its parameters (issue 14 §1).
 * Adding a code here means adding its Chinese and English text in the console
 * (admin-ui/src/i18n/zh-CN/reasons.ts and en/reasons.ts); a test walks this list through the OpenAPI document.
 */
export const reasonCodes = [
  // drug coverage (2022 No.13 §1; 2020 No.2 §2(4)3)
  'drug_not_listed',
  'drug_listed',
  'drug_not_payable',
  'grace_no_measure',
  'grace_not_for_chronic_or_special',
  'grace_inpatients_only',
  'grace_admitted_after_cutoff',
  'grace_first_use_missing',
  'grace_first_use_before_admission',
  'grace_not_used_before_cutoff',
  'grace_used_after_discharge',
  'grace_applies',
  'temporary_class_a_drug',
  'temporary_class_a_drug_not_in_plan',
  // service coverage (2020 No.2 §2(4)3)
  'service_not_priced',
  'service_priced',
  'temporary_class_a_patients_only',
  'temporary_class_a_service_not_in_plan',
  'temporary_class_a_service',
  // deadlines (2020 No.2 §2(3); 2022 No.13 §12)
  'deadline_met',
  'deadline_missed',
  'window_other_year',
  'deadline_no_extension',
  'deadline_extended',
  // halving and deferral (2022 No.13 §2)
  'halving_not_applicable',
  'halving_month_outside',
  'halving_no_measure',
  'halving_months_used',
  'halving_not_closed_management',
  'halving_low_reserve',
  'halving_low_reserve_exception',
  'halving_allowed',
  'deferral_not_applicable',
  'deferral_month_outside',
  'deferral_no_measure',
  'deferral_payer_not_covered',
  'deferral_allowed',
  // late payment and base declaration (2020 No.2 §2(3)2; 2022 No.13 §12)
  'late_payment_no_measure',
  'late_payment_extended',
  'base_declaration_not_applicable',
  'base_declaration_no_measure',
  'base_declaration_extended',
  // medical assistance (2022 No.13 §10)
  'assistance_not_yet_eligible',
  'assistance_no_measure',
  'assistance_area_ratio',
  'assistance_floor_ratio',
  'assistance_amount',
  'assistance_capped',
  // out-of-area care (2022 No.13 §11; 2020 No.2 §2(4)1)
  'out_of_area_filed',
  'out_of_area_not_filed',
  'out_of_area_no_measure',
  'out_of_area_eligible',
  'out_of_area_area_ratio',
  'out_of_area_no_area_ratio',
  'treat_first_settle_at_discharge',
  // prepayment (2022 No.13 §5, §7; 2020 No.2 §2(1)1)
  'prepayment_no_measure',
  'prepayment_treating_hospital',
  'prepayment_treatment_hospitals_funded',
  'prepayment_covid_patients_advanced',
  'prepayment_outside_total_budget',
  'cross_province_advance',
  'prepayment_other_institution',
  'prepayment_settled_after_epidemic',
  'prepayment_not_applied',
  'prepayment_over_area_cap',
  'prepayment_over_cap',
  'prepayment_allowed',
  // offline purchase (2022 No.13 §6)
  'listing_not_listed',
  'listing_not_a_drug',
  'offline_allowed_by_listing',
  'offline_listing_in_measure',
  'offline_listing_not_allowed',
  'offline_drug_in_measure',
  'offline_drug_not_allowed',
] as const;

export type ReasonCode = (typeof reasonCodes)[number];

/**
 * A reason's parameters, all plain values: money in yuan with two decimals, instants in China
 * time ISO (`2023-01-01T00:00:00+08:00`), months `YYYY-MM`, percentages as numbers, pooling areas
 * by code; choices by their API values (`covidStatus: 'confirmed'`), so the console can name them.
 */
export type ReasonParams = Record<string, string | number>;

/** Fen → the `"16.00"` a money parameter carries. */
export const yuanParam = (fen: number): string => fenToYuan(fen);

/** Any instant → the China-time ISO form an instant parameter carries. */
export const instantParam = (instant: string): string => normalizeInstant(instant);
