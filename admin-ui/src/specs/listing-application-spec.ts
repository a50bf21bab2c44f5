import { html } from 'lit';
import type { ListingApplicationPayload } from '../api/api.ts';
import type { ApplicationSpec } from './application-spec.ts';
import { formatYuan } from '../format/format.ts';
import { t } from '../i18n/i18n.ts';

const productTypes = [
  { value: 'drug', label: 'productType.drug' },
  { value: 'reagent', label: 'productType.reagent' },
  { value: 'consumable', label: 'productType.consumable' },
] as const;

/**
 * A firm's application to list a drug or reagent (阳光挂网, 2022 No.13 §6): the green channel is
 * for products newly added by the 9th-edition plan, and offline purchase only for COVID-19
 * treatment drugs listed in it.
 */
export const listingApplicationSpec: ApplicationSpec<'listing'> = {
  type: 'listing',
  applicantRole: 'firm',
  nameOf: (payload) => payload.product,
  entryCodeOf: (_payload, applicationId) => `GW-${applicationId}`,
  fieldGroups: [
    {
      legend: 'application.listingProduct',
      fields: [
        { path: 'product', type: 'text', label: 'field.product', required: true, span: 2, placeholder: '阿兹夫定片' },
        { path: 'productType', type: 'select', label: 'field.productType', required: true, options: productTypes },
        { path: 'specification', type: 'text', label: 'field.specification', required: true, placeholder: '1mg×35片/瓶' },
        { path: 'manufacturer', type: 'text', label: 'field.manufacturer', required: true, span: 2 },
        { path: 'registrationNumber', type: 'text', label: 'field.registrationNumber', required: true, span: 2, mono: true, placeholder: '国药准字H20210000' },
        { path: 'listedPriceFen', type: 'yuan', label: 'application.proposedListedPrice', required: true, hint: 'application.listedPriceHint' },
        { path: 'firm', type: 'text', label: 'field.firm', required: true, span: 2 },
      ],
    },
    {
      legend: 'application.greenChannel',
      fields: [
        { path: 'inNinthEditionPlan', type: 'checkbox', label: 'application.inNinthEditionPlan', span: 4, hint: 'application.inNinthEditionPlanHint' },
        { path: 'greenChannel', type: 'checkbox', label: 'application.applyGreenChannel', span: 2, hint: 'application.listingGreenChannelHint' },
        { path: 'offlinePurchaseAllowed', type: 'checkbox', label: 'field.offlinePurchaseAllowed', span: 2, hint: 'changeForm.offlineHint' },
      ],
    },
  ],
  applies: (path, values) => {
    if (path === 'greenChannel') return values.inNinthEditionPlan === true;
    if (path === 'offlinePurchaseAllowed')
      return values.inNinthEditionPlan === true && values.greenChannel === true && (values.productType ?? 'drug') === 'drug';
    return true;
  },
  flags: ['inNinthEditionPlan', 'greenChannel', 'offlinePurchaseAllowed'],
  facts: (payload: ListingApplicationPayload) => [
    {
      key: 'listedPriceFen',
      label: 'application.proposedListedPrice',
      big: true,
      value: html`${formatYuan(payload.listedPriceFen)}<small>${t('field.yuan')}</small>`,
    },
    { key: 'productType', label: 'field.productType', value: t(`productType.${payload.productType}`) },
    { key: 'specification', label: 'field.specification', value: payload.specification },
    { key: 'manufacturer', label: 'field.manufacturer', value: payload.manufacturer },
    { key: 'registrationNumber', label: 'field.registrationNumber', value: html`<span class="mono">${payload.registrationNumber}</span>` },
    { key: 'firm', label: 'field.firm', value: payload.firm },
    { key: 'inNinthEditionPlan', label: 'application.inNinthEditionPlanShort', value: t(payload.inNinthEditionPlan ? 'common.yes' : 'common.no') },
    { key: 'offlinePurchaseAllowed', label: 'field.offlinePurchaseAllowed', value: t(payload.offlinePurchaseAllowed ? 'common.yes' : 'common.no') },
  ],
  greenChannelBasis: (payload) => (payload.greenChannel ? 'application.ninthEditionBasis' : 'application.normalChannel'),
};
