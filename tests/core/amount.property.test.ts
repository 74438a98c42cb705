// Properties over every amount rule in the knowledge base: an amount never
// exceeds its cap, never goes negative, never falls when the expense rises.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { subsidyAmount, type AmountInput } from '../../src/core/amount';
import type { AmountRule } from '../../src/core/knowledge/types';
import { knowledge } from '../helpers';

const rules: { id: string; rule: AmountRule }[] = knowledge.programs.flatMap((p) =>
  p.editions.flatMap((e) => e.tracks.filter((t) => t.amount).map((t) => ({ id: `${p.id}/${e.id}/${t.id}`, rule: t.amount! }))),
);
const questionIds = knowledge.questions.map((q) => q.id);

const answersArb = fc.dictionary(
  fc.constantFrom(...questionIds),
  fc.oneof(fc.constantFrom('yes', 'no', 'small', 'other'), fc.integer({ min: 0, max: 50_000_000 })),
);
const ctxArb = fc.record({
  sizeClass: fc.constantFrom('small', 'sme', 'large', 'unknown') as fc.Arbitrary<AmountInput['sizeClass']>,
  employees: fc.integer({ min: 0, max: 2000 }),
  answers: answersArb,
});

describe('amount properties over all knowledge-base rules', () => {
  it('has rules to check', () => {
    expect(rules.length).toBeGreaterThan(0);
  });

  it('never exceeds the cap, never negative, self-pay adds up', () => {
    fc.assert(
      fc.property(fc.constantFrom(...rules), fc.integer({ min: 0, max: 1_000_000_000 }), ctxArb, ({ rule }, expenseYen, ctx) => {
        const a = subsidyAmount(rule, { ...ctx, expenseYen });
        expect(a.yen).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(a.yen)).toBe(true);
        if (a.capYen !== null) expect(a.yen).toBeLessThanOrEqual(a.capYen);
        if (rule.flatYen === undefined) {
          expect(a.yen).toBeLessThanOrEqual(expenseYen);
          expect(a.selfPayYen).toBe(expenseYen - a.yen);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never falls when the expense rises', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.integer({ min: 0, max: 500_000_000 }),
        fc.integer({ min: 0, max: 500_000_000 }),
        ctxArb,
        ({ rule }, e1, delta, ctx) => {
          const low = subsidyAmount(rule, { ...ctx, expenseYen: e1 });
          const high = subsidyAmount(rule, { ...ctx, expenseYen: e1 + delta });
          expect(high.yen).toBeGreaterThanOrEqual(low.yen);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
