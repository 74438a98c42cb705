// An index of the knowledge base, built once by compileKnowledge: programs by prefecture
// (national ones apart) and by goal, so that a query evaluates only the programs
// that can concern the business instead of every program of Japan.
import type { Knowledge, Program } from './knowledge/types';
import { lineage, type Lineages } from './taxonomy';

export interface ProgramIndex {
  national: number[];
  /** All programs of a prefecture (prefecture-wide and municipal). */
  byPrefecture: Map<string, number[]>;
  /** Prefecture-wide programs only. */
  prefectureWide: Map<string, number[]>;
  /** Municipal programs, keyed 「prefecture|municipality」. */
  byMunicipality: Map<string, number[]>;
  /** goal X → programs with a goal G such that X is G or an ancestor of G. */
  underGoal: Map<string, number[]>;
  /** goal G → programs with exactly goal G (on the program or a track). */
  exactGoal: Map<string, number[]>;
}

const push = (m: Map<string, number[]>, key: string, i: number) => {
  const list = m.get(key);
  if (!list) m.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
};

export function buildProgramIndex(programs: readonly Program[], goalLineage: Lineages): ProgramIndex {
  const built: ProgramIndex = { national: [], byPrefecture: new Map(), prefectureWide: new Map(), byMunicipality: new Map(), underGoal: new Map(), exactGoal: new Map() };
  programs.forEach((p, i) => {
    if (!p.region) built.national.push(i);
    else {
      push(built.byPrefecture, p.region.prefecture, i);
      if (p.region.municipality) push(built.byMunicipality, `${p.region.prefecture}|${p.region.municipality}`, i);
      else push(built.prefectureWide, p.region.prefecture, i);
    }
    const goals = new Set(p.goals);
    for (const e of p.editions) for (const t of e.tracks) for (const g of t.goals ?? []) goals.add(g);
    for (const g of goals) {
      push(built.exactGoal, g, i);
      for (const a of lineage(goalLineage, g)) push(built.underGoal, a, i);
    }
  });
  return built;
}

/** The compiled index (k.ix.programs). */
export function programIndex(k: Knowledge): ProgramIndex {
  return k.ix.programs;
}

/**
 * Programs that can concern a business in this place with these goals (a program
 * goal related to a user goal: equal, ancestor or descendant), in knowledge-base
 * order. Every program outside this set is 対象外 by region or goal. With the
 * municipality unknown, all municipal programs of the prefecture stay (要確認).
 */
export function candidatePrograms(k: Knowledge, prefecture: string, goals: string[], municipality?: string): Program[] {
  const idx = k.ix.programs;
  const local = municipality === undefined ? (idx.byPrefecture.get(prefecture) ?? []) : [...(idx.prefectureWide.get(prefecture) ?? []), ...(idx.byMunicipality.get(`${prefecture}|${municipality}`) ?? [])];
  const regional = [...idx.national, ...local];
  if (goals.length === 0) return regional.sort((a, b) => a - b).map((i) => k.programs[i]!);
  const wanted = new Set<number>();
  for (const u of goals) {
    for (const i of idx.underGoal.get(u) ?? []) wanted.add(i); // program goal is u or narrower
    for (const a of lineage(k.ix.goalLineage, u)) for (const i of idx.exactGoal.get(a) ?? []) wanted.add(i); // broader
  }
  return regional.filter((i) => wanted.has(i)).sort((a, b) => a - b).map((i) => k.programs[i]!);
}
