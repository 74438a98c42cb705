// Looking up taxonomy entries by id, Japanese label or synonym (exact after
// normalisation), and the ancestry relations matching needs.
import type { Goal, Industry, Knowledge, Prefecture } from './knowledge/types';

/** NFKC, lower case, no spaces or middle dots: 「ＩＴ 導入」→「it導入」. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s・･、,]/g, '');
}

interface Named {
  id: string;
  label: string;
  synonyms: string[];
}

/** Normalized id, label and synonyms → item (the first item to claim a key keeps it). */
export function nameIndex<T extends Named>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    for (const key of [item.id, item.label, ...item.synonyms]) {
      const n = normalize(key);
      if (!map.has(n)) map.set(n, item);
    }
  }
  return map;
}

export function findIndustry(k: Knowledge, text: string): Industry | undefined {
  return k.ix.industryByName.get(normalize(text));
}

export function findGoal(k: Knowledge, text: string): Goal | undefined {
  return k.ix.goalByName.get(normalize(text));
}

export function findPrefecture(k: Knowledge, text: string): Prefecture | undefined {
  return k.ix.prefectureByName.get(normalize(text));
}

/** Municipality name as listed (「金沢」→「金沢市」 when unambiguous). */
export function findMunicipality(k: Knowledge, text: string, prefecture?: string): { prefecture: Prefecture; name: string } | undefined {
  const n = normalize(text);
  for (const p of k.prefectures) {
    if (prefecture && p.name !== prefecture) continue;
    for (const m of p.municipalities) {
      const nm = normalize(m);
      if (nm === n || nm.replace(/(市|町|村)$/, '') === n) return { prefecture: p, name: m };
    }
  }
  return undefined;
}

type Node = { id: string; parentId?: string };

/** id → the id and all its ancestors, nearest first (k.ix.industryLineage, k.ix.goalLineage). */
export type Lineages = ReadonlyMap<string, readonly string[]>;

export function buildLineages(items: readonly Node[]): Lineages {
  const byId = new Map(items.map((i) => [i.id, i]));
  const out = new Map<string, string[]>();
  for (const item of items) {
    const line: string[] = [];
    for (let current: Node | undefined = item; current; current = current.parentId ? byId.get(current.parentId) : undefined) line.push(current.id);
    out.set(item.id, line);
  }
  return out;
}

/**
 * Ids of `id` and all its ancestors: `lineage(k.ix.goalLineage, id)`. An unknown id has none.
 * Passing the taxonomy list itself (`lineage(k.goals, id)`) still works but walks the
 * list on every call: use the compiled lineages on hot paths.
 */
export function lineage(from: Lineages | readonly Node[], id: string): readonly string[] {
  if (!Array.isArray(from)) return (from as Lineages).get(id) ?? [];
  const items = from as readonly Node[];
  const out: string[] = [];
  for (let current = items.find((i) => i.id === id); current; current = current.parentId ? items.find((i) => i.id === current!.parentId) : undefined) out.push(current.id);
  return out;
}

/** a is b, or an ancestor or a descendant of b. */
export function related(from: Lineages | readonly Node[], a: string, b: string): boolean {
  return a === b || lineage(from, a).includes(b) || lineage(from, b).includes(a);
}
