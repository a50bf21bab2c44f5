import { html } from 'lit';
import { GreenChannelReason } from '../../../policy-catalog/applications/application.ts';
import type { ServiceApplicationPayload } from '../api/api.ts';
import type { ApplicationSpec } from './application-spec.ts';
import { formatYuan } from '../format/format.ts';
import { t } from '../i18n/i18n.ts';

const grades = [
  { value: '3', label: 'grade.3' },
  { value: '2', label: 'grade.2' },
  { value: '1', label: 'grade.1' },
] as const;

/** A hospital's application for a new medical service price item (2022 No.13 §3). */
export const serviceApplicationSpec: ApplicationSpec<'service'> = {
  type: 'service',
  applicantRole: 'hospital',
  nameOf: (payload) => payload.itemName,
  entryCodeOf: (payload) => payload.itemCode,
  fieldGroups: [
    {
      legend: 'application.serviceItem',
      fields: [
        {
          path: 'itemCode',
          type: 'text',
          label: 'application.itemCode',
          required: true,
          mono: true,
          placeholder: '250403100090001',
          hint: 'application.itemCodeHint',
          pattern: /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/,
          patternError: 'application.error.itemCode',
        },
        { path: 'itemName', type: 'text', label: 'field.name', required: true, span: 2, placeholder: '新型冠状病毒抗体检测' },
        { path: 'unit', type: 'text', label: 'field.unit', required: true, placeholder: '人次' },
        { path: 'category', type: 'text', label: 'field.category', required: true, placeholder: '检验' },
        { path: 'priceFen', type: 'yuan', label: 'application.proposedPrice', required: true, hint: 'application.proposedPriceHint' },
        { path: 'grade', type: 'select', label: 'application.hospitalGrade', required: true, options: grades },
        { path: 'reason', type: 'textarea', label: 'application.serviceReason', required: true, span: 4 },
      ],
    },
    {
      legend: 'application.greenChannel',
      fields: [
        { path: 'greenChannel', type: 'checkbox', label: 'application.applyGreenChannel', span: 4, hint: 'application.serviceGreenChannelHint' },
        {
          path: 'greenChannelReason',
          type: 'select',
          label: 'application.greenChannelReason',
          required: true,
          span: 2,
          options: GreenChannelReason.options.map((reason) => ({ value: reason, label: `greenChannelReason.${reason}` as const })),
        },
      ],
    },
  ],
  applies: (path, values) => path !== 'greenChannelReason' || values.greenChannel === true,
  flags: ['greenChannel'],
  facts: (payload: ServiceApplicationPayload) => [
    {
      key: 'priceFen',
      label: 'application.proposedPrice',
      big: true,
      value: html`${formatYuan(payload.priceFen)}<small>${t('item.yuanPer', { unit: payload.unit })}</small>`,
    },
    { key: 'itemCode', label: 'application.itemCode', value: html`<span class="mono">${payload.itemCode}</span>` },
    { key: 'unit', label: 'field.unit', value: payload.unit },
    { key: 'category', label: 'field.category', value: payload.category },
    { key: 'grade', label: 'application.hospitalGrade', value: t(`grade.${payload.grade}`) },
    { key: 'reason', label: 'application.serviceReason', value: payload.reason },
  ],
  greenChannelBasis: (payload) => (payload.greenChannelReason ? `greenChannelReason.${payload.greenChannelReason}` : 'application.normalChannel'),
};
