// Scale: generated knowledge bases of N programs spread over prefectures,
// municipalities, industries and goals (cloned from the real programs' shapes), and
// the match latency per query and memory at each size.
import { compileKnowledge } from '../src/core/knowledge/compile';
import type { Knowledge, KnowledgeData, Program } from '../src/core/knowledge/types';
import { matchPrograms } from '../src/core/match';
import type { Profile } from '../src/core/eligibility';
import { buildProfile } from '../src/core/profile';
import { percentile } from './core';

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The data of a generated knowledge base (compile it to query it). */
export function generateKnowledge(base: KnowledgeData, n: number): KnowledgeData {
  const rand = rng(n);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const leafGoals = base.goals.filter((g) => g.parentId).map((g) => g.id);
  const industries = base.industries.map((i) => i.id);
  const templates = base.programs.filter((p) => p.kind === 'subsidy' || p.kind === 'grant');
  const programs: Program[] = [];
  for (let i = 0; i < n; i++) {
    const t = pick(templates);
    // A national catalogue of at most 300 programs (Japan's national measures number in the
    // hundreds); the rest grows with the municipalities: 20% prefectural, 80% municipal
    // (≈1,700 municipalities, ~36 per prefecture).
    const r = rand();
    const pref = pick(base.prefectures);
    const national = i < Math.min(300, Math.floor(n * 0.05));
    const region = national ? undefined : r < 0.2 ? { prefecture: pref.name } : { prefecture: pref.name, municipality: `${pref.short}第${1 + Math.floor(rand() * 36)}市` };
    const goals = [pick(leafGoals), ...(rand() < 0.3 ? [pick(leafGoals)] : [])];
    programs.push({
      ...t,
      id: `gen-${i}`,
      name: `${t.name}（生成${i}）`,
      ...(region ? { region } : { region: undefined }),
      goals,
      target: { ...t.target, ...(rand() < 0.5 ? { industries: { include: [pick(industries), pick(industries)] } } : {}) },
      editions: t.editions.map((e) => ({ ...e, tracks: e.tracks.map((tr) => ({ ...tr, goals })) })),
    });
  }
  return { ...base, programs };
}

export interface Place {
  prefecture: string;
  municipality: string;
}

/** A random place among the generated municipalities (「石川第12市」) of the given prefectures. */
export function randomPlace(base: Knowledge, rand: () => number, prefectures = base.prefectures): Place {
  const p = prefectures[Math.floor(rand() * prefectures.length)]!;
  return { prefecture: p.name, municipality: `${p.short}第${1 + Math.floor(rand() * 36)}市` };
}

/** A random business at `place`: industry, size, one leaf goal, an expense of 1–10 million yen. */
export function randomProfile(k: Knowledge, base: Knowledge, rand: () => number, place: Place): Profile {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const leafGoals = base.goals.filter((g) => g.parentId).map((g) => g.id);
  const built = buildProfile(k, { ...place, industry: pick(base.industries).id, employees: Math.floor(rand() * 300), goal: [pick(leafGoals)], expenseYen: 1_000_000 + Math.floor(rand() * 9_000_000) });
  if ('errors' in built) throw new Error(JSON.stringify(built.errors));
  return built.profile;
}

export function benchScale(base: Knowledge, n: number, queries = 2000) {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const data = generateKnowledge(base, n);
  // The whole compile step (id maps, lineages, candidate index, lexicon, program-name index).
  const t0 = performance.now();
  const k = compileKnowledge(data);
  const indexMs = performance.now() - t0;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const rand = rng(42);
  const times: number[] = [];
  let rows = 0;
  for (let q = 0; q < queries; q++) {
    const profile = randomProfile(k, base, rand, randomPlace(base, rand));
    const s = performance.now();
    rows += matchPrograms(k, profile, { date: '2025-05-01', scope: 'candidates' }).length;
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return { programs: n, indexMs, heapMb: (heapAfter - heapBefore) / 1e6, medianMs: percentile(times, 50), p99Ms: percentile(times, 99), rowsPerQuery: rows / queries };
}
