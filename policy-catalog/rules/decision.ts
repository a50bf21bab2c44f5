import * as z from 'zod';
import { EntryKind } from '../kinds.ts';
import type { Timeline } from '../timeline.ts';
import { reasonCodes } from './reason-codes.ts';

/**
 * Why: the clause of the notice a step of the decision comes from, and what it found, as a
 * stable code with its parameters (the console words it in either language) and as a Chinese
 * sentence for API clients.
 */
export const Reason = z
  .object({
    clause: z.string().meta({ example: '2022 No.13 §1' }),
    code: z.enum(reasonCodes).meta({ description: 'What the step found, stable across releases; `params` fill its wording' }),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .meta({
        description:
          'The figures of the reason: money in yuan with two decimals, instants in China time (ISO with +08:00), months YYYY-MM, percentages as numbers, pooling areas by code',
        example: { drugCode: 'XJ01', endedAt: '2023-01-01T00:00:00+08:00' },
      }),
    text: z.string().meta({ description: 'The reason in Chinese' }),
  })
  .meta({ id: 'Reason' });
export type Reason = z.infer<typeof Reason>;

/** Which entry versions the decision used: the entry and the release that published its version. */
export const Basis = z.object({ kind: EntryKind, code: z.string(), release: z.number().int() }).meta({ id: 'Basis' });
export type Basis = z.infer<typeof Basis>;

/** An entry as a rule sees it: its timeline and the release that produced this version. */
export interface EntryFact<A> {
  kind: EntryKind;
  code: string;
  release: number;
  timeline: Timeline<A>;
}

export function basisOf(fact: EntryFact<unknown>): Basis {
  return { kind: fact.kind, code: fact.code, release: fact.release };
}

export function answerSchema<D extends z.ZodType, S extends z.ZodRawShape>(decision: D, shape: S) {
  return z.object({
    decision,
    reasons: z.array(Reason),
    basis: z.array(Basis),
    asOfRelease: z.number().int().meta({ description: 'The catalog release the decision was made on' }),
    ...shape,
  });
}
