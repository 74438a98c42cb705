// From the slots to matched rows: the profile, and which expense each track is
// computed from. Several expenses go to the tracks their purpose belongs to; a
// track whose purpose the user gave no amount for shows rates and caps only.
import type { Knowledge, Program, Track } from '../core/knowledge/types';
import { matchPrograms, type MatchOptions, type MatchRow } from '../core/match';
import { buildProfile } from '../core/profile';
import { reachableTracks } from '../core/reach';
import { candidatePrograms } from '../core/program-index';
import { trackGoals } from '../core/eligibility';
import { goalFit } from '../core/eligibility';
import { lineage, normalize, related } from '../core/taxonomy';
import { OTHER_MUNICIPALITY } from './actions';
import type { Slots } from './types';

/** What one turn computes, memoised for that turn only (no module-level state). */
export interface TurnContext {
  knowledge: Knowledge;
  /** YYYY-MM-DD (JST) that statuses are computed against. */
  date: string;
  /** What this channel offers beyond the answer (the adapter knows): none by default. */
  features?: Features;
}

/** Channel features: handing a case to an advisor (LINE 1:1, web chat), saving and notices (LINE, Slack). */
export interface Features {
  handoff?: boolean;
  follow?: boolean;
}

export interface Matched {
  rows: MatchRow[];
  sizeLabel: string;
  /** The same match with more answers, over some programs and tracks only (what a refinement would change). */
  rematch(answers: Slots['answers'], only: ReadonlySet<string>, onlyTracks: ReadonlySet<string>): MatchRow[];
}

export const PERSONS_QUESTION = 'persons';

type ExpenseOptions = Pick<MatchOptions, 'trackExpenses' | 'noExpense'> & {
  /** Tracks computed from the per-person cost (× persons, or × 1 while persons are unknown). */
  perPersonKeys: Set<string>;
};
/** Less than one goal step (10), more than the penalty for unrelated goals. */
const NAMED_TRACK_BONUS = 5;

/**
 * Per-track expenses. With several purposes, each track gets the sum of the amounts
 * whose purpose its goals serve; within a group of tracks claimed together, each
 * amount goes to one track only (the one that fits it best), so it is never counted twice.
 */
function expenseOptions(k: Knowledge, slots: Slots, programs: Program[]): ExpenseOptions {
  const trackExpenses: Record<string, number> = {};
  const noExpense = new Set<string>();
  const perPersonKeys = new Set<string>();
  const perPerson = slots.perPersonYen;
  const persons = Number(slots.answers[PERSONS_QUESTION] ?? 1);
  const userGoals = slots.goals ?? [];
  for (const program of programs) {
    // The tracks answered from: the newest edition's and those only an older edition describes.
    const reach = reachableTracks(program);
    const tracks = reach.flatMap((e) => e.tracks);
    const claimed = new Map<string, string>(); // combineGroup|expense index → track id
    if (slots.expenses?.length) {
      slots.expenses.forEach((e, i) => {
        const groups = new Map<string, { id: string; fit: number; extra: number }[]>();
        for (const t of tracks) {
          if (!t.combineGroup) continue;
          const goals = trackGoals(program, t);
          if (!goals.some((g) => related(k.ix.goalLineage, g, e.goal))) continue;
          const fit = goalFit(k, goals, [e.goal]).score;
          const extra = goals.filter((g) => ![...userGoals, e.goal].some((u) => related(k.ix.goalLineage, g, u))).length;
          groups.set(t.combineGroup, [...(groups.get(t.combineGroup) ?? []), { id: t.id, fit, extra }]);
        }
        for (const [group, list] of groups) {
          const best = list.sort((a, b) => b.fit - a.fit || a.extra - b.extra)[0]!;
          claimed.set(`${group}|${i}`, best.id);
        }
      });
    }
    const serves = (t: Track) => trackGoals(program, t).some((g) => userGoals.some((u) => related(k.ix.goalLineage, g, u)));
    const serving = tracks.filter(serves);
    // Named among the newest edition's tracks; a budget named for one of them is not spent on an older-edition track.
    const named = tracksNamedBy(k, program, reach[0]!.tracks.filter(serves), slots.goalWords ?? []);
    for (const t of tracks) {
      const key = `${program.id}:${t.id}`;
      // 「レジを入れたい。費用30万円」: the budget is for the register, not for the PC or software tracks.
      if (named && serving.includes(t) && !named.has(t.id) && (typeof slots.expenseYen === 'number' || perPerson !== undefined) && !slots.expenses?.length) {
        noExpense.add(key);
        continue;
      }
      const perPersonHere = perPerson !== undefined && (!slots.perPersonGoal || trackGoals(program, t).some((g) => related(k.ix.goalLineage, g, slots.perPersonGoal!)));
      if (perPersonHere) {
        // Tracks claimed together share one per-person cost: it goes to the first serving track only.
        const pool = tracks.filter((x) => x.combineGroup === t.combineGroup && (serving.length === 0 || serving.includes(x)));
        if (t.combineGroup && (pool.find((x) => named?.has(x.id)) ?? pool[0]) !== t) continue;
        trackExpenses[key] = perPerson! * (Number.isSafeInteger(persons) && persons > 0 ? persons : 1);
        perPersonKeys.add(key);
        continue;
      }
      if (!slots.expenses?.length) continue;
      const goals = trackGoals(program, t);
      let sum = 0;
      let any = false;
      slots.expenses.forEach((e, i) => {
        if (!goals.some((g) => related(k.ix.goalLineage, g, e.goal))) return;
        if (t.combineGroup && claimed.get(`${t.combineGroup}|${i}`) !== t.id) return;
        // An amount for a broad purpose (「設備に300万」) is not spent on a narrower track (IT導入 software): rates and caps only.
        if (!goals.some((g) => g === e.goal || lineage(k.ix.goalLineage, e.goal).includes(g))) return;
        // 「PC45万」 goes to the track that names PCs, not to the software track of the same goal.
        if (!serving.includes(t) || tracksNamedBy(k, program, serving, [normalize(e.label)])?.has(t.id) === false) return;
        sum += e.yen;
        any = true;
      });
      if (any) trackExpenses[key] = sum;
      else noExpense.add(key);
    }
  }
  return { trackExpenses, noExpense, perPersonKeys };
}

/**
 * Of a program's tracks, those the words name (「レジ」 → レジ・券売機等, 「PC」 → PC・タブレット等),
 * when some tracks have a word and others not; undefined when no word tells them apart (a word
 * every track has, like 「インボイス」, says nothing).
 */
function tracksNamedBy(k: Knowledge, program: Program, tracks: Track[], words: readonly string[]): Set<string> | undefined {
  const useful = words.filter((w) => w.length >= 2);
  if (useful.length === 0 || tracks.length < 2) return undefined;
  const texts = tracks.map((t) => k.ix.trackText.get(`${program.id}:${t.id}`) ?? '');
  const telling = useful.filter((w) => {
    const n = texts.filter((x) => x.includes(w)).length;
    return n > 0 && n < tracks.length;
  });
  if (telling.length === 0) return undefined;
  return new Set(tracks.filter((_, i) => telling.some((w) => texts[i]!.includes(w))).map((t) => t.id));
}

/** Matches the slots; undefined until region, industry and employees are known. */
export function matchSlots(ctx: TurnContext, slots: Slots): Matched | undefined {
  const k = ctx.knowledge;
  if (!slots.prefecture || !slots.industry || slots.employees === undefined) return undefined;
  const other = slots.municipality === OTHER_MUNICIPALITY;
  const built = buildProfile(k, {
    prefecture: slots.prefecture,
    ...(slots.municipality && !other ? { municipality: slots.municipality } : {}),
    industry: slots.industry,
    employees: slots.employees,
    ...(slots.capitalYen !== undefined ? { capitalYen: slots.capitalYen } : {}),
    goal: slots.goals ?? [],
    ...(typeof slots.expenseYen === 'number' ? { expenseYen: slots.expenseYen } : {}),
    answers: slots.answers,
  });
  if ('errors' in built) return undefined;
  const profile = built.profile;
  // A municipality outside the listed ones is still a place: municipal programs say 対象外.
  if (other) profile.municipality = '（その他の市区町村）';
  const programs = candidatePrograms(k, profile.prefecture, profile.goals, profile.municipality);
  const { perPersonKeys, ...expenses } = expenseOptions(k, slots, programs);
  const options: MatchOptions = { date: ctx.date, scope: 'candidates', programs, lean: true, ...expenses };
  const words = (slots.goalWords ?? []).filter((w) => w.length >= 2);
  const adjust = (rows: MatchRow[]) => {
    // A track the user's own words name (「社外研修」「レジ」) serves the stated goal most precisely
    // (not one only an older edition describes: words do not lift a call that may have ended).
    if (words.length > 0) {
      for (const r of rows) {
        if (r.olderEdition) continue;
        const text = k.ix.trackText.get(`${r.programId}:${r.trackId}`);
        if (r.goalFit > 0 && text && words.some((w) => text.includes(w))) r.goalFit += NAMED_TRACK_BONUS;
      }
    }
    if (slots.perPersonYen !== undefined && slots.answers[PERSONS_QUESTION] === undefined) {
      for (const r of rows) {
        if (!r.amount || !perPersonKeys.has(`${r.programId}:${r.trackId}`)) continue;
        r.amount.doubtful = true;
        if (!r.amount.pendingQuestions.includes(PERSONS_QUESTION)) r.amount.pendingQuestions.push(PERSONS_QUESTION);
      }
    }
    return rows;
  };
  return {
    rows: adjust(matchPrograms(k, profile, options)),
    sizeLabel: profile.size.label,
    rematch: (answers, only, onlyTracks) => adjust(matchPrograms(k, { ...profile, answers: { ...profile.answers, ...answers } }, { ...options, only, onlyTracks })),
  };
}
