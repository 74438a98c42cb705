// The one compile step at load time: the knowledge data as knowledge.json holds it,
// plus the lookups every query needs (id maps, taxonomy lineages, the candidate index,
// the text lexicon, the FAQ's name index), built once and attached as `k.ix`. No module
// keeps a cache of its own.
import type Fuse from 'fuse.js';
import { buildGoalTerms, buildLexicon, buildProgramNames, type Lexicon, type ProgramNameEntry } from '../lexicon';
import { buildProgramIndex, type ProgramIndex } from '../program-index';
import { buildLineages, nameIndex, normalize, type Lineages } from '../taxonomy';
import type { Goal, Industry, Knowledge, KnowledgeData, Prefecture, Program, Question, SizeCategory, SizeCategoryId } from './types';

export interface KnowledgeIndex {
  programById: ReadonlyMap<string, Program>;
  industryById: ReadonlyMap<string, Industry>;
  goalById: ReadonlyMap<string, Goal>;
  questionById: ReadonlyMap<string, Question>;
  sizeCategoryById: ReadonlyMap<SizeCategoryId, SizeCategory>;
  /** Normalized id, label or synonym → entry (findIndustry, findGoal). */
  industryByName: ReadonlyMap<string, Industry>;
  goalByName: ReadonlyMap<string, Goal>;
  /** Normalized name or short name (石川県, 石川) → prefecture. */
  prefectureByName: ReadonlyMap<string, Prefecture>;
  /** id → the id and its ancestors, nearest first. */
  industryLineage: Lineages;
  goalLineage: Lineages;
  /** Programs by place and goal (candidatePrograms). */
  programs: ProgramIndex;
  /** Industry, goal and region terms for reading free text. */
  lexicon: Lexicon;
  /** Fuzzy index of program names and aliases (free questions about a program). */
  programNames: Fuse<ProgramNameEntry>;
  /** goal id → its words, normalised, longest first (where in a message a goal was named). */
  goalTerms: ReadonlyMap<string, string[]>;
  /** `programId:trackId` → the track's name and expense kinds, normalized (the words a user may name it by). */
  trackText: ReadonlyMap<string, string>;
  /** `programId:editionId:trackId` → what matching reads of a track on every query, prepared once. */
  trackInfo: ReadonlyMap<string, TrackInfo>;
}

/** The parts of a track row that do not depend on the business (doubts by what they affect, texts, goals). */
export interface TrackInfo {
  eligibilityDoubts: readonly string[];
  amountDoubts: readonly string[];
  statusDoubts: readonly string[];
  conditions: readonly string[];
  notes: readonly string[];
  goals: readonly string[];
  otherEditions: readonly { id: string; label: string; asOf: string }[];
}

function trackInfos(programs: readonly Program[]): Map<string, TrackInfo> {
  const out = new Map<string, TrackInfo>();
  for (const p of programs)
    for (const e of p.editions)
      for (const t of e.tracks) {
        const doubts = [...(e.doubts ?? []), ...(t.doubts ?? [])];
        const of = (a: string) => doubts.filter((d) => d.affects === a).map((d) => d.text);
        out.set(`${p.id}:${e.id}:${t.id}`, {
          eligibilityDoubts: of('eligibility'),
          amountDoubts: of('amount'),
          statusDoubts: of('status'),
          conditions: [...(p.target?.conditions ?? []), ...(t.target?.conditions ?? [])],
          notes: [...(e.notes ?? []), ...(t.notes ?? [])],
          goals: t.goals ?? p.goals,
          otherEditions: p.editions.filter((x) => x !== e).map((x) => ({ id: x.id, label: x.label, asOf: x.asOf })),
        });
      }
  return out;
}

const byId = <T extends { id: K }, K = string>(items: readonly T[]): Map<K, T> => new Map(items.map((x) => [x.id, x]));

/**
 * The knowledge base ready for queries. `raw` is not changed; the result shares its
 * data and adds `ix` (not enumerable: JSON.stringify and `{ ...k }` leave it out, so a
 * spread copy with other programs fails loudly instead of using stale lookups — compile
 * the copy instead).
 */
export function compileKnowledge(raw: KnowledgeData): Knowledge {
  const { ix: _stale, ...data } = raw as KnowledgeData & { ix?: unknown };
  const goalLineage = buildLineages(data.goals);
  const prefectureByName = new Map<string, Prefecture>();
  for (const p of data.prefectures)
    for (const key of [normalize(p.name), normalize(p.short)]) if (!prefectureByName.has(key)) prefectureByName.set(key, p);
  const ix: KnowledgeIndex = {
    programById: byId(data.programs),
    industryById: byId(data.industries),
    goalById: byId(data.goals),
    questionById: byId(data.questions),
    sizeCategoryById: byId<SizeCategory, SizeCategoryId>(data.sizeCategories),
    industryByName: nameIndex(data.industries),
    goalByName: nameIndex(data.goals),
    prefectureByName,
    industryLineage: buildLineages(data.industries),
    goalLineage,
    programs: buildProgramIndex(data.programs, goalLineage),
    lexicon: buildLexicon(data),
    programNames: buildProgramNames(data),
    goalTerms: buildGoalTerms(data.goals),
    trackInfo: trackInfos(data.programs),
    trackText: new Map(
      data.programs.flatMap((p) => [...p.editions].sort((a, b) => (a.asOf < b.asOf ? -1 : 1)).flatMap((e) => e.tracks.map((t) => [`${p.id}:${t.id}`, normalize([t.name, ...(t.expenseKinds ?? [])].join(' '))] as const))),
    ),
  };
  return Object.defineProperty(data, 'ix', { value: ix, enumerable: false, writable: false }) as Knowledge;
}
