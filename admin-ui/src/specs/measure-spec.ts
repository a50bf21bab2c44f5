import '../components/gc-organisation-name.ts';
import { html } from 'lit';
import type { AttributesOf } from '../api/api.ts';
import type { FieldSpec } from '../forms/fields.ts';
import { formatChinaEnd } from '../format/format.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import type { KindSpec } from './kind-spec.ts';
import { poolingAreaCell } from './pooling-areas.ts';
import { href } from '../app/router.ts';

type MeasureAttributes = AttributesOf<'measures'>;
type MeasureType = MeasureAttributes['type'];

const assistanceCategories = ['extremely-poor', 'subsistence', 'marginal', 'at-risk'] as const;
const outOfAreaReasons = ['lockdown-stranded', 'covid-confirmed', 'covid-suspected'] as const;
const grades = ['3', '2', '1'] as const;
const percent = (path: string, label: MessageKey): FieldSpec => ({
  path,
  type: 'number',
  integer: true,
  min: 0,
  max: 100,
  label,
  required: true,
  unit: 'field.percentUnit',
});

/** Each measure type's own parameters (2022 No.13 §2, §5, §10, §11; 2020 No.2 §2(3), §2(4)). */
const parameterFields: Record<MeasureType, FieldSpec[]> = {
  // 2022 No.13 §2: 「原则上不实行减征」 leaves an exception where the fund covers fewer than 6 months.
  'contribution-halving': [{ path: 'lowReserveException', type: 'checkbox', label: 'measure.lowReserveException', span: 4 }],
  'contribution-deferral': [
    {
      path: 'payers',
      type: 'checkboxes',
      label: 'measure.payers',
      span: 4,
      hint: 'changeForm.payersHint',
      options: (['employer', 'individual'] as const).map((payer) => ({ value: payer, label: `payer.${payer}` as const })),
    },
  ],
  // 2022 No.13 §5: treating hospitals without the 3-month cap; other institutions at most 3 months, on application.
  prepayment: [
    {
      path: 'institutions',
      type: 'select',
      label: 'measure.institutions',
      required: true,
      span: 2,
      options: (['covid-treatment', 'other'] as const).map((value) => ({ value, label: `prepaymentInstitutions.${value}` as const })),
    },
    {
      path: 'maxMonths',
      type: 'number',
      integer: true,
      min: 1,
      max: 24,
      label: 'measure.maxMonths',
      unit: 'field.monthsUnit',
      hint: 'changeForm.maxMonthsHint',
    },
  ],
  'assistance-ratios': [
    ...assistanceCategories.map((category) => percent(`percent.${category}`, `assistanceCategory.${category}`)),
    { path: 'reducedFloor', type: 'checkbox', label: 'measure.reducedFloor', span: 4, hint: 'changeForm.reducedFloorHint' },
  ],
  'out-of-area': [
    {
      path: 'reasons',
      type: 'checkboxes',
      label: 'measure.reasons',
      required: true,
      span: 4,
      options: outOfAreaReasons.map((reason) => ({ value: reason, label: `outOfAreaReason.${reason}` as const })),
    },
  ],
  'same-grade-ratios': grades.map((grade) => percent(`ratioPercent.${grade}`, `measure.sameGradeRatio.${grade}`)),
  'deadline-extension': [
    {
      path: 'deadline',
      type: 'select',
      label: 'measure.deadline',
      required: true,
      span: 2,
      options: (['reimbursement-window', 'contribution-payment', 'settlement-statement', 'base-declaration'] as const).map((deadline) => ({
        value: deadline,
        label: `deadline.${deadline}` as const,
      })),
    },
    { path: 'extendedTo', type: 'datetime', end: true, label: 'measure.extendedTo', required: true },
  ],
  // 2020 No.2 §2(4)3: plan drugs and medical service items; at least one of either.
  'temporary-class-a': [
    {
      path: 'drugCodes',
      type: 'list',
      label: 'measure.drugCodes',
      allowEmpty: true,
      span: 2,
      pattern: /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/,
      itemError: 'field.error.code',
      placeholder: 'COVID-PLAN-0001\nCOVID-PLAN-0002',
      hint: 'changeForm.listHint',
    },
    {
      path: 'serviceCodes',
      type: 'list',
      label: 'measure.serviceCodes',
      allowEmpty: true,
      span: 2,
      pattern: /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/,
      itemError: 'field.error.code',
      placeholder: '250403100010000',
      hint: 'changeForm.listHint',
    },
  ],
  // 2022 No.13 §6: COVID-19 treatment drugs hospitals may buy offline, by listing or drug code.
  'offline-purchase': [
    {
      path: 'listingCodes',
      type: 'list',
      label: 'measure.listingCodes',
      allowEmpty: true,
      span: 2,
      pattern: /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/,
      itemError: 'field.error.code',
      placeholder: 'GW-2022-AZV-001',
      hint: 'changeForm.listHint',
    },
    {
      path: 'drugCodes',
      type: 'list',
      label: 'measure.drugCodes',
      allowEmpty: true,
      span: 2,
      pattern: /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/,
      itemError: 'field.error.code',
      placeholder: 'COVID-PLAN-0002',
      hint: 'changeForm.listHint',
    },
  ],
  'working-calendar': (['holidays', 'makeUpWorkdays'] as const).map((path) => ({
    path,
    type: 'list',
    label: `measure.${path}`,
    allowEmpty: true,
    span: 2,
    pattern: /^\d{4}-\d{2}-\d{2}$/,
    itemError: 'field.error.date',
    placeholder: '2022-01-31\n2022-02-01',
    hint: 'changeForm.datesHint',
  })),
  'inpatient-grace': [
    { path: 'batch', type: 'text', label: 'measure.batch', required: true, span: 2, placeholder: '第三批省增药品' },
    { path: 'cutoff', type: 'datetime', end: true, label: 'measure.cutoff', required: true },
  ],
  'agreement-termination': [
    { path: 'orgId', type: 'text', label: 'signIn.orgId', required: true, mono: true, placeholder: 'hospital-demo' },
    {
      path: 'institution',
      type: 'select',
      label: 'measure.institution',
      required: true,
      options: (['medical-institution', 'retail-pharmacy'] as const).map((institution) => ({
        value: institution,
        label: `institution.${institution}` as const,
      })),
    },
    { path: 'reason', type: 'textarea', label: 'measure.terminationReason', required: true, span: 4 },
  ],
  'application-deadlines': (['normalWorkingDays', 'greenChannelWorkingDays', 'publicNoticeWorkingDays', 'reconsiderationWindowWorkingDays'] as const).map(
    (path) => ({
      path,
      type: 'number',
      integer: true,
      min: 1,
      max: 250,
      label: `measure.${path}`,
      required: true,
      unit: 'field.workingDaysUnit',
    }),
  ),
};

/** Every type, in the order the notices bring them up. */
const measureTypes = Object.keys(parameterFields) as MeasureType[];
const typeOptions = measureTypes.map((type) => ({ value: type, label: `measureType.${type}` as const }));

/** Policy measures: typed parameters for a pooling area over a period. */
export const measureSpec: KindSpec<'measures'> = {
  kind: 'measures',
  nameOf: (attributes) => attributes.title ?? t(`measureType.${attributes.type}`),
  category: { label: 'field.measureType', options: typeOptions },
  listColumns: [
    { key: 'title', label: 'field.measureTitle', cell: (attributes) => attributes.title ?? '—' },
    { key: 'type', label: 'field.measureType', cell: typeTag },
    { key: 'poolingArea', label: 'field.poolingArea', cell: (attributes) => poolingAreaCell(attributes.poolingArea) },
    { key: 'parameters', label: 'field.parameters', cell: parametersCell },
  ],
  periodColumns: [
    { key: 'type', label: 'field.measureType', cell: typeTag },
    { key: 'poolingArea', label: 'field.poolingArea', cell: (attributes) => poolingAreaCell(attributes.poolingArea) },
    { key: 'parameters', label: 'field.parameters', cell: parametersCell },
    { key: 'title', label: 'field.measureTitle', cell: (attributes) => attributes.title ?? '—' },
    { key: 'note', label: 'field.note', cell: (attributes) => html`<span class="note">${attributes.note ?? ''}</span>` },
  ],
  facts: (attributes) => [
    { key: 'type', label: 'field.measureType', value: typeTag(attributes) },
    { key: 'poolingArea', label: 'field.poolingArea', value: poolingAreaCell(attributes.poolingArea) },
    ...parameters(attributes).map((parameter) => ({ key: parameter.key, label: parameter.label, value: parameter.value })),
    ...(attributes.note ? [{ key: 'note', label: 'field.note' as const, value: attributes.note }] : []),
  ],
  endLabel: 'field.validTo',
  endedLabel: 'timeline.ended',
  fieldGroups: (values) => {
    const type = measureTypes.find((candidate) => candidate === values.type) ?? 'contribution-halving';
    const own = parameterFields[type];
    return [
      {
        legend: 'changeForm.measure',
        fields: [
          { path: 'type', type: 'select', label: 'field.measureType', required: true, span: 2, options: typeOptions, hint: `measureRule.${type}` },
          {
            path: 'poolingArea',
            type: 'text',
            label: 'field.poolingArea',
            required: true,
            mono: true,
            placeholder: '220100',
            pattern: /^\d{6}$/,
            patternError: 'field.error.poolingArea',
            hint: 'changeForm.poolingAreaHint',
          },
          { path: 'title', type: 'text', label: 'field.measureTitle', span: 4 },
        ],
      },
      ...(own.length ? [{ legend: 'field.parameters' as const, fields: own }] : []),
      { legend: 'field.note', fields: [{ path: 'note', type: 'textarea', label: 'field.note', span: 4 }] },
    ];
  },
  codePlaceholder: '220100-contribution-halving-2022',
};

interface Parameter {
  key: string;
  label: MessageKey;
  value: unknown;
}

/**
 * A measure's typed parameters in words: "低保对象 70%", "延长至 2020-06-30 24:00". `compact`
 * (table cells) counts long lists of dates instead of listing them.
 */
function parameters(attributes: MeasureAttributes, compact = false): Parameter[] {
  const percentText = (value: number) => `${value}%`;
  switch (attributes.type) {
    case 'contribution-halving':
      return [
        { key: 'effect', label: 'field.parameters', value: t('measureEffect.contribution-halving') },
        ...(attributes.lowReserveException ? [{ key: 'lowReserveException', label: 'measure.lowReserveException' as const, value: t('common.yes') }] : []),
      ];
    case 'contribution-deferral':
      return [
        { key: 'effect', label: 'field.parameters', value: t('measureEffect.contribution-deferral') },
        { key: 'payers', label: 'measure.payers', value: (attributes.payers ?? ['employer']).map((payer) => t(`payer.${payer}`)).join('、') },
      ];
    case 'prepayment':
      return [
        { key: 'institutions', label: 'measure.institutions', value: t(`prepaymentInstitutions.${attributes.institutions}`) },
        {
          key: 'maxMonths',
          label: 'measure.maxMonths',
          value: attributes.maxMonths === undefined ? t('measure.noCap') : t('measure.monthsAtMost', { months: attributes.maxMonths }),
        },
        ...(attributes.institutions === 'covid-treatment'
          ? [{ key: 'covidTreatmentBudgetSeparate', label: 'measure.covidTreatmentBudgetSeparate' as const, value: t('common.yes') }]
          : []),
      ];
    case 'assistance-ratios':
      return [
        ...assistanceCategories.map((category) => ({
          key: `percent.${category}`,
          label: `assistanceCategory.${category}` as const,
          value: percentText(attributes.percent[category]),
        })),
        { key: 'reducedFloor', label: 'measure.floor', value: t(attributes.reducedFloor ? 'measure.floorReduced' : 'measure.floorNormal') },
      ];
    case 'out-of-area':
      return [{ key: 'reasons', label: 'measure.reasons', value: attributes.reasons.map((reason) => t(`outOfAreaReason.${reason}`)).join('、') }];
    case 'same-grade-ratios':
      return [
        {
          key: 'ratioPercent',
          label: 'measure.sameGradeRatios',
          value: grades.map((grade) => `${t(`grade.${grade}`)} ${percentText(attributes.ratioPercent[grade])}`).join(' · '),
        },
      ];
    case 'deadline-extension':
      return [
        { key: 'deadline', label: 'measure.deadline', value: t(`deadline.${attributes.deadline}`) },
        { key: 'extendedTo', label: 'measure.extendedTo', value: formatChinaEnd(attributes.extendedTo) },
      ];
    case 'working-calendar':
      return (['holidays', 'makeUpWorkdays'] as const).map((path) => ({
        key: path,
        label: `measure.${path}`,
        value: attributes[path].length
          ? compact
            ? t('measure.dayCount', { count: attributes[path].length })
            : t('measure.days', { count: attributes[path].length, dates: attributes[path].join(t('common.listSeparator')) })
          : '—',
      }));
    case 'inpatient-grace':
      return [
        { key: 'batch', label: 'measure.batch', value: attributes.batch },
        { key: 'cutoff', label: 'measure.cutoff', value: formatChinaEnd(attributes.cutoff) },
      ];
    case 'agreement-termination':
      return [
        { key: 'orgId', label: 'signIn.orgId', value: html`<gc-organisation-name .orgId=${attributes.orgId}></gc-organisation-name>` },
        { key: 'institution', label: 'measure.institution', value: t(`institution.${attributes.institution}`) },
        { key: 'reason', label: 'measure.terminationReason', value: attributes.reason },
      ];
    case 'application-deadlines':
      return (['normalWorkingDays', 'greenChannelWorkingDays', 'publicNoticeWorkingDays', 'reconsiderationWindowWorkingDays'] as const).map((path) => ({
        key: path,
        label: `measure.${path}`,
        value: t('measure.workingDays', { days: attributes[path] }),
      }));
    case 'offline-purchase':
      return [
        { key: 'listingCodes', label: 'measure.listingCodes', value: entryLinks('listings', attributes.listingCodes ?? []) },
        { key: 'drugCodes', label: 'measure.drugCodes', value: entryLinks('drug-entries', attributes.drugCodes ?? []) },
      ];
    case 'temporary-class-a':
      return [
        { key: 'drugCodes', label: 'measure.drugCodes', value: entryLinks('drug-entries', attributes.drugCodes) },
        { key: 'serviceCodes', label: 'measure.serviceCodes', value: entryLinks('price-items', attributes.serviceCodes ?? []) },
      ];
  }
}

function parametersCell(attributes: MeasureAttributes) {
  return html`<div class="parameters">${parameters(attributes, true).map((parameter) =>
    parameter.key === 'effect' ? html`<div>${parameter.value}</div>` : html`<div><span class="muted">${t(parameter.label)}</span> ${parameter.value}</div>`,
  )}</div>`;
}

function typeTag(attributes: MeasureAttributes) {
  return html`<span class="tag" data-measure-type=${attributes.type}>${t(`measureType.${attributes.type}`)}</span>`;
}

function entryLinks(kind: 'drug-entries' | 'price-items' | 'listings', codes: readonly string[]) {
  if (codes.length === 0) return '—';
  return html`${codes.map((code, index) => html`${index ? '、' : ''}<a class="code" href=${href.entry(kind, code)}>${code}</a>`)}`;
}
