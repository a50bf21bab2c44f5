import { addCodedIssue } from './problem-codes.ts';
import * as z from 'zod';
import { Fen } from './money.ts';

/**
 * A procurement listing (阳光挂网): a product a firm may sell to public hospitals. Products newly
 * added by the COVID-19 Diagnosis and Treatment Plan (trial 9th edition) take the green channel,
 * and COVID-19 treatment drugs may be bought offline (2022 No.13 §6).
 */
export const ListingCode = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/, 'must be 1–40 letters, digits, ".", "_" or "-"')
  .meta({ id: 'ListingCode', example: 'GW-2022-000123' });

export const ListingAttributes = z
  .strictObject({
    product: z.string().trim().min(1).max(200).meta({ example: '阿兹夫定片' }),
    productType: z.enum(['drug', 'reagent', 'consumable']).meta({ description: 'A drug, a test reagent or a consumable' }),
    specification: z.string().trim().min(1).max(200).meta({ example: '1mg×35片/瓶' }),
    manufacturer: z.string().trim().min(1).max(200),
    registrationNumber: z.string().trim().min(1).max(100).meta({ description: 'Registration certificate or approval number (注册证号/批准文号)' }),
    listedPriceFen: Fen.meta({ description: 'Listed price in fen', example: 27000 }),
    firm: z.string().trim().min(1).max(200).meta({ description: 'The firm that applied for the listing' }),
    greenChannel: z.boolean().meta({ description: 'Listed through the COVID-19 green channel (2022 No.13 §6)' }),
    offlinePurchaseAllowed: z.boolean().meta({ description: 'Hospitals may buy it offline (COVID-19 treatment drugs, 2022 No.13 §6)' }),
    note: z.string().max(500).optional(),
  })
  .superRefine((listing, ctx) => {
    // 2022 No.13 §6: offline purchase is allowed for COVID-19 treatment drugs, listed in the green channel.
    if (listing.offlinePurchaseAllowed && (listing.productType !== 'drug' || !listing.greenChannel)) {
      addCodedIssue(ctx, ['offlinePurchaseAllowed'], {
        code: 'offline_purchase_covid_drugs_only',
        message: '2022 No.13 §6: offline purchase is allowed only for COVID-19 treatment drugs listed in the green channel',
      });
    }
  })
  .meta({ id: 'ListingAttributes' });
export type ListingAttributes = z.infer<typeof ListingAttributes>;
