import { DesignationRequest } from '../../../policy-catalog/applications/application.ts';
import type { DesignationApplicationPayload } from '../api/api.ts';
import type { ApplicationSpec } from './application-spec.ts';
import { t } from '../i18n/i18n.ts';
import { poolingAreaCell, poolingAreaText } from './pooling-areas.ts';

const grades = [
  { value: '3', label: 'grade.3' },
  { value: '2', label: 'grade.2' },
  { value: '1', label: 'grade.1' },
] as const;

/**
 * A hospital's application to be designated a COVID-19 treatment hospital under agreement
 * management (2020 No.2 §2(6)2): the whole channel is a green channel, so the form has no
 * green-channel choice; approval records the decision and makes no catalog entry.
 */
export const designationApplicationSpec: ApplicationSpec<'designation'> = {
  type: 'designation',
  applicantRole: 'hospital',
  nameOf: (payload) => t('application.designationName', { area: poolingAreaText(payload.poolingArea) }),
  entryCodeOf: () => '',
  fieldGroups: [
    {
      legend: 'application.designationHospital',
      fields: [
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
        { path: 'grade', type: 'select', label: 'application.hospitalGrade', required: true, options: grades },
        { path: 'covidBeds', type: 'number', label: 'application.covidBeds', required: true, integer: true, min: 1, max: 100_000 },
        {
          path: 'requests',
          type: 'checkboxes',
          label: 'application.designationRequests',
          required: true,
          span: 4,
          hint: 'application.designationRequestsHint',
          options: DesignationRequest.options.map((request) => ({ value: request, label: `designationRequest.${request}` as const })),
        },
      ],
    },
  ],
  applies: () => true,
  flags: [],
  facts: (payload: DesignationApplicationPayload) => [
    { key: 'covidBeds', label: 'application.covidBeds', big: true, value: String(payload.covidBeds) },
    { key: 'poolingArea', label: 'field.poolingArea', value: poolingAreaCell(payload.poolingArea) },
    { key: 'grade', label: 'application.hospitalGrade', value: t(`grade.${payload.grade}`) },
    { key: 'requests', label: 'application.designationRequests', value: payload.requests.map((request) => t(`designationRequest.${request}`)).join('、') },
  ],
  greenChannelBasis: () => 'application.designationBasis',
};
