// Prototype for a national knowledge base that no longer fits in the Worker bundle
// (BENCHMARKS.md, section 5): the generated 50,000 programs split into a taxonomy
// shard, a national shard, one prefecture-wide shard per prefecture and one shard per
// municipality; a query loads (once per isolate) only the national shard and its
// place's two shards, merges them and matches.
// Shards are files here; in the Worker they would be static assets fetched with
// env.ASSETS.fetch (or KV/R2 values). Prints figures; asserts nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compileKnowledge } from '../src/core/knowledge/compile';
import type { Knowledge, KnowledgeData, Program } from '../src/core/knowledge/types';
import { matchPrograms } from '../src/core/match';
import { percentile } from './core';
import { generateKnowledge, randomPlace, randomProfile, rng, type Place } from './scale';

type Taxonomy = Omit<KnowledgeData, 'programs'>;

/** Writes the shards; returns their sizes (bytes, raw and gzip). */
export function writeShards(k: KnowledgeData, dir: string): { name: string; bytes: number; gzipBytes: number; programs: number }[] {
  const { programs, ...taxonomy } = k;
  const groups = new Map<string, Program[]>([['national', []]]);
  for (const p of programs) {
    const key = shardName(p.region?.prefecture, p.region?.municipality);
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  const write = (name: string, value: unknown, count: number) => {
    const text = JSON.stringify(value);
    writeFileSync(join(dir, `${name}.json`), text);
    return { name, bytes: Buffer.byteLength(text), gzipBytes: gzipSync(text).length, programs: count };
  };
  return [write('taxonomy', taxonomy, 0), ...[...groups].map(([name, list]) => write(name, list, list.length))];
}

/** 'national', 「石川県」 (prefecture-wide programs) or 「石川県/金沢市」 (a municipality's). */
export function shardName(prefecture?: string, municipality?: string): string {
  if (!prefecture) return 'national';
  return municipality ? `${prefecture}__${municipality}` : prefecture;
}

/**
 * The isolate's cache of parsed shards, least recently used dropped first when more than
 * `maxPrograms` programs are held (the national shard stays). A place's knowledge base is
 * the national, prefecture-wide and municipal programs side by side, sharing the objects.
 */
export class ShardedKnowledge {
  private taxonomy: Taxonomy | undefined;
  private readonly shards = new Map<string, Program[]>();
  private readonly places = new Map<string, Knowledge>();
  private held = 0;

  get heldPrograms(): number {
    return this.held;
  }

  constructor(
    private readonly read: (name: string) => Promise<string>,
    private readonly maxPrograms = 3000,
  ) {}

  private async shard(name: string): Promise<Program[]> {
    const hit = this.shards.get(name);
    if (hit) {
      this.shards.delete(name);
      this.shards.set(name, hit);
      return hit;
    }
    const list = JSON.parse(await this.read(name).catch(() => '[]')) as Program[];
    this.shards.set(name, list);
    this.held += list.length;
    for (const [old, programs] of this.shards) {
      if (this.held <= this.maxPrograms) break;
      if (old === 'national' || old === name) continue;
      this.shards.delete(old);
      this.held -= programs.length;
      for (const [key, k] of this.places) if (key === old || key.startsWith(`${old}__`) || k.programs.includes(programs[0]!)) this.places.delete(key);
    }
    return list;
  }

  async forPlace(prefecture: string, municipality: string): Promise<Knowledge> {
    const key = shardName(prefecture, municipality);
    const hit = this.places.get(key);
    if (hit) return hit;
    this.taxonomy ??= JSON.parse(await this.read('taxonomy')) as Taxonomy;
    const [national, wide, local] = await Promise.all([this.shard('national'), this.shard(prefecture), this.shard(key)]);
    const k = compileKnowledge({ ...this.taxonomy, programs: [...national, ...wide, ...local] });
    this.places.set(key, k);
    return k;
  }
}

export async function benchShards(base: Knowledge, n = 50_000, queries = 2000) {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const k = generateKnowledge(base, n);
  const dir = mkdtempSync(join(tmpdir(), 'hojo-shards-'));
  try {
    const sizes = writeShards(k, dir);
    const monolith = JSON.stringify(k);
    const t0 = performance.now();
    JSON.parse(monolith);
    const monolithParseMs = performance.now() - t0;
    const read = async (name: string) => readFileSync(join(dir, `${name}.json`), 'utf8');
    const rand = rng(7);
    const place = (prefectures = base.prefectures) => randomPlace(base, rand, prefectures);
    const prefectureWide = sizes.filter((x) => base.prefectures.some((p) => p.name === x.name));
    const municipal = sizes.filter((x) => x.name.includes('__'));

    // Cold isolate: the first query loads taxonomy + national + the place's two shards.
    const coldIsolate: number[] = [];
    // Warm isolate, new place: national cached, the place's two shards loaded.
    const newPlace: number[] = [];
    for (let i = 0; i < 20; i++) {
      const store = new ShardedKnowledge(read);
      const a = place();
      let s = performance.now();
      await query(store, a, base, rand);
      coldIsolate.push(performance.now() - s);
      const b = place();
      s = performance.now();
      await query(store, b, base, rand);
      newPlace.push(performance.now() - s);
    }
    // Warm: 64 places in 8 prefectures (a region's traffic) cached; 2,000 random queries over them.
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const store = new ShardedKnowledge(read);
    const region = base.prefectures.slice(14, 22);
    const places = Array.from({ length: 64 }, () => place(region));
    for (const p of places) await query(store, p, base, rand);
    gc();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    const warm: number[] = [];
    for (let q = 0; q < queries; q++) {
      const p = places[Math.floor(rand() * places.length)]!;
      const s = performance.now();
      await query(store, p, base, rand);
      warm.push(performance.now() - s);
    }
    const stats = (xs: { bytes: number; gzipBytes: number; programs: number }[]) => {
      const sorted = [...xs].sort((a, b) => a.bytes - b.bytes);
      return { count: xs.length, medianBytes: sorted[Math.floor(sorted.length / 2)]!.bytes, maxBytes: sorted[sorted.length - 1]!.bytes, medianGzipBytes: [...xs].sort((a, b) => a.gzipBytes - b.gzipBytes)[Math.floor(xs.length / 2)]!.gzipBytes, medianPrograms: [...xs].sort((a, b) => a.programs - b.programs)[Math.floor(xs.length / 2)]!.programs };
    };
    for (const xs of [coldIsolate, newPlace, warm]) xs.sort((a, b) => a - b);
    return {
      programs: n,
      monolithBytes: Buffer.byteLength(monolith),
      monolithGzipBytes: gzipSync(monolith).length,
      monolithParseMs,
      taxonomy: sizes[0]!,
      national: sizes.find((x) => x.name === 'national')!,
      prefectureWide: stats(prefectureWide),
      municipal: stats(municipal),
      coldIsolateMedianMs: percentile(coldIsolate, 50),
      newPlaceMedianMs: percentile(newPlace, 50),
      newPlaceMaxMs: newPlace[newPlace.length - 1]!,
      warmMedianMs: percentile(warm, 50),
      warmP99Ms: percentile(warm, 99),
      heapMbFor64Places: heapMb,
      programsHeld: store.heldPrograms,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One query at a place: load (or reuse) the place's knowledge, then match a random business there. */
async function query(store: ShardedKnowledge, at: Place, base: Knowledge, rand: () => number): Promise<number> {
  const k = await store.forPlace(at.prefecture, at.municipality);
  return matchPrograms(k, randomProfile(k, base, rand, at), { date: '2025-05-01', scope: 'candidates' }).length;
}
