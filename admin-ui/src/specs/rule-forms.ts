import type { RuleName } from '../api/api.ts';
import type { FieldSpec, FieldValues } from '../forms/fields.ts';

/**
 * The request fields of each rule (policy-catalog/rules/*.ts) as form fields, with a case to
 * start from that shows the rule at work. Money in yuan (sent as fen), times in China time.
 */
export interface RuleForm {
  fields(values: FieldValues): FieldSpec[];
  /** A case that shows the rule at work. */
  example: FieldValues;
}

const poolingArea = (path: string): FieldSpec => ({
  path,
  type: 'text',
  label: path === 'insuredArea' ? 'rule.insuredArea' : 'field.poolingArea',
  required: true,
  mono: true,
  pattern: /^\d{6}$/,
  patternError: 'field.error.poolingArea',
  hint: 'changeForm.poolingAreaHint',
});
const money = (path: string, label: FieldSpec['label']): FieldSpec => ({ path, type: 'yuan', label, required: true });
/** Select options whose labels are `<prefix>.<value>` messages (the type checks that each exists). */
const optionsOf = <const P extends string, const V extends string>(prefix: P, values: readonly V[]) =>
  values.map((value) => ({ value, label: `${prefix}.${value}` as const }));

export const ruleForms: Record<RuleName, RuleForm> = {
  // 2022 No.13 §1: admitted before 2022-12-31 24:00 and already using the drug: covered until discharge.
  'drug-coverage': {
    fields: (values) => [
      { path: 'drugCode', type: 'text', label: 'rule.drugCode', required: true, mono: true, placeholder: 'SZ3-0002' },
      {
        path: 'setting',
        type: 'select',
        label: 'rule.setting',
        required: true,
        options: optionsOf('setting', ['inpatient', 'outpatient', 'outpatient-chronic', 'outpatient-special']),
      },
      { path: 'covidStatus', type: 'select', label: 'rule.covidStatus', required: true, options: optionsOf('covidStatus', ['none', 'confirmed', 'suspected']) },
      ...(values.setting === 'inpatient' || values.setting === undefined
        ? [
            { path: 'admittedAt', type: 'datetime', label: 'rule.admittedAt' } as const,
            { path: 'dischargedAt', type: 'datetime', label: 'rule.dischargedAt' } as const,
          ]
        : []),
      { path: 'firstUsedAt', type: 'datetime', label: 'rule.firstUsedAt' },
      { path: 'usedAt', type: 'datetime', label: 'rule.usedAt', required: true },
    ],
    example: {
      drugCode: 'SZ3-0002',
      setting: 'inpatient',
      covidStatus: 'none',
      admittedAt: '2022-12-30T08:00',
      firstUsedAt: '2022-12-30T10:00',
      usedAt: '2023-01-03T09:00',
    },
  },
  // 2020 No.2 §2(4)3: plan service items, Class A for confirmed and suspected patients.
  'service-coverage': {
    fields: () => [
      { path: 'serviceCode', type: 'text', label: 'rule.serviceCode', required: true, mono: true, placeholder: '250403100010000' },
      { path: 'covidStatus', type: 'select', label: 'rule.covidStatus', required: true, options: optionsOf('covidStatus', ['confirmed', 'suspected', 'none']) },
      { path: 'usedAt', type: 'datetime', label: 'rule.serviceUsedAt', required: true },
    ],
    example: { serviceCode: '250403100010000', covidStatus: 'confirmed', usedAt: '2022-06-01T09:00' },
  },
  // 2022 No.13 §2
  'contribution-relief': {
    fields: () => [
      poolingArea('poolingArea'),
      { path: 'month', type: 'month', label: 'rule.month', required: true },
      { path: 'scheme', type: 'select', label: 'rule.scheme', required: true, options: optionsOf('scheme', ['employee', 'resident']) },
      // Resident insurance has only the individual part; the API says so on the field if asked otherwise.
      { path: 'payer', type: 'select', label: 'rule.payer', required: true, options: optionsOf('payer', ['employer', 'individual']) },
      { path: 'fundMonthsCovered', type: 'number', label: 'rule.fundMonthsCovered', required: true, min: 0, max: 1200, unit: 'field.monthsUnit' },
      { path: 'closedManagement', type: 'checkbox', label: 'rule.closedManagement', span: 4 },
    ],
    example: { poolingArea: '220100', month: '2022-06', scheme: 'employee', payer: 'employer', fundMonthsCovered: '8', closedManagement: true },
  },
  // 2022 No.13 §10
  'medical-assistance': {
    fields: () => [
      poolingArea('poolingArea'),
      {
        path: 'category',
        type: 'select',
        label: 'rule.category',
        required: true,
        options: optionsOf('assistanceCategory', ['extremely-poor', 'subsistence', 'marginal', 'at-risk']),
      },
      { path: 'at', type: 'datetime', label: 'rule.at', hint: 'rule.atHint' },
      money('outOfPocketFen', 'rule.outOfPocket'),
      money('deductibleFen', 'rule.deductible'),
      money('annualCapFen', 'rule.annualCap'),
      money('paidThisYearFen', 'rule.paidThisYear'),
    ],
    example: {
      poolingArea: '220100',
      category: 'subsistence',
      outOfPocketFen: '5000.00',
      deductibleFen: '1000.00',
      annualCapFen: '30000.00',
      paidThisYearFen: '0.00',
    },
  },
  // 2022 No.13 §11; 2020 No.2 §2(4)1
  'out-of-area': {
    fields: () => [
      poolingArea('insuredArea'),
      { path: 'institutionGrade', type: 'select', label: 'rule.institutionGrade', required: true, numeric: true, options: optionsOf('grade', ['3', '2', '1']) },
      {
        path: 'reason',
        type: 'select',
        label: 'rule.reason',
        required: true,
        span: 2,
        options: optionsOf('outOfAreaReason', ['lockdown-stranded', 'covid-confirmed', 'covid-suspected', 'filed-referral', 'none']),
      },
      { path: 'at', type: 'datetime', label: 'rule.at', hint: 'rule.atHint' },
    ],
    example: { insuredArea: '220100', institutionGrade: '3', reason: 'lockdown-stranded' },
  },
  // 2022 No.13 §5, §7; 2020 No.2 §2(1)1
  prepayment: {
    fields: () => [
      poolingArea('poolingArea'),
      {
        path: 'institution',
        type: 'select',
        label: 'rule.prepaymentInstitution',
        required: true,
        span: 2,
        options: optionsOf('prepaymentInstitutions', ['covid-treatment', 'other']),
      },
      { path: 'months', type: 'number', label: 'rule.prepaymentMonths', required: true, integer: true, min: 1, max: 120, unit: 'field.monthsUnit' },
      { path: 'at', type: 'datetime', label: 'rule.prepaymentAt', hint: 'rule.atHint' },
      { path: 'applied', type: 'checkbox', label: 'rule.prepaymentApplied', span: 4 },
    ],
    example: { poolingArea: '220100', institution: 'other', months: '3', applied: true, at: '2022-06-01T09:00' },
  },
  // 2022 No.13 §6: one of a listing code and a drug code.
  'offline-purchase': {
    fields: () => [
      { path: 'listingCode', type: 'text', label: 'rule.listingCode', mono: true, placeholder: 'GW-2022-AZV-001', hint: 'rule.oneOfCodesHint' },
      { path: 'drugCode', type: 'text', label: 'rule.drugCode', mono: true, placeholder: 'COVID-PLAN-0002', hint: 'rule.oneOfCodesHint' },
      { path: 'at', type: 'datetime', label: 'rule.purchaseAt', hint: 'rule.atHint' },
    ],
    example: { listingCode: 'GW-2022-AZV-001', at: '2022-09-01T09:00' },
  },
  // 2020 No.2 §2(3)1–3; 2022 No.13 §12
  deadline: {
    fields: (values) => [
      {
        path: 'deadline',
        type: 'select',
        label: 'measure.deadline',
        required: true,
        span: 2,
        options: optionsOf('deadline', ['reimbursement-window', 'contribution-payment', 'settlement-statement', 'base-declaration']),
      },
      poolingArea('poolingArea'),
      ...(values.deadline === 'reimbursement-window'
        ? [{ path: 'costsOfYear', type: 'number', label: 'rule.costsOfYear', required: true, integer: true, min: 2000, max: 2100 } as const]
        : []),
      { path: 'dueAt', type: 'datetime', end: true, label: 'rule.dueAt', required: true },
      { path: 'submittedAt', type: 'datetime', label: 'rule.submittedAt', required: true },
    ],
    example: { deadline: 'settlement-statement', poolingArea: '220100', dueAt: '2020-03-01T00:00', submittedAt: '2020-05-01T09:00' },
  },
};
