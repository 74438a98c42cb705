// Eligibility of one program track for one business: a verdict per criterion
// (region, industry, size class, goal, requirements, documents) with its reason
// in Japanese, combined into 対象 / 要確認 / 対象外.
import { amountQuestionIds } from './amount-rule';
import type { Answers } from './conditions';
import type { Industry, Knowledge, Program, Target, Track } from './knowledge/types';
import type { SizeClassResult } from './size-class';
import { lineage, related } from './taxonomy';

export type Verdict = 'eligible' | 'check' | 'ineligible';
export type Criterion = 'region' | 'industry' | 'size' | 'goal' | 'requirement' | 'document';

export const VERDICT_LABELS: Record<Verdict, string> = { eligible: '対象', check: '要確認', ineligible: '対象外' };

export interface Reason {
  criterion: Criterion;
  verdict: Verdict;
  text: string;
  /** The question (or profile field) that would settle a 要確認. */
  question?: string;
}

export interface Profile {
  prefecture: string;
  municipality?: string;
  industry: Industry;
  employees: number;
  capitalYen?: number;
  size: SizeClassResult;
  goals: string[];
  expenseYen?: number;
  answers: Answers;
}

/** Program target with the track's overrides (size and industries replace; lists add up). */
export function effectiveTarget(program: Program, track: Track): Target {
  const p = program.target ?? {};
  const t = track.target ?? {};
  return {
    sizeClasses: t.sizeClasses ?? p.sizeClasses,
    industries: t.industries ?? p.industries,
    requirements: [...(p.requirements ?? []), ...(t.requirements ?? [])],
    conditions: [...(p.conditions ?? []), ...(t.conditions ?? [])],
    ...((t.employees ?? p.employees) ? { employees: (t.employees ?? p.employees)! } : {}),
  };
}

/** Every question (and profile field) whose answer can change a track's verdict or amount. */
export function trackQuestionIds(program: Program, track: Track): string[] {
  const target = effectiveTarget(program, track);
  return [
    ...(target.requirements ?? []).map((r) => r.question),
    ...(target.industries?.othersIf ? [target.industries.othersIf] : []),
    ...amountQuestionIds(track.amount),
  ];
}

function regionReason(program: Program, profile: Profile): Reason {
  const r = program.region;
  if (!r) return { criterion: 'region', verdict: 'eligible', text: '全国の事業者が対象です。' };
  const where = `${r.prefecture}${r.municipality ?? ''}`;
  if (r.prefecture !== profile.prefecture)
    return { criterion: 'region', verdict: 'ineligible', text: `${where}の事業者が対象です（所在地：${profile.prefecture}${profile.municipality ?? ''}）。` };
  if (!r.municipality) return { criterion: 'region', verdict: 'eligible', text: `${where}内の事業者が対象です。` };
  if (!profile.municipality)
    return { criterion: 'region', verdict: 'check', text: `${where}に事業所がある方が対象です。市区町村を教えてください。`, question: 'municipality' };
  if (profile.municipality !== r.municipality)
    return { criterion: 'region', verdict: 'ineligible', text: `${where}の事業者が対象です（所在地：${profile.prefecture}${profile.municipality}）。` };
  return { criterion: 'region', verdict: 'eligible', text: `${where}に所在しています。` };
}

/**
 * Whether a business of `industry` is in one of `ids` (a parent id covers its children):
 * 'unknown' when the business named a broader industry that contains one of them
 * (情報通信業 for 情報サービス業).
 */
export function industryIn(k: Knowledge, industry: Industry, ids: readonly string[]): boolean | 'unknown' {
  const mine = lineage(k.ix.industryLineage, industry.id);
  if (ids.some((id) => mine.includes(id))) return true;
  if (ids.some((id) => lineage(k.ix.industryLineage, id).includes(industry.id))) return 'unknown';
  return false;
}

function industryReason(k: Knowledge, target: Target, profile: Profile): Reason {
  const spec = target.industries;
  const mine = profile.industry;
  if (!spec) return { criterion: 'industry', verdict: 'eligible', text: '業種の制限はありません。' };
  const mineLine = lineage(k.ix.industryLineage, mine.id);
  const label = (id: string) => k.ix.industryById.get(id)?.label ?? id;
  if (spec.exclude?.some((id) => mineLine.includes(id)))
    return { criterion: 'industry', verdict: 'ineligible', text: `${mine.label}は対象外の業種です。` };
  if (!spec.include) return { criterion: 'industry', verdict: 'eligible', text: `${mine.label}は対象業種です。` };
  const listed = spec.include.map(label).join('、');
  if (spec.include.some((id) => mineLine.includes(id)))
    return { criterion: 'industry', verdict: 'eligible', text: `${mine.label}は対象業種（${listed}）です。` };
  // The user named a broad industry that contains an eligible finer one.
  if (spec.include.some((id) => lineage(k.ix.industryLineage, id).includes(mine.id)))
    return { criterion: 'industry', verdict: 'check', text: `${mine.label}のうち${listed}が対象です。詳しい業種をご確認ください。`, question: 'industry' };
  if (spec.othersIf) {
    const q = k.ix.questionById.get(spec.othersIf);
    const answer = profile.answers[spec.othersIf];
    if (answer === undefined)
      return { criterion: 'industry', verdict: 'check', text: `対象業種は${listed}です。それ以外の業種は「${q?.short ?? spec.othersIf}」に当たる場合に対象です。`, question: spec.othersIf };
    if (String(answer) === 'yes')
      return { criterion: 'industry', verdict: 'eligible', text: `${mine.label}で、${q?.short ?? spec.othersIf}に当たります。` };
  }
  return { criterion: 'industry', verdict: 'ineligible', text: `対象業種は${listed}です（${mine.label}は対象外）。` };
}

/** The program's own employee band (「20名以下」), checked against the headcount given. */
function employeeBandReason(band: NonNullable<Target['employees']>, profile: Profile): Reason {
  const n = profile.employees;
  const within = (band.atMost === undefined || n <= band.atMost) && (band.atLeast === undefined || n >= band.atLeast);
  return within
    ? { criterion: 'size', verdict: 'eligible', text: `従業員${band.text}が対象で、従業員${n}人は当たります。` }
    : { criterion: 'size', verdict: 'ineligible', text: `従業員${band.text}が対象です（従業員${n}人）。` };
}

function sizeReason(k: Knowledge, target: Target, profile: Profile): Reason {
  const allowed = target.sizeClasses;
  const cls = profile.size.sizeClass;
  if (!allowed || allowed.includes('large')) return { criterion: 'size', verdict: 'eligible', text: '企業規模の制限はありません。' };
  const wanted = allowed.includes('sme') ? '中小企業者' : '小規模事業者';
  const c = profile.size.category;
  // Above the 中小企業 headcount line, no capital makes a business 小規模: a 小規模-only program is 対象外 at once.
  if (cls === 'unknown' && !allowed.includes('sme'))
    return { criterion: 'size', verdict: 'ineligible', text: `${wanted}のみが対象です（従業員${profile.employees}人は、${c.label}の小規模企業者の基準（${c.smallEmployees}人以下）を超えます）。` };
  if (cls === 'unknown')
    return { criterion: 'size', verdict: 'check', text: `${wanted}が対象です。${profile.size.reason}`, question: 'capitalYen' };
  const ok = allowed.includes(cls) || (cls === 'small' && allowed.includes('sme'));
  if (ok) return { criterion: 'size', verdict: 'eligible', text: `${wanted}が対象で、${k.sizeClassShortLabels[cls]}に当たります。` };
  const why =
    cls === 'large'
      ? profile.size.reason
      : `従業員${profile.employees}人は、${c.label}の小規模企業者の基準（${c.smallEmployees}人以下）を超えます。`;
  return { criterion: 'size', verdict: 'ineligible', text: `${wanted}のみが対象です（${why.replace(/。$/, '')}）。` };
}

/**
 * How precisely a track's goals serve the user's goals: per user goal, 3 when a track
 * goal is the same, 2 when it is narrower (the user asked broadly: 販路拡大 → 展示会),
 * 1 when it is broader (展示会 → 販路拡大), summed. A track that only reaches a goal by
 * being broader while it names another, unrelated purpose is drift, not a match
 * (インボイス対応 must not bring ものづくり補助金 グローバル枠 [海外展開, 設備整備]).
 * `broaderOnly`: the track reaches the user's goals only by a broader goal of its own.
 */
export function goalFit(k: Knowledge, trackGoals: string[], userGoals: string[]): { score: number; best: string | undefined; drift: boolean; broaderOnly: boolean } {
  let score = 0;
  let top = 0;
  let best: string | undefined;
  for (const u of userGoals) {
    let fit = 0;
    for (const g of trackGoals) {
      const f = g === u ? 3 : lineage(k.ix.goalLineage, g).includes(u) ? 2 : lineage(k.ix.goalLineage, u).includes(g) ? 1 : 0;
      if (f > fit) fit = f;
      if (f > top) {
        top = f;
        best = g;
      }
    }
    score += fit;
  }
  // The track's other goals are drift unless they are kinds of the broad goal that matched
  // (持続化補助金 [販路拡大, 展示会, 店舗改装] for a website: all 販路拡大).
  const broad = trackGoals.filter((g) => userGoals.some((u) => lineage(k.ix.goalLineage, u).includes(g) && g !== u));
  const drift = top === 1 && trackGoals.some((g) => !userGoals.some((u) => related(k.ix.goalLineage, g, u)) && !broad.some((b) => lineage(k.ix.goalLineage, g).includes(b)));
  if (drift || score === 0) return { score: 0, best: undefined, drift, broaderOnly: false };
  // Among equal fits, the track that is only about what was asked comes first (国内出展 [展示会]
  // before 国外出展 [展示会, 海外展開] for someone who asked about 展示会).
  const unrelated = trackGoals.filter((g) => !userGoals.some((u) => related(k.ix.goalLineage, g, u))).length;
  return { score: Math.max(1, score * 10 - unrelated), best, drift, broaderOnly: top === 1 };
}

function goalReason(k: Knowledge, goals: string[], profile: Profile): Reason {
  if (profile.goals.length === 0) return { criterion: 'goal', verdict: 'eligible', text: '目的は指定されていません。' };
  const label = (id: string) => k.ix.goalById.get(id)?.label ?? id;
  const fit = goalFit(k, goals, profile.goals);
  if (fit.best) return { criterion: 'goal', verdict: 'eligible', text: `目的（${label(fit.best)}）に合う支援です。` };
  return {
    criterion: 'goal',
    verdict: 'ineligible',
    text: `ご希望の目的（${profile.goals.map(label).join('、')}）とは異なる支援です（${goals.map(label).join('、')}向け）。`,
  };
}

export function trackGoals(program: Program, track: Track): string[] {
  return track.goals ?? program.goals;
}

export function eligibilityReasons(k: Knowledge, program: Program, track: Track, doubts: string[], profile: Profile): Reason[] {
  const target = effectiveTarget(program, track);
  const reasons: Reason[] = [
    regionReason(program, profile),
    industryReason(k, target, profile),
    sizeReason(k, target, profile),
    ...(target.employees ? [employeeBandReason(target.employees, profile)] : []),
    goalReason(k, trackGoals(program, track), profile),
  ];
  for (const req of target.requirements ?? []) {
    const answer = profile.answers[req.question];
    if (answer === undefined || answer === '')
      reasons.push({ criterion: 'requirement', verdict: 'check', text: `要件：${req.label}（未確認）`, question: req.question });
    else if (req.accept.includes(String(answer)))
      reasons.push({ criterion: 'requirement', verdict: 'eligible', text: `要件：${req.label}（該当）` });
    else reasons.push({ criterion: 'requirement', verdict: 'ineligible', text: `要件：${req.label}（該当しない）` });
  }
  for (const d of doubts) reasons.push({ criterion: 'document', verdict: 'check', text: `資料で確認できない点があります：${d}` });
  return reasons;
}

export function combineVerdicts(reasons: Reason[]): Verdict {
  if (reasons.some((r) => r.verdict === 'ineligible')) return 'ineligible';
  if (reasons.some((r) => r.verdict === 'check')) return 'check';
  return 'eligible';
}
