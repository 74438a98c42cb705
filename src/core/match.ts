// Matching: every program track against one business profile, with verdict,
// reasons, computed amount, status and source; best matches first.
import { subsidyAmount, type SubsidyAmount } from './amount';
import { combinedAmount } from './combine';
import type { Answers } from './conditions';
import { combineVerdicts, eligibilityReasons, goalFit, industryIn, trackGoals, VERDICT_LABELS, type Profile, type Reason, type Verdict } from './eligibility';
import type { Benefit, Edition, Knowledge, Program, Source, Track } from './knowledge/types';
import { candidatePrograms } from './program-index';
import { questionsFor, type QuestionView } from './questions';
import { newestEdition, olderEditionReason, reachableTracks } from './reach';
import { applicationStatus, statusRank, type ApplicationStatus } from './status';

export interface MatchOptions {
  /** YYYY-MM-DD, the date statuses are computed against. */
  date: string;
  /**
   * 'all' (default): one row per track of every program, 対象外 included with its reason.
   * 'candidates': only programs of the business's region and goals (via the index); the
   * rest would all be 対象外 by region or goal. The dialogue uses this.
   */
  scope?: 'all' | 'candidates';
  /** Per-track expense (key `programId:trackId`), overriding profile.expenseYen. */
  trackExpenses?: Record<string, number>;
  /** Tracks to leave without an amount (their expense is unknown: the user's budget is for something else). */
  noExpense?: ReadonlySet<string>;
  /** Only these programs (a refinement re-evaluates just the programs a question affects). */
  only?: ReadonlySet<string>;
  /** Only these tracks (`programId:trackId`), without combined rows: what one answer can change. */
  onlyTracks?: ReadonlySet<string>;
  /** The candidate programs, when the caller has them already (the same as scope 'candidates' would find). */
  programs?: readonly Program[];
  /** Skip the amount of rows already 対象外 (the dialogue shows only their reasons). */
  lean?: boolean;
}

export interface MatchRow {
  programId: string;
  programName: string;
  kind: Program['kind'];
  trackId: string;
  trackName: string;
  issuer: string;
  issuerLevel: Program['issuer']['level'];
  edition: { id: string; label: string; asOf: string };
  otherEditions: { id: string; label: string; asOf: string }[];
  /** The track is described only by an older edition (it may have ended): 要確認, and ranked after current tracks. */
  olderEdition: boolean;
  /** How precisely the track serves the user's goals (higher is closer; 0 without goals). */
  goalFit: number;
  /** The track goal that serves the user's goals best, if any. */
  goalMatch?: string;
  verdict: Verdict;
  verdictLabel: string;
  reasons: Reason[];
  amount: SubsidyAmount | null;
  benefit: Benefit | null;
  questions: QuestionView[];
  status: ApplicationStatus;
  period: string;
  conditions: string[];
  notes: string[];
  source: Source;
}

const VERDICT_ORDER: Record<Verdict, number> = { eligible: 0, check: 1, ineligible: 2 };
const LEVEL_ORDER = { municipality: 0, prefecture: 1, national: 2 } as const;

export { newestEdition };

function periodText(app: Edition['application']): string {
  if (app.kind === 'window') return app.windows.map((w) => (w.label ? `${w.label}：${w.text}` : w.text)).join(' / ');
  return app.text;
}

function trackRow(k: Knowledge, program: Program, edition: Edition, track: Track, profile: Profile, opts: MatchOptions, older: boolean): MatchRow {
  const info = k.ix.trackInfo.get(`${program.id}:${edition.id}:${track.id}`)!;
  const reasons = eligibilityReasons(k, program, track, info.eligibilityDoubts as string[], profile);
  const fit = goalFit(k, info.goals as string[], profile.goals);
  if (older) {
    // A track only an older edition describes may have ended: 要確認, with its edition and date.
    reasons.push({ criterion: 'document', verdict: 'check', text: `${olderEditionReason(edition)}。` });
    // Such a track answers a goal it serves itself, not one it reaches only by a broader goal
    // (ものづくり 18次 省力化枠 [設備整備] is no answer to 「インボイス対応のレジ」).
    if (fit.broaderOnly) {
      const i = reasons.findIndex((r) => r.criterion === 'goal');
      reasons[i] = { criterion: 'goal', verdict: 'ineligible', text: `ご希望の目的に直接当たる枠ではありません（${edition.label}の資料にのみ記載のある枠です）。` };
    }
  }
  const key = `${program.id}:${track.id}`;
  const expense = opts.noExpense?.has(key) ? undefined : (opts.trackExpenses?.[key] ?? profile.expenseYen);
  const excluded = opts.lean === true && reasons.some((r) => r.verdict === 'ineligible');
  let amount: SubsidyAmount | null = null;
  if (track.amount && !excluded && (expense !== undefined || track.amount.flatYen !== undefined)) {
    amount = subsidyAmount(track.amount, {
      expenseYen: expense ?? 0,
      sizeClass: profile.size.sizeClass,
      employees: profile.employees,
      answers: profile.answers,
      industryIn: (ids) => industryIn(k, profile.industry, ids),
    });
    if (info.amountDoubts.length > 0) amount.doubtful = true;
    for (const d of info.amountDoubts) amount.notes.push(`要確認：${d}`);
  }
  const app = track.application ?? edition.application;
  const status = applicationStatus(app, opts.date, edition);
  for (const d of info.statusDoubts) status.detail += `（要確認：${d}）`;
  const verdict = combineVerdicts(reasons);
  const pending = [
    ...reasons.filter((r) => r.verdict === 'check' && r.question).map((r) => r.question!),
    ...(amount?.pendingQuestions ?? []),
    ...(track.amount && expense === undefined && track.amount.flatYen === undefined ? ['expenseYen'] : []),
  ];
  return {
    programId: program.id,
    programName: program.name,
    kind: program.kind,
    trackId: track.id,
    trackName: track.name,
    issuer: program.issuer.name,
    issuerLevel: program.issuer.level,
    edition: { id: edition.id, label: edition.label, asOf: edition.asOf },
    otherEditions: info.otherEditions as MatchRow['otherEditions'],
    olderEdition: older,
    ...(older && fit.broaderOnly ? { goalFit: 0 } : fit.best ? { goalFit: fit.score, goalMatch: fit.best } : { goalFit: fit.score }),
    verdict,
    verdictLabel: VERDICT_LABELS[verdict],
    reasons,
    amount,
    benefit: track.benefit ?? null,
    questions: verdict === 'ineligible' ? [] : questionsFor(k, pending),
    status,
    period: periodText(app),
    conditions: info.conditions as string[],
    notes: info.notes as string[],
    source: track.source,
  };
}

/**
 * Best first: what the business is not excluded from; then how precisely the track
 * serves the stated goal (an exact goal before a related one); then 対象 before 要確認;
 * then calls open by a dated period (受付中・随時) before 随時 known only from a document's
 * wording, 受付前, 未定 and 受付終了 (status.ts, statusRank); then the tracks of current
 * editions before those only an older edition describes; then larger amounts, local
 * programs first.
 */
export function compareRows(a: MatchRow, b: MatchRow): number {
  const excluded = (r: MatchRow) => (r.verdict === 'ineligible' ? 1 : 0);
  return (
    excluded(a) - excluded(b) ||
    b.goalFit - a.goalFit ||
    VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
    statusRank(a.status) - statusRank(b.status) ||
    Number(a.olderEdition) - Number(b.olderEdition) ||
    (b.amount?.yen ?? -1) - (a.amount?.yen ?? -1) ||
    LEVEL_ORDER[a.issuerLevel] - LEVEL_ORDER[b.issuerLevel] ||
    byCodeUnit(a.programId, b.programId) ||
    byCodeUnit(a.trackId, b.trackId)
  );
}

/** Ids are ASCII: plain code-unit order, without ICU collation on the hot path. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function matchPrograms(k: Knowledge, profile: Profile, opts: MatchOptions): MatchRow[] {
  const rows: MatchRow[] = [];
  const programs = opts.only
    ? [...opts.only].flatMap((id) => k.ix.programById.get(id) ?? [])
    : (opts.programs ?? (opts.scope === 'candidates' ? candidatePrograms(k, profile.prefecture, profile.goals, profile.municipality) : k.programs));
  for (const program of programs) {
    for (const { edition, tracks, older } of reachableTracks(program)) {
      if (opts.onlyTracks) {
        for (const t of tracks) if (opts.onlyTracks.has(`${program.id}:${t.id}`)) rows.push(trackRow(k, program, edition, t, profile, opts, older));
        continue;
      }
      const editionRows = tracks.map((t) => trackRow(k, program, edition, t, profile, opts, older));
      // A combined claim serves the goals of all its tracks.
      const combined = combinedAmount(program, edition, editionRows, opts.trackExpenses).map((r) => {
        const goals = [...new Set(tracks.filter((t) => r.trackId.split('+').includes(t.id)).flatMap((t) => trackGoals(program, t)))];
        const fit = goalFit(k, goals, profile.goals);
        return { ...r, goalFit: fit.score, ...(fit.best ? { goalMatch: fit.best } : {}) };
      });
      rows.push(...editionRows, ...combined);
    }
  }
  return rows.sort(compareRows);
}

export type { Answers };
