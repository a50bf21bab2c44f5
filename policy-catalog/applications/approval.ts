import type { Change } from '../change.ts';
import type { Application, ListingApplication } from './application.ts';

/**
 * The catalog change an approved application becomes: a new price item (2022 No.13 §3) or a new
 * procurement listing (2022 No.13 §6). Pricing staff put it in a draft change set and publish it
 * as usual; nothing reaches the catalog without that second step.
 *
 * A designated treatment hospital's approval (2020 No.2 §2(6)2) makes none: it records the
 * bureau's decision. The catalog holds no kind for designated hospitals or agreements, the
 * agreement itself is signed outside it, and the rule that reads designation (prepayment, 2022
 * No.13 §7) takes the institution's kind in its request; a measure nothing reads would be noise.
 */
export function approvalChange(application: Application, validFrom: string): Change | undefined {
  if (application.type === 'designation') return undefined;
  if (application.type === 'service') {
    const { itemCode, itemName, unit, category, priceFen } = application.payload;
    return { kind: 'price-items', code: itemCode, op: 'set', validFrom, attributes: { name: itemName, unit, category, priceFen } };
  }
  const { product, productType, specification, manufacturer, registrationNumber, listedPriceFen, firm, greenChannel, offlinePurchaseAllowed } =
    application.payload;
  return {
    kind: 'listings',
    code: listingCodeOf(application),
    op: 'set',
    validFrom,
    attributes: { product, productType, specification, manufacturer, registrationNumber, listedPriceFen, firm, greenChannel, offlinePurchaseAllowed },
  };
}

/** A listing is coded after the application that created it, so a retried approval makes the same entry. */
export function listingCodeOf(application: ListingApplication): string {
  return `GW-${application.id}`;
}
