import type { reasonsZhCN } from '../zh-CN/reasons.ts';

/** The English of ../zh-CN/reasons.ts: the same keys and placeholders. */
export const reasonsEn: Record<keyof typeof reasonsZhCN, string> = {
  'reason.drug_not_listed': 'Drug {drugCode} is not in the medical insurance drug list',
  'reason.drug_listed': 'Drug {drugCode} is {paymentClass} at the time of use, within the payment scope',
  'reason.drug_not_payable': 'Drug {drugCode} is not within the payment scope at the time of use',
  'reason.grace.left': 'Drug {drugCode} left the payment scope at {endedAt}',
  'reason.grace.provincialDrugs': 'provincially added drugs',
  'reason.grace_no_measure': '{left}; the catalog holds no inpatient grace measure for its batch leaving at that time',
  'reason.grace_not_for_chronic_or_special': '{left}; the grace does not extend to outpatient chronic or special diseases',
  'reason.grace_inpatients_only': '{left}; the grace is only for patients in hospital before it left',
  'reason.grace_admitted_after_cutoff': '{left}; the patient was not admitted before it left',
  'reason.grace_first_use_missing': '{left}; the first use of the drug during this stay is not given',
  'reason.grace_first_use_before_admission':
    '{left}; the first use is before admission, so it is not a use during this stay; give the first use during this stay',
  'reason.grace_not_used_before_cutoff': '{left}; the patient did not use the drug during this stay before it left',
  'reason.grace_used_after_discharge': '{left}; the use is after this stay ended',
  'reason.grace_applies': '{left}; admitted before it left and used during this stay, so it is reimbursed until this stay ends',
  'reason.temporary_class_a_drug':
    'Drugs used under the treatment plan for {covidStatus} COVID-19 patients: the part the fund would not pay is temporarily paid as Class A',
  'reason.temporary_class_a_drug_not_in_plan':
    'Drug {drugCode} is not in the temporary Class A scope of the COVID-19 treatment plan in force at the time of use',
  'reason.service_not_priced': 'Medical service {serviceCode} is not in the price list at the time of use and cannot be billed',
  'reason.service_priced': 'Medical service {serviceCode} is in the price list at the time of use',
  'reason.temporary_class_a_patients_only':
    'Temporary Class A is only for confirmed and suspected COVID-19 patients as the health authority confirms them; the area’s ordinary payment rules for the item apply',
  'reason.temporary_class_a_service_not_in_plan':
    'Medical service {serviceCode} is not among the temporary Class A items of the COVID-19 treatment plan in force at the time of use; the area’s ordinary payment rules for the item apply',
  'reason.temporary_class_a_service':
    'Medical services used under the treatment plan for {covidStatus} COVID-19 patients: the part the fund would not pay is temporarily paid as Class A',
  'reason.deadline_met': 'Within the deadline ({deadline})',
  'reason.deadline_missed': 'Past the deadline ({deadline})',
  'reason.window_other_year': 'The extension is of the reimbursement window for {windowYear} medical costs; costs of {costsOfYear} keep the ordinary deadline',
  'reason.deadline_no_extension': 'Pooling area {poolingArea} has no extension in force at the ordinary deadline ({dueAt}); the ordinary deadline applies',
  'reason.deadline_extended': '{kind}: extended to {extendedTo}',
  'reason.halving_not_applicable':
    'Halving is only for the employer part of employee basic medical insurance; the individual part and resident insurance are not halved',
  'reason.halving_month_outside': 'Halving runs from May 2022 for at most 3 months ({firstMonth} to {lastMonth}); {month} is outside',
  'reason.halving_no_measure': 'Pooling area {poolingArea} has no halving measure in force in {month} (from May 2022, at most 3 months)',
  'reason.halving_months_used': 'Pooling area {poolingArea} has already halved {maxMonths} months ({months}); {month} is beyond the limit',
  'reason.halving_not_closed_management': 'Halving is only for cities (prefectures) and counties under epidemic closed management in 2022',
  'reason.halving_low_reserve': 'The employee pooling fund covers {fundMonthsCovered} months of payments, fewer than 6: in principle no halving',
  'reason.halving_low_reserve_exception':
    'The employee pooling fund covers {fundMonthsCovered} months of payments, fewer than 6: in principle no halving, but the area’s measure halves as an exception',
  'reason.halving_allowed': 'The employer part of employee insurance for {month} is halved: {payablePercent}% of the amount due is paid',
  'reason.deferral_not_applicable': 'Deferral is only for employee basic medical insurance',
  'reason.deferral_month_outside': 'Deferral runs from March 2022 to the end of June at the latest ({firstMonth} to {lastMonth}); {month} is outside',
  'reason.deferral_no_measure':
    'Pooling area {poolingArea} has no deferral measure in force in {month} (from March 2022 to the end of June at the latest, at most 4 months)',
  'reason.deferral_payer_not_covered': 'The area’s deferral measure covers only the {payer} part',
  'reason.deferral_allowed': 'The {payer} part of employee insurance for {month} may be deferred{makeUp}; benefits continue meanwhile{alsoHalved}',
  'reason.deferral_allowed.makeUp': ', to be made up before {makeUpBy}',
  'reason.deferral_allowed.alsoHalved': '; halving and deferral may apply together',
  'reason.late_payment_no_measure': 'Pooling area {poolingArea} has no extended payment deadline in force in {month}',
  'reason.late_payment_extended':
    'Contributions the epidemic kept from being paid on time are due by {extendedTo}; they may be made up after the epidemic, and benefits are not affected',
  'reason.base_declaration_not_applicable': 'More time for base declaration and contribution assessment is only for employers of employee insurance',
  'reason.base_declaration_no_measure': 'Pooling area {poolingArea} has no extension of base declaration and contribution assessment in force in {month}',
  'reason.base_declaration_extended':
    'Employers late with base declaration and contribution assessment have until {extendedTo}; employees’ benefits continue without a gap',
  'reason.assistance_not_yet_eligible':
    'Medical assistance reaches marginal subsistence families and rural people at risk of poverty only from notice 2022 No.13 ({noticeDate}); the cost arose at {at}, before that, so {category} are not recipients',
  'reason.assistance_no_measure':
    'Pooling area {poolingArea} has no assistance ratios in force at {at}; the notice’s floors apply only from notice 2022 No.13 ({noticeDate}), so none is assumed before',
  'reason.assistance_area_ratio': 'For {category}: pooling area {poolingArea} assists {percent}%',
  'reason.assistance_floor_ratio':
    'For {category}: the area has no ratio configured; from notice 2022 No.13 ({noticeDate}) the notice’s floor of {percent}% applies',
  'reason.assistance_amount': 'Cost above the deductible: {aboveYuan} yuan × {percent}% = {computedYuan} yuan',
  'reason.assistance_capped': 'Limited by the annual cap: {roomYuan} yuan left this year',
  'reason.out_of_area_filed': 'Referral filed: the out-of-area care policy applies',
  'reason.out_of_area_not_filed':
    'No referral or out-of-area filing, and neither stranded by lockdown nor a confirmed or suspected COVID-19 patient: filing is needed and the out-of-area care policy applies',
  'reason.out_of_area_no_measure':
    'Insured area {insuredArea} has no such measure (epidemic period) in force at that time: the out-of-area care policy applies',
  'reason.out_of_area_eligible':
    '{reason}: no referral or filing needed and no reduced ratio; the insured area’s ratio for a grade {grade} institution applies; {period}',
  'reason.out_of_area_eligible.ends': 'the epidemic-period measure runs until {periodEnds}',
  'reason.out_of_area_eligible.open': 'epidemic period, no end set yet',
  'reason.out_of_area_area_ratio': 'Insured area {insuredArea} pays {percent}% at grade {grade} institutions',
  'reason.out_of_area_no_area_ratio':
    'The catalog holds no same-grade ratios of insured area {insuredArea} at that time; the area applies its own ratio for grade {grade} institutions, not a province-wide one',
  'reason.treat_first_settle_at_discharge': 'Treated first, settled directly at discharge',
  'reason.prepayment_no_measure': 'Pooling area {poolingArea} has no prepayment measure for {institution} in force at {at} (epidemic period)',
  'reason.prepayment_treating_hospital':
    'Hospitals treating COVID-19 patients: more prepayment from the fund, without the {otherMaxMonths}-month cap; {period}',
  'reason.prepayment_treating_hospital.ends': 'the epidemic-period prepayment measure runs until {periodEnds}',
  'reason.prepayment_treating_hospital.open': 'epidemic-period prepayment measure, no end set yet',
  'reason.prepayment_treatment_hospitals_funded': 'The fund is advanced to designated treatment hospitals, so payment rules never hold up treatment',
  'reason.prepayment_covid_patients_advanced':
    'Insurance payments are made in advance for the costs of confirmed and suspected patients (out-of-area patients included)',
  'reason.prepayment_outside_total_budget': 'COVID-19 treatment costs are budgeted separately and not limited by the total budget',
  'reason.cross_province_advance':
    'Costs of patients from other provinces are advanced and recorded first, and settled under national rules after the epidemic',
  'reason.prepayment_other_institution': 'Other designated institutions: up to {maxMonths} months may be prepaid on application; {period}',
  'reason.prepayment_other_institution.ends': 'the epidemic-period prepayment measure runs until {periodEnds}',
  'reason.prepayment_other_institution.open': 'epidemic-period prepayment measure, no end set yet',
  'reason.prepayment_settled_after_epidemic': 'Prepayments are settled after the epidemic ends',
  'reason.prepayment_not_applied': 'Other designated institutions are prepaid on application; this one has not applied',
  'reason.prepayment_over_area_cap': '{months} months asked for, more than the {maxMonths} months the area’s measure allows',
  'reason.prepayment_over_cap': '{months} months asked for, more than {maxMonths} months',
  'reason.prepayment_allowed': '{months} months may be prepaid',
  'reason.listing_not_listed': 'Listing {listingCode} is not listed at that time',
  'reason.listing_not_a_drug':
    'Listing {listingCode} is not a drug: offline purchase is for COVID-19 treatment drugs; test reagents and the like take the green channel onto the procurement platform',
  'reason.offline_allowed_by_listing': 'Listing {listingCode} was listed as open to offline purchase by medical institutions (a COVID-19 treatment drug)',
  'reason.offline_listing_in_measure': 'Listing {listingCode} is named by a measure allowing offline purchase of COVID-19 treatment drugs',
  'reason.offline_listing_not_allowed':
    'Listing {listingCode} is not marked for offline purchase, nor named by an offline purchase measure in force at that time',
  'reason.offline_drug_in_measure': 'Drug {drugCode} is among the COVID-19 treatment drugs medical institutions may buy offline',
  'reason.offline_drug_not_allowed': 'Drug {drugCode} is not named by an offline purchase measure in force at that time',
  'reason.list.separator': ', ',
  'reason.param.paymentClass.A': 'Class A',
  'reason.param.paymentClass.B': 'Class B',
  'reason.param.paymentClass.provincial': 'a provincially added drug',
  'reason.param.covidStatus.confirmed': 'confirmed',
  'reason.param.covidStatus.suspected': 'suspected',
  'reason.param.kind.reimbursement-window': 'The reimbursement window for 2019 medical costs is extended, so that fewer people travel during the epidemic',
  'reason.param.kind.contribution-payment': 'Contributions may be made up after the epidemic without affecting benefits',
  'reason.param.kind.settlement-statement':
    'Designated institutions’ monthly settlement statements are due later; the agency may settle and pay from system data first',
  'reason.param.kind.base-declaration':
    'Employers late with base declaration and contribution assessment get more time; employees’ benefits continue without a gap',
  'reason.param.payer.employer': 'employer',
  'reason.param.payer.individual': 'individual',
  'reason.param.category.extremely-poor': 'people in extreme poverty',
  'reason.param.category.subsistence': 'subsistence allowance recipients',
  'reason.param.category.marginal': 'members of marginal subsistence families',
  'reason.param.category.at-risk': 'rural people at risk of poverty',
  'reason.param.reason.lockdown-stranded': 'Patients who could not return to the insured area because of lockdown',
  'reason.param.reason.covid-confirmed': 'Confirmed COVID-19 patients',
  'reason.param.reason.covid-suspected': 'Suspected COVID-19 patients',
  'reason.param.institution.covid-treatment': 'hospitals treating COVID-19 patients',
  'reason.param.institution.other': 'other designated institutions',
};
