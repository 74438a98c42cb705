// Tracks claimed together (same combineGroup): the amounts before cap are added
// and the highest cap among them applies — ひたちなか市 ビジネスマッチング事業
// (「上限額が高い事業類型の上限額を適用」, its example 250,000 + 80,000 → 300,000).
// Independent of the match module: it combines any rows of this shape.
import type { SubsidyAmount } from './amount';
import type { Reason } from './eligibility';
import type { Edition, Program } from './knowledge/types';
import { yen } from './yen';

/** What a combined claim reads of a track's result row. */
export interface CombinableRow {
  trackId: string;
  trackName: string;
  amount: SubsidyAmount | null;
  reasons: Reason[];
  notes: string[];
}

/**
 * One combined row per combineGroup of the edition with at least two tracks that
 * have their own expense (trackExpenses, key `programId:trackId`) and an amount.
 */
export function combinedAmount<R extends CombinableRow>(program: Program, edition: Edition, rows: R[], trackExpenses: Record<string, number> | undefined): R[] {
  const groups = new Map<string, R[]>();
  for (const track of edition.tracks) {
    if (!track.combineGroup) continue;
    if (trackExpenses?.[`${program.id}:${track.id}`] === undefined) continue;
    const row = rows.find((r) => r.trackId === track.id);
    if (!row?.amount) continue;
    groups.set(track.combineGroup, [...(groups.get(track.combineGroup) ?? []), row]);
  }
  const out: R[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const parts = members.map((m) => m.amount!);
    out.push({
      ...members[0]!,
      trackId: members.map((m) => m.trackId).join('+'),
      trackName: `${members.map((m) => m.trackName).join('＋')}（同時申請）`,
      amount: combine(parts, members.map((m) => m.trackName)),
      reasons: members.flatMap((m) => m.reasons.filter((r) => r.criterion !== 'region' || m === members[0])),
      notes: [...members[0]!.notes, '同時申請のときは各類型の経費を合算し、上限額が高い類型の上限額を適用します。'],
    });
  }
  return out;
}

export function combine(parts: SubsidyAmount[], names: string[]): SubsidyAmount {
  const expense = parts.reduce((s, p) => s + p.expenseYen, 0);
  const beforeCap = parts.reduce((s, p) => s + p.beforeCapYen, 0);
  const caps = parts.map((p) => p.capYen ?? Infinity);
  const cap = Math.max(...caps);
  const amount = Math.min(beforeCap, cap);
  const lines = parts.map((p, i) => ({ label: names[i]!, value: `${yen(p.eligibleExpenseYen)} × ${p.rateLabel} ＝ ${yen(p.beforeCapYen)}` }));
  const steps = [
    ...lines,
    { label: '合計', value: yen(beforeCap) },
    { label: '上限額', value: `${Number.isFinite(cap) ? yen(cap) : 'なし'}（各類型のうち高い方） → ${beforeCap > cap ? '上限を適用' : '上限内'}` },
    { label: '補助額', value: yen(amount) },
    { label: '自己負担額', value: `${yen(expense)} − ${yen(amount)} ＝ ${yen(expense - amount)}` },
  ];
  return {
    eligible: parts.every((p) => p.eligible),
    yen: amount,
    selfPayYen: expense - amount,
    expenseYen: expense,
    eligibleExpenseYen: parts.reduce((s, p) => s + p.eligibleExpenseYen, 0),
    beforeCapYen: beforeCap,
    capYen: Number.isFinite(cap) ? cap : null,
    capApplied: beforeCap > cap,
    rateLabel: [...new Set(parts.map((p) => p.rateLabel))].join('・'),
    explanation: steps.map((s) => `${s.label}：${s.value}`),
    steps,
    pendingQuestions: [...new Set(parts.flatMap((p) => p.pendingQuestions))],
    notes: parts.flatMap((p) => p.notes),
    doubtful: parts.some((p) => p.doubtful),
  };
}
