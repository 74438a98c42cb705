// npm run bench [-- core scale e2e bundle shards] — prints performance figures (no
// assertions); with no argument, every section. See BENCHMARKS.md.
import { cpus, totalmem } from 'node:os';
import { loadKnowledgeFile } from '../scripts/load-knowledge';
import { bundleSize, startupTimes } from './bundle';
import { benchCore, type TurnFigures } from './core';
import { benchCoreBundled } from './core-bundled';
import { benchE2e, type Burst as E2eBurst, type Phase as E2ePhase } from './e2e';
import { benchScale } from './scale';
import { benchShards } from './shards';

const SECTIONS = ['core', 'e2e', 'scale', 'bundle', 'shards'] as const;
const asked = process.argv.slice(2).filter((a) => (SECTIONS as readonly string[]).includes(a));
const want = (s: (typeof SECTIONS)[number]) => asked.length === 0 || asked.includes(s);
const ms = (x: number) => `${x.toFixed(3)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

const knowledge = loadKnowledgeFile();
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`knowledge: ${knowledge.programs.length} programs`);

if (want('core')) {
  const core = benchCore(knowledge, Number(process.env.BENCH_TURNS ?? 5000));
  const line = (f: TurnFigures) => `${f.turns} turns: median ${ms(f.medianMs)}, p99 ${ms(f.p99Ms)}, mean ${ms(f.meanMs)}`;
  console.log(`1. core turn (parse + match + amounts + LINE render), first ${line(core.warming)} (JIT warming up)`);
  console.log(`1. core turn, steady state ${line(core.steady)} (TypeScript through tsx)`);
  const bundled = await benchCoreBundled(Number(process.env.BENCH_TURNS ?? 5000));
  console.log(`1. core turn, bundled and minified as the Worker ships (esbuild), first ${line(bundled.warming)} (JIT warming up)`);
  console.log(`1. core turn, bundled and minified, steady state ${line(bundled.steady)}`);
}

if (want('e2e')) {
  const rounds = await benchE2e(Number(process.env.BENCH_SECONDS ?? 10), Number(process.env.BENCH_ROUNDS ?? 3));
  const cpu = (c: Record<string, number>) => Object.entries(c).filter(([, v]) => v >= 0.05).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
  const wd = (c: Record<string, number>) => c.workerd ?? 0;
  rounds.forEach((r, i) => {
    const n = i + 1;
    const ph = (name: string, p: E2ePhase) =>
      `${name} ${p.turnsPerSecond.toFixed(0)}/s (${p.load.rps.toFixed(0)} req/s acked, ack p50 ${p.load.p50Ms} ms, p99 ${p.load.p99Ms} ms, ${p.load.non2xx + p.load.errors} failed` +
      (p.replies ? `; ${p.replies} replies, webhook → reply p50 ${p.replyP50Ms.toFixed(0)} ms, p99 ${p.replyP99Ms.toFixed(0)} ms, drained ${p.drainMs.toFixed(0)} ms after the load, ${(p.answerShare * 100).toFixed(0)}% carousels` : '') +
      `), workerd ${wd(p.cpuMsPerRequest).toFixed(2)} ms CPU/request`;
    console.log(`2. e2e round ${n}, ${10} connections: ${ph('echo', r.echo)}`);
    console.log(`2. e2e round ${n}: ${ph('empty turn', r.empty)}`);
    console.log(`2. e2e round ${n}: ${ph('full turn', r.full)}`);
    console.log(
      `2. e2e round ${n}: full/empty turns/s ${(r.full.turnsPerSecond / r.empty.turnsPerSecond).toFixed(2)}×, CPU ${(wd(r.full.cpuMsPerRequest) / wd(r.empty.cpuMsPerRequest)).toFixed(2)}×; full/echo turns/s ${(r.full.turnsPerSecond / r.echo.turnsPerSecond).toFixed(2)}×, CPU ${(wd(r.full.cpuMsPerRequest) / wd(r.echo.cpuMsPerRequest)).toFixed(2)}×; empty/echo turns/s ${(r.empty.turnsPerSecond / r.echo.turnsPerSecond).toFixed(2)}×`,
    );
    const b = (name: string, x: E2eBurst) => `${name} ack min ${x.ackMinMs.toFixed(0)} ms, p50 ${x.ackP50Ms.toFixed(0)} ms, p99 ${x.ackP99Ms.toFixed(0)} ms, max ${x.ackMaxMs.toFixed(0)} ms, ${x.failed} failed${x.drainMs ? `, last reply ${x.drainMs.toFixed(0)} ms` : ''}, workerd ${wd(x.cpuMsPerRequest).toFixed(2)} ms CPU/request`;
    console.log(`2. e2e round ${n}, burst of 200 webhooks at once: ${b('echo', r.burstEcho)}; ${b('empty', r.burstEmpty)}; ${b('full', r.burstFull)}`);
    console.log(`2.   CPU ms per request — echo: ${cpu(r.echo.cpuMsPerRequest)}; empty: ${cpu(r.empty.cpuMsPerRequest)}; full: ${cpu(r.full.cpuMsPerRequest)}`);
  });
}

if (want('scale')) {
  for (const n of [1_000, 10_000, 50_000]) {
    const s = benchScale(knowledge, n);
    console.log(`3. scale ${n.toLocaleString('en-US')} programs: match median ${ms(s.medianMs)}, p99 ${ms(s.p99Ms)}, ${s.rowsPerQuery.toFixed(1)} rows evaluated per query; compiled (id maps, candidate index, lexicon, name index) in ${ms(s.indexMs)}; heap +${s.heapMb.toFixed(1)} MB (knowledge + compiled lookups; generated programs share sub-objects)`);
  }
}

if (want('bundle')) {
  const size = bundleSize();
  const start = startupTimes(5);
  console.log(`4. bundle (wrangler deploy --dry-run --minify): ${size.kib} KiB, gzip ${size.gzipKib} KiB`);
  console.log(`4. start-up (wrangler check startup, active CPU): median ${start.medianMs} ms, max ${start.maxMs} ms over ${start.runs.length} runs`);
}

if (want('shards')) {
  const s = await benchShards(knowledge);
  console.log(`5. shards of ${s.programs.toLocaleString('en-US')} programs — one bundle would be ${mb(s.monolithBytes)} JSON (gzip ${mb(s.monolithGzipBytes)}), parsed in ${s.monolithParseMs.toFixed(0)} ms`);
  console.log(`5.   taxonomy ${mb(s.taxonomy.bytes)}; national ${mb(s.national.bytes)} (${s.national.programs} programs, gzip ${mb(s.national.gzipBytes)}); ${s.prefectureWide.count} prefecture-wide shards median ${mb(s.prefectureWide.medianBytes)} (${s.prefectureWide.medianPrograms} programs), max ${mb(s.prefectureWide.maxBytes)}; ${s.municipal.count} municipal shards median ${mb(s.municipal.medianBytes)} (${s.municipal.medianPrograms} programs), max ${mb(s.municipal.maxBytes)}`);
  console.log(`5.   first query of a cold isolate ${ms(s.coldIsolateMedianMs)}; a new place in a warm isolate median ${ms(s.newPlaceMedianMs)}, max ${ms(s.newPlaceMaxMs)}; cached places median ${ms(s.warmMedianMs)}, p99 ${ms(s.warmP99Ms)}; 64 places held in ${s.heapMbFor64Places.toFixed(1)} MB of heap (${s.programsHeld} programs)`);
}
