// A query remembered for the Slack App Home (「最近の検索」): the conditions of an answer
// as slots, never the text that was typed. Follow-up answers are left out (the list
// stays one line per query), and each expense's purpose is named by its goal's label
// from the taxonomy, not by the words the user wrote.
import { fnv1a } from '../core/hash';
import type { Knowledge } from '../core/knowledge/types';
import { OTHER_MUNICIPALITY } from './actions';
import { specFor } from './slot-specs';
import type { Slots } from './types';

/** At most this many queries per person, newest first. */
export const MAX_RECENT = 5;

/** The conditions of a query, as they are kept. */
export function querySlots(k: Knowledge, s: Slots): Slots {
  const q: Slots = { answers: {} };
  if (s.prefecture !== undefined) q.prefecture = s.prefecture;
  if (s.municipality !== undefined) q.municipality = s.municipality;
  if (s.industry !== undefined) q.industry = s.industry;
  if (s.employees !== undefined) q.employees = s.employees;
  if (s.capitalYen !== undefined) q.capitalYen = s.capitalYen;
  if (s.goals !== undefined) q.goals = [...s.goals];
  if (s.goalWords !== undefined) q.goalWords = [...s.goalWords];
  if (s.expenseYen !== undefined) q.expenseYen = s.expenseYen;
  if (s.expenses !== undefined) q.expenses = s.expenses.map((e) => ({ yen: e.yen, goal: e.goal, label: k.ix.goalById.get(e.goal)?.label ?? e.goal }));
  if (s.perPersonYen !== undefined) q.perPersonYen = s.perPersonYen;
  if (s.perPersonGoal !== undefined) q.perPersonGoal = s.perPersonGoal;
  return q;
}

/** A compact id of a query (8 hex digits, FNV-1a of its slots): the dedupe key and the button value. */
export function queryId(slots: Slots): string {
  return fnv1a(JSON.stringify(slots));
}

const man = (yen: number) => (yen % 10_000 === 0 ? `${(yen / 10_000).toLocaleString('ja-JP')}万円` : `${yen.toLocaleString('ja-JP')}円`);

/**
 * One line: 「金沢市・製造業・8人・海外、展示会・300万円」 (the municipality, or the prefecture;
 * the goals by the taxonomy words they were read from, else by their labels; the expense in total).
 */
export function querySummary(k: Knowledge, slots: Slots): string {
  const region = slots.municipality && slots.municipality !== OTHER_MUNICIPALITY ? slots.municipality : slots.prefecture;
  const industry = specFor(k, 'industry')?.show(k, slots);
  const employees = slots.employees !== undefined ? `${slots.employees}人` : undefined;
  const goals = slots.goalWords && slots.goalWords.length > 0 ? slots.goalWords.join('、') : slots.goals && slots.goals.length > 0 ? slots.goals.map((g) => k.ix.goalById.get(g)?.label ?? g).join('、') : undefined;
  const total = (slots.expenses ?? []).reduce((n, e) => n + e.yen, 0) || (typeof slots.expenseYen === 'number' ? slots.expenseYen : 0);
  const expense = slots.perPersonYen !== undefined ? `1人あたり${man(slots.perPersonYen)}` : total > 0 ? man(total) : undefined;
  return [region, industry, employees, goals, expense].filter((p): p is string => Boolean(p)).join('・') || '（条件なし）';
}
