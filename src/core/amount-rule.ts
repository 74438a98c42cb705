// The one walker over the amount-rule format (knowledge/README.md, 「Amount rules」).
// A rate or a cap is written in several shapes (a plain value, `{default, when}`,
// `{byEmployees}`); these helpers turn each shape into one uniform form, and
// `walkAmountRule` visits every part of a rule with its path in the YAML. The
// engine (amount.ts), the summaries (describe.ts), the API's question lists and
// the knowledge checker (scripts/knowledge/cross-check.ts) all read rules through here.
import { conditionQuestions } from './conditions';
import type { AmountRule, CapSpec, CapValue, Condition, RateSpec } from './knowledge/types';

export type RulePath = (string | number)[];

/** A value that depends on conditions: the first alternative whose condition holds, else the default. */
export interface Alternatives<T> {
  default: T;
  when: { if: Condition; value: T; label: string }[];
}

export type EmployeeBand = Extract<CapValue, { byEmployees: unknown }>['byEmployees'][number];

/** A rate spec as default + alternatives (a plain "1/2" has none). */
export function rateAlternatives(spec: RateSpec): Alternatives<string> {
  if (typeof spec === 'string') return { default: spec, when: [] };
  return { default: spec.default, when: spec.when.map((w) => ({ if: w.if, value: w.rate, label: w.label })) };
}

/** A cap spec as default + alternatives; each value a CapValue (a number or employee bands). */
export function capAlternatives(spec: CapSpec): Alternatives<CapValue> {
  if (typeof spec === 'number' || 'byEmployees' in spec) return { default: spec, when: [] };
  return { default: spec.default, when: spec.when.map((w) => ({ if: w.if, value: w.cap, label: w.label })) };
}

/** A cap value as employee bands (a plain number is one open band). */
export function capBands(cap: CapValue): EmployeeBand[] {
  return typeof cap === 'number' ? [{ yen: cap }] : cap.byEmployees;
}

/** One part of an amount rule, with where it is (relative to the rule). */
export type RuleNode =
  | { kind: 'rate'; spec: RateSpec; path: RulePath }
  | { kind: 'cap'; value: CapValue; path: RulePath }
  | { kind: 'condition'; cond: Condition; path: RulePath }
  /** A question whose answer is a number the rule reads: persons (count) or a part of the expense (yen). */
  | { kind: 'question'; id: string; type: 'count' | 'yen'; path: RulePath };

/** Every rate spec, cap value, condition and numeric question of a rule (rate, cap, tiers, uplifts, persons, parts). */
export function walkAmountRule(rule: AmountRule, visit: (node: RuleNode) => void): void {
  const rate = (spec: RateSpec, path: RulePath) => {
    visit({ kind: 'rate', spec, path });
    if (typeof spec !== 'string') spec.when.forEach((w, i) => visit({ kind: 'condition', cond: w.if, path: [...path, 'when', i, 'if'] }));
  };
  if (rule.rate !== undefined) rate(rule.rate, ['rate']);
  if (rule.cap !== undefined) {
    const cap = rule.cap;
    if (typeof cap === 'number' || 'byEmployees' in cap) visit({ kind: 'cap', value: cap, path: ['cap'] });
    else {
      visit({ kind: 'cap', value: cap.default, path: ['cap', 'default'] });
      cap.when.forEach((w, i) => {
        visit({ kind: 'condition', cond: w.if, path: ['cap', 'when', i, 'if'] });
        visit({ kind: 'cap', value: w.cap, path: ['cap', 'when', i, 'cap'] });
      });
    }
  }
  rule.tiers?.forEach((t, i) => rate(t.rate, ['tiers', i, 'rate']));
  rule.capUplifts?.forEach((u, i) => visit({ kind: 'condition', cond: u.if, path: ['capUplifts', i, 'if'] }));
  if (rule.perPerson) visit({ kind: 'question', id: rule.perPerson.question, type: 'count', path: ['perPerson', 'question'] });
  rule.partLimits?.forEach((l, i) => visit({ kind: 'question', id: l.question, type: 'yen', path: ['partLimits', i, 'question'] }));
}

/**
 * The questions (and profile fields) whose answers can change the amount: the
 * conditions' question ids, persons, parts of the expense, and the expense itself.
 */
export function amountQuestionIds(rule: AmountRule | undefined): string[] {
  if (!rule) return [];
  const ids: string[] = [];
  walkAmountRule(rule, (n) => {
    if (n.kind === 'condition') ids.push(...conditionQuestions(n.cond));
    else if (n.kind === 'question') ids.push(n.id);
  });
  if (rule.flatYen === undefined) ids.push('expenseYen');
  return ids;
}
