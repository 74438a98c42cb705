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

function indexOf<T extends Named>(items: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    for (const key of [item.id, item.label, ...item.synonyms]) {
      const n = normalize(key);
      if (!map.has(n)) map.set(n, item);
    }
  }
  return map;
}

const cache = new WeakMap<Knowledge, { industries: Map<string, Industry>; goals: Map<string, Goal> }>();

function indexes(k: Knowledge) {
  let idx = cache.get(k);
  if (!idx) {
    idx = { industries: indexOf(k.industries), goals: indexOf(k.goals) };
    cache.set(k, idx);
  }
  return idx;
}

export function findIndustry(k: Knowledge, text: string): Industry | undefined {
  return indexes(k).industries.get(normalize(text));
}

export function findGoal(k: Knowledge, text: string): Goal | undefined {
  return indexes(k).goals.get(normalize(text));
}

export function findPrefecture(k: Knowledge, text: string): Prefecture | undefined {
  const n = normalize(text);
  return k.prefectures.find((p) => normalize(p.name) === n || normalize(p.short) === n);
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

const lineages = new WeakMap<object, Map<string, string[]>>();

/** Ids of `id` and all its ancestors (cached per taxonomy list). */
export function lineage<T extends { id: string; parentId?: string }>(items: T[], id: string): string[] {
  let cache = lineages.get(items);
  if (!cache) {
    cache = new Map();
    lineages.set(items, cache);
  }
  const hit = cache.get(id);
  if (hit) return hit;
  const byId = new Map(items.map((i) => [i.id, i]));
  const out: string[] = [];
  for (let current = byId.get(id); current; current = current.parentId ? byId.get(current.parentId) : undefined) out.push(current.id);
  cache.set(id, out);
  return out;
}

/** a is b, or an ancestor or a descendant of b. */
export function related<T extends { id: string; parentId?: string }>(items: T[], a: string, b: string): boolean {
  return a === b || lineage(items, a).includes(b) || lineage(items, b).includes(a);
}
