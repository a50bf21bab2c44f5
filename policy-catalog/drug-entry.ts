import * as z from 'zod';

/**
 * A drug's place in the reimbursement list (医保药品目录条目). Its timeline is its listing
 * period: a provincially-added drug leaving the payment scope is a period that ends, and the
 * extension of that end (2022 No.13 §1: from 2022-06-30 24:00 to 2022-12-31 24:00) is a new
 * release that changes the timeline, not an edit in place.
 */
export const DrugCode = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/, 'must be 1–40 letters, digits, ".", "_" or "-"')
  .meta({ id: 'DrugCode', example: 'XJ01DHT062A001010104054' });

export const PaymentClass = z.enum(['A', 'B', 'provincial']).meta({ id: 'PaymentClass', description: '甲类 A / 乙类 B / 省增 provincially added' });
export type PaymentClass = z.infer<typeof PaymentClass>;

export const DrugEntryAttributes = z
  .strictObject({
    genericName: z.string().trim().min(1).max(200).meta({ example: '血塞通注射液' }),
    dosageForm: z.string().trim().min(1).max(50).meta({ example: '注射剂' }),
    paymentClass: PaymentClass,
    batch: z.string().trim().min(1).max(100).optional().meta({ example: '第三批省增药品' }),
    note: z.string().max(500).optional(),
  })
  .meta({ id: 'DrugEntryAttributes' });
export type DrugEntryAttributes = z.infer<typeof DrugEntryAttributes>;
