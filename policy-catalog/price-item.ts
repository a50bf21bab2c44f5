import { addCodedIssue } from './problem-codes.ts';
import * as z from 'zod';
import { Fen } from './money.ts';

/**
 * A medical service price item (医疗服务价格项目). National service codes are 15 digits
 * (e.g. 002501010150200); provincial codes vary, so a code is any short string of letters,
 * digits, dots, dashes and underscores. Codes stay strings: leading zeros matter.
 */
export const PriceItemCode = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/, 'must be 1–40 letters, digits, ".", "_" or "-"')
  .meta({ id: 'PriceItemCode', example: '250403100010000' });

export const HospitalGrade = z.enum(['3', '2', '1']).meta({ description: '三级/二级/一级 hospital' });

export const PriceComponent = z
  .strictObject({
    name: z.string().trim().min(1).max(50).meta({ example: '检测服务' }),
    capFen: Fen,
  })
  .meta({ id: 'PriceComponent', description: 'A capped part of the price, e.g. an antigen test’s service or reagent' });

/**
 * The attributes of a price item for one period of its timeline.
 *
 * `priceFen` is a ceiling (最高指导价格，不得上浮，下浮幅度不限): hospitals may charge less,
 * never more. Grade prices and components are ceilings too, and none may exceed the item's
 * ceiling: an antigen test is priced as a service plus a reagent, each capped, under a capped
 * total (provincial price notices of 2022).
 */
export const PriceItemAttributes = z
  .strictObject({
    name: z.string().trim().min(1).max(200).meta({ example: '新型冠状病毒核酸检测（单样本）' }),
    unit: z.string().trim().min(1).max(20).meta({ example: '人次' }),
    category: z.string().trim().min(1).max(50).meta({ example: '核酸检测' }),
    priceFen: Fen.meta({ description: 'Ceiling price in fen; hospitals may charge less, never more' }),
    gradePriceFen: z
      .strictObject({ '3': Fen.optional(), '2': Fen.optional(), '1': Fen.optional() })
      .optional()
      .meta({ description: 'Ceiling per hospital grade (三级/二级/一级), each at most priceFen' }),
    components: z.array(PriceComponent).min(1).max(10).optional(),
    note: z.string().max(500).optional(),
  })
  .superRefine((item, ctx) => {
    for (const grade of HospitalGrade.options) {
      const price = item.gradePriceFen?.[grade];
      if (price !== undefined && price > item.priceFen) {
        addCodedIssue(ctx, ['gradePriceFen', grade], {
          code: 'must_not_exceed',
          params: { other: 'priceFen', limit: (item.priceFen / 100).toFixed(2), unit: 'yuan' },
          message: `must not exceed priceFen (${item.priceFen})`,
        });
      }
    }
    item.components?.forEach((component, index) => {
      if (component.capFen > item.priceFen) {
        addCodedIssue(ctx, ['components', index, 'capFen'], {
          code: 'must_not_exceed',
          params: { other: 'priceFen', limit: (item.priceFen / 100).toFixed(2), unit: 'yuan' },
          message: `must not exceed the total cap priceFen (${item.priceFen})`,
        });
      }
    });
    const names = item.components?.map((component) => component.name) ?? [];
    if (new Set(names).size !== names.length) {
      addCodedIssue(ctx, ['components'], { code: 'duplicate_names', message: 'component names must be unique' });
    }
  })
  .meta({ id: 'PriceItemAttributes' });

export type PriceItemAttributes = z.infer<typeof PriceItemAttributes>;
