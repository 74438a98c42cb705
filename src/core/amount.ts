// The amount engine: one function computes every rule type the documents use,
// and writes its working in Japanese (対象経費 × 補助率 → 上限 → 補助額, 自己負担).
import { capAlternatives, capBands, rateAlternatives } from './amount-rule';
import { bandLabel } from './bands';
import { evaluate, type ConditionContext } from './conditions';
import { applyRate, parseRate, rateText, type Fraction } from './fraction';
import type { AmountRule, CapSpec, CapValue, RateSpec } from './knowledge/types';
import { manYen, yen } from './yen';

export interface AmountInput extends ConditionContext {
  /** Planned expense, 税抜. */
  expenseYen: number;
  /**
   * Whether the business is in one of these industries (a parent id covers its children):
   * 'unknown' when it named a broader industry. Without it, industry limits on parts of
   * the expense are not applied (the part counts as for any business).
   */
  industryIn?: (ids: readonly string[]) => boolean | 'unknown';
}

export interface AmountStep {
  label: string;
  value: string;
}

export interface SubsidyAmount {
  /** False when the expense or the subsidy is below the program's minimum. */
  eligible: boolean;
  yen: number;
  selfPayYen: number;
  expenseYen: number;
  eligibleExpenseYen: number;
  beforeCapYen: number;
  capYen: number | null;
  capApplied: boolean;
  rateLabel: string;
  /** The working, one line per step (Japanese). */
  explanation: string[];
  steps: AmountStep[];
  /** Questions whose answers would change this amount. */
  pendingQuestions: string[];
  /** Assumptions made while a question is unanswered, and other remarks. */
  notes: string[];
  /** The document leaves a figure uncertain: show as 要確認. */
  doubtful: boolean;
}

interface Resolved<T> {
  value: T;
  label?: string;
  pending: string[];
  notes: string[];
}

function resolveRate(spec: RateSpec, ctx: ConditionContext): Resolved<Fraction> {
  const alt = rateAlternatives(spec);
  const pending: string[] = [];
  const notes: string[] = [];
  for (const w of alt.when) {
    const t = evaluate(w.if, ctx);
    if (t.value === true) return { value: parseRate(w.value), label: w.label, pending, notes };
    if (t.value === 'unknown') {
      pending.push(...t.missing);
      notes.push(`${w.label}の場合は補助率${w.value}です。`);
    }
  }
  return { value: parseRate(alt.default), pending, notes };
}

function capValueYen(cap: CapValue, ctx: ConditionContext): Resolved<number> & { doubt?: string } {
  if (typeof cap === 'number') return { value: cap, pending: [], notes: [] };
  const bands = capBands(cap);
  const employees = ctx.employees ?? 0;
  const chosen = bands.find((b) => b.maxEmployees === undefined || employees <= b.maxEmployees) ?? bands[bands.length - 1]!;
  const range = bandLabel(bands, bands.indexOf(chosen));
  return {
    value: chosen.yen,
    ...(bands.length > 1 ? { label: `従業員${range}` } : {}),
    pending: ctx.employees === undefined ? ['employees'] : [],
    notes: chosen.doubt ? [`上限額は要確認です：${chosen.doubt}`] : [],
    ...(chosen.doubt ? { doubt: chosen.doubt } : {}),
  };
}

function resolveCap(spec: CapSpec, ctx: ConditionContext): Resolved<number> & { doubt?: string } {
  const alt = capAlternatives(spec);
  const pending: string[] = [];
  const notes: string[] = [];
  for (const w of alt.when) {
    const t = evaluate(w.if, ctx);
    if (t.value === true) {
      const r = capValueYen(w.value, ctx);
      return { ...r, label: [w.label, r.label].filter(Boolean).join('・'), pending: [...pending, ...r.pending], notes: [...notes, ...r.notes] };
    }
    if (t.value === 'unknown') {
      pending.push(...t.missing);
      notes.push(`${w.label}の場合は上限${yen(capValueYen(w.value, ctx).value)}です。`);
    }
  }
  const r = capValueYen(alt.default, ctx);
  return { ...r, pending: [...pending, ...r.pending], notes: [...notes, ...r.notes] };
}

/** Tiered rates on slices of the subsidy amount; exact rational arithmetic. */
function tieredSubsidy(expense: number, tiers: NonNullable<AmountRule['tiers']>, ctx: ConditionContext) {
  const pending: string[] = [];
  const notes: string[] = [];
  const parts: string[] = [];
  // Remaining expense kept as remNum / remDen.
  let remNum = expense;
  let remDen = 1;
  let subsidyNum = 0; // subsidy as subsidyNum / subsidyDen
  let subsidyDen = 1;
  let floorYen = 0;
  const labels: string[] = [];
  for (const tier of tiers) {
    const r = resolveRate(tier.rate, ctx);
    pending.push(...r.pending);
    notes.push(...r.notes);
    const rate = r.value;
    const sliceLimit = tier.upToSubsidyYen !== undefined ? tier.upToSubsidyYen - floorYen : Infinity;
    labels.push(tier.upToSubsidyYen !== undefined ? `補助額${yen(tier.upToSubsidyYen)}以下の部分 ${rateText(rate)}` : `それを超える部分 ${rateText(rate)}`);
    // slice subsidy = rem × rate
    const sliceNum = remNum * rate.num;
    const sliceDen = remDen * rate.den;
    if (sliceNum <= sliceLimit * sliceDen) {
      subsidyNum = subsidyNum * sliceDen + sliceNum * subsidyDen;
      subsidyDen = subsidyDen * sliceDen;
      parts.push(`${rateText(rate)}の部分：${yen(Math.floor(sliceNum / sliceDen))}`);
      remNum = 0;
      break;
    }
    // This slice is full: it uses sliceLimit / rate of the expense.
    subsidyNum += sliceLimit * subsidyDen;
    parts.push(`${rateText(rate)}の部分：${yen(sliceLimit)}（経費${yen(Math.ceil((sliceLimit * rate.den) / rate.num))}分）`);
    floorYen = tier.upToSubsidyYen ?? floorYen;
    // rem -= sliceLimit × den / num
    remNum = remNum * rate.num - sliceLimit * rate.den * remDen;
    remDen = remDen * rate.num;
  }
  const total = Math.floor(subsidyNum / subsidyDen);
  return { total, parts, label: labels.join('、'), pending, notes };
}

/**
 * The other reading of tiers: rates on slices of the expense, each tier's bound an expense
 * amount and the last slice ending at the cap (a number), nothing paid above it. Exact, truncated.
 */
function expenseSliceSubsidy(expense: number, tiers: NonNullable<AmountRule['tiers']>, lastBound: number, ctx: ConditionContext): number {
  let num = 0;
  let den = 1;
  let floor = 0;
  for (const tier of tiers) {
    const top = Math.min(expense, tier.upToSubsidyYen ?? lastBound);
    if (top <= floor) break;
    const rate = resolveRate(tier.rate, ctx).value;
    num = num * rate.den + (top - floor) * rate.num * den;
    den *= rate.den;
    floor = top;
  }
  return Math.floor(num / den);
}

/** A numeric answer (yen, count), or undefined when missing or not a number. */
function numericAnswer(raw: string | number | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

export function subsidyAmount(rule: AmountRule, input: AmountInput): SubsidyAmount {
  const expense = Math.max(0, Math.floor(input.expenseYen));
  const steps: AmountStep[] = [];
  const pending: string[] = [];
  const notes: string[] = [];
  let doubtful = false;
  const done = (o: Omit<SubsidyAmount, 'explanation' | 'steps' | 'pendingQuestions' | 'notes' | 'doubtful'>): SubsidyAmount => ({
    ...o,
    explanation: steps.map((s) => `${s.label}：${s.value}`),
    steps,
    pendingQuestions: [...new Set(pending)],
    notes,
    doubtful,
  });

  if (rule.flatYen !== undefined) {
    steps.push({ label: '定額', value: `${yen(rule.flatYen)}（経費にかかわらず定額で交付）` });
    steps.push({ label: '交付額', value: yen(rule.flatYen) });
    return done({
      eligible: true, yen: rule.flatYen, selfPayYen: 0, expenseYen: expense, eligibleExpenseYen: 0,
      beforeCapYen: rule.flatYen, capYen: null, capApplied: false, rateLabel: '定額',
    });
  }

  steps.push({ label: '予定経費（税抜）', value: yen(expense) });
  let eligibleExpense = expense;
  for (const limit of rule.partLimits ?? []) {
    const raw = numericAnswer(input.answers[limit.question]);
    const allowed = limit.onlyFor && input.industryIn ? input.industryIn(limit.onlyFor.industries) : true;
    if (limit.onlyFor && allowed === 'unknown') {
      doubtful = true;
      notes.push(`要確認：${limit.onlyFor.label}です。ほかの業種の場合は、その分を経費から除いて計算します。`);
    }
    if (raw === undefined) {
      pending.push(limit.question);
      notes.push(
        allowed === false
          ? `${limit.onlyFor!.label}です。経費に含まれる場合は、その額を教えていただくと除いて計算します（未回答のため全額を対象として計算）。`
          : `${limit.label}は、それ以外の経費の合計額までが対象です（未回答のため全額を対象として計算）。`,
      );
      continue;
    }
    const part = Math.min(raw, eligibleExpense);
    if (allowed === false) {
      eligibleExpense -= part;
      steps.push({ label: '対象外の経費', value: `${yen(part)}（${limit.onlyFor!.label}です）` });
      continue;
    }
    const others = eligibleExpense - part;
    if (part > others) {
      eligibleExpense = others * 2;
      steps.push({ label: `${limit.label}の上限`, value: `${yen(part)}のうち、他の経費の合計${yen(others)}までが対象` });
    }
  }
  if (eligibleExpense !== expense) steps.push({ label: '対象経費', value: yen(eligibleExpense) });

  if (rule.minExpenseYen !== undefined && eligibleExpense < rule.minExpenseYen) {
    steps.push({ label: '対象外', value: `対象経費が${yen(rule.minExpenseYen)}以上の事業に限られます` });
    return done({
      eligible: false, yen: 0, selfPayYen: expense, expenseYen: expense, eligibleExpenseYen: eligibleExpense,
      beforeCapYen: 0, capYen: null, capApplied: false, rateLabel: '',
    });
  }

  let beforeCap: number;
  let rateLabel: string;
  if (rule.tiers) {
    const t = tieredSubsidy(eligibleExpense, rule.tiers, input);
    pending.push(...t.pending);
    notes.push(...t.notes);
    beforeCap = t.total;
    rateLabel = t.label;
    steps.push({ label: '補助率', value: t.label });
    steps.push({ label: '補助率適用後', value: `${t.parts.join(' ＋ ')} ＝ ${yen(beforeCap)}` });
  } else {
    const r = resolveRate(rule.rate!, input);
    pending.push(...r.pending);
    notes.push(...r.notes);
    beforeCap = applyRate(eligibleExpense, r.value);
    rateLabel = rateText(r.value) + (r.label ? `（${r.label}）` : '');
    steps.push({ label: '補助率', value: rateLabel });
    steps.push({ label: '補助率適用後', value: `${yen(eligibleExpense)} × ${rateText(r.value)} ＝ ${yen(beforeCap)}` });
  }

  let cap: number | null = null;
  const capLabels: string[] = [];
  if (rule.cap !== undefined) {
    const c = resolveCap(rule.cap, input);
    pending.push(...c.pending);
    notes.push(...c.notes);
    if (c.doubt) doubtful = true;
    cap = c.value;
    if (c.label) capLabels.push(c.label);
  }
  for (const u of rule.capUplifts ?? []) {
    const t = evaluate(u.if, input);
    if (t.value === true && cap !== null) {
      cap += u.addYen;
      capLabels.push(`${u.label} +${yen(u.addYen)}`);
    } else if (t.value === 'unknown') {
      pending.push(...t.missing);
      notes.push(`${u.label}に該当する場合は上限が${yen(u.addYen)}上乗せされます。`);
    }
  }
  if (rule.perPerson) {
    const persons = numericAnswer(input.answers[rule.perPerson.question]);
    if (persons === undefined) {
      pending.push(rule.perPerson.question);
      notes.push(`人数が未回答のため1名として計算しています（${rule.perPerson.label}）。`);
    }
    const perPersonCap = rule.perPerson.yen * (persons ?? 1);
    capLabels.push(`${rule.perPerson.label} ${yen(rule.perPerson.yen)} × ${persons ?? 1}名`);
    cap = cap === null ? perPersonCap : Math.min(cap, perPersonCap);
  }
  let capApplied = false;
  let amount = beforeCap;
  if (cap !== null) {
    const effectiveCap = rule.capExclusive ? cap - 1 : cap;
    const capText = rule.capExclusive ? `${yen(cap)}未満` : yen(cap);
    const label = capLabels.length > 0 ? `（${capLabels.join('、')}）` : '';
    if (beforeCap > effectiveCap) {
      amount = effectiveCap;
      capApplied = true;
      steps.push({ label: '上限額', value: `${capText}${label} → 上限を適用` });
    } else {
      steps.push({ label: '上限額', value: `${capText}${label} → 上限内` });
    }
  }
  if (rule.tiers && rule.tiersAmbiguous) {
    const bound = rule.tiers[0]!.upToSubsidyYen!;
    const other = expenseSliceSubsidy(eligibleExpense, rule.tiers, typeof rule.cap === 'number' ? rule.cap : Infinity, input);
    const otherAmount = cap === null ? other : Math.min(other, cap);
    // Both readings give the same amount here: nothing to confirm.
    if (otherAmount !== amount) doubtful = true;
    if (otherAmount !== amount) notes.push(
      `要確認：「${manYen(bound)}を超える部分」が補助額の区分か経費の区分か、資料からは分かりません。補助額の区分と読むと${yen(amount)}、経費の区分と読むと${yen(otherAmount)}です（補助額の区分で計算しています）。`,
    );
  }
  if (rule.minSubsidyYen !== undefined && amount < rule.minSubsidyYen) {
    steps.push({ label: '対象外', value: `補助額が下限${yen(rule.minSubsidyYen)}に届きません` });
    return done({
      eligible: false, yen: 0, selfPayYen: expense, expenseYen: expense, eligibleExpenseYen: eligibleExpense,
      beforeCapYen: beforeCap, capYen: cap, capApplied, rateLabel,
    });
  }
  steps.push({ label: '補助額', value: yen(amount) });
  steps.push({ label: '自己負担額', value: `${yen(expense)} − ${yen(amount)} ＝ ${yen(expense - amount)}` });
  return done({
    eligible: true, yen: amount, selfPayYen: expense - amount, expenseYen: expense, eligibleExpenseYen: eligibleExpense,
    beforeCapYen: beforeCap, capYen: cap, capApplied, rateLabel,
  });
}
