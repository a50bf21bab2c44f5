import { z } from 'zod';
import { PriceItemAttributes, PriceItemCode } from './price-item.ts';

/**
 * The kinds of catalog entry, as they appear in paths (`/v1/catalog/{kind}`) and in changes.
 * Each kind has a code schema and an attributes schema; the engine (timelines, change sets,
 * releases) is the same for all of them.
 */
export const entryKinds = {
  'price-items': { code: PriceItemCode, attributes: PriceItemAttributes },
} as const;

export const EntryKind = z.enum(Object.keys(entryKinds) as [keyof typeof entryKinds]).meta({ id: 'EntryKind' });
export type EntryKind = z.infer<typeof EntryKind>;
