// Refinements: the follow-up questions that would change a verdict or an amount of
// the programs shown, each with what it changes (「はい → 小規模事業者持続化補助金 +500,000円」).
// Offered under the answer; pressing one updates the answer.
import { yen } from '../core/yen';
import type { Matched, TurnContext } from './plan';
import { groupByProgram, type ProgramGroup } from './ranking';
import type { ConversationState } from './types';

export interface Refinement {
  /** The step id: 'expense' or 'q:<question id>'. */
  step: string;
  /** The question, in full. */
  label: string;
  /** What answering changes, in one line. */
  effect: string;
}

const MAX_REFINEMENTS = 3;

const programValue = (g: ProgramGroup | undefined) => (g?.best.amount?.eligible ? g.best.amount.yen : 0);

function effectOf(ctx: TurnContext, matched: Matched, qid: string, affected: ProgramGroup[]): { text: string; weight: number } | undefined {
  const k = ctx.knowledge;
  const q = k.ix.questionById.get(qid);
  if (!q) return undefined;
  const names = affected.map((g) => g.best.programName);
  const who = names.length > 1 ? `${names[0]}など${names.length}件` : names[0]!;
  // A number (人数, 人件費) always changes the amount: weigh it above a verdict-only question.
  if (q.type !== 'choice' || !q.choices) return { text: `${q.short}が分かると、${who}の金額が確定します`, weight: 1 };
  const only = new Set(affected.map((g) => g.best.programId));
  // Only the tracks that list the question can change: re-evaluate those, keep the rest.
  const rowsBefore = affected.flatMap((g) => [g.best, ...g.others]);
  const listing = new Set(rowsBefore.filter((r) => !r.trackId.includes('+') && (r.questions.some((x) => x.id === qid) || r.amount?.pendingQuestions.includes(qid))).map((r) => `${r.programId}:${r.trackId}`));
  const kept = rowsBefore.filter((r) => !listing.has(`${r.programId}:${r.trackId}`));
  let best: { text: string; weight: number } | undefined;
  for (const c of q.choices) {
    const after = groupByProgram([...kept, ...matched.rematch({ [qid]: c.value }, only, listing)]);
    for (const before of affected) {
      const now = after.find((g) => g.best.programId === before.best.programId);
      const delta = programValue(now) - programValue(before);
      const capDelta = (now?.best.amount?.capYen ?? 0) - (before.best.amount?.capYen ?? 0);
      let text: string | undefined;
      let weight = 0;
      if (!now) text = `${c.label} → ${before.best.programName}は対象外`;
      else if (delta > 0) {
        text = `${c.label} → ${before.best.programName} 補助額 +${yen(delta)}`;
        weight = delta;
      } else if (capDelta > 0) {
        text = `${c.label} → ${before.best.programName} 上限 +${yen(capDelta)}${before.best.amount ? '（今の経費では補助額は変わりません）' : ''}`;
        weight = before.best.amount ? 1 : capDelta;
      } else if (before.best.verdict === 'check' && now.best.verdict === 'eligible' && now.best.trackId === before.best.trackId) text = `${c.label} → ${before.best.programName}が「対象」に`;
      if (text && (!best || weight > best.weight)) best = { text, weight };
    }
  }
  // No amount or verdict of a best track moves: say which track's verdict the answer settles.
  const track = rowsBefore.find((r) => listing.has(`${r.programId}:${r.trackId}`) && r.trackId !== affected.find((g) => g.best.programId === r.programId)?.best.trackId);
  return best ?? { text: track ? `${track.programName}（${track.trackName}）の判定が確定します` : `${who}の判定が確定します`, weight: 0 };
}

/** Up to three refinements for the programs shown, most useful first. */
export function refinements(ctx: TurnContext, state: ConversationState, matched: Matched, shown: ProgramGroup[]): Refinement[] {
  const out: (Refinement & { rank: number; weight: number })[] = [];
  const needsExpense = state.slots.expenseYen === undefined && !state.slots.expenses?.length && state.slots.perPersonYen === undefined;
  if (needsExpense && shown.some((g) => [g.best, ...g.others].some((r) => r.questions.some((q) => q.id === 'expenseYen'))))
    out.push({ step: 'expense', label: '予定している経費（税抜）', effect: '各制度の補助額と自己負担額を計算します', rank: -1, weight: 0 });
  const byQuestion = new Map<string, { rank: number; groups: ProgramGroup[] }>();
  shown.forEach((g, rank) => {
    for (const r of [g.best, ...g.others]) {
      for (const qid of [...r.questions.filter((q) => q.field === 'answers').map((q) => q.id), ...(r.amount?.pendingQuestions ?? [])]) {
        if (state.asked.includes(qid) || state.slots.answers[qid] !== undefined) continue;
        const entry = byQuestion.get(qid) ?? { rank, groups: [] };
        if (!entry.groups.includes(g)) entry.groups.push(g);
        byQuestion.set(qid, entry);
      }
    }
  });
  // Effects cost a small re-match each: only the questions of the highest-ranked cards are weighed.
  const considered = [...byQuestion].sort((a, b) => a[1].rank - b[1].rank).slice(0, MAX_REFINEMENTS);
  for (const [qid, { rank, groups }] of considered) {
    const effect = effectOf(ctx, matched, qid, groups);
    const q = ctx.knowledge.ix.questionById.get(qid);
    if (effect && q) out.push({ step: `q:${qid}`, label: q.label, effect: effect.text, rank, weight: effect.weight });
  }
  return out
    .sort((a, b) => a.rank - b.rank || b.weight - a.weight)
    .slice(0, MAX_REFINEMENTS)
    .map(({ step, label, effect }) => ({ step, label, effect }));
}
