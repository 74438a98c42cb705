// npm run bench — prints performance figures (no assertions). See BENCHMARKS.md.
import { cpus } from 'node:os';
import { loadKnowledgeFile } from '../scripts/load-knowledge';
import { benchCore } from './core';

const knowledge = loadKnowledgeFile();
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`);
console.log(`knowledge: ${knowledge.programs.length} programs`);
const core = benchCore(knowledge, Number(process.env.BENCH_TURNS ?? 5000));
const turnLine = (f: { turns: number; medianMs: number; p99Ms: number; meanMs: number }) => `${f.turns} turns: median ${fmt(f.medianMs)}, p99 ${fmt(f.p99Ms)}, mean ${fmt(f.meanMs)}`;
console.log(`1. core turn (parse + match + amounts + LINE render), first ${turnLine(core.warming)} (JIT warming up)`);
console.log(`1. core turn (parse + match + amounts + LINE render), steady state ${turnLine(core.steady)}`);

import { benchScale } from './scale';
for (const n of [1_000, 10_000, 50_000]) {
  const s = benchScale(knowledge, n);
  console.log(`3. scale ${n.toLocaleString('en-US')} programs: match median ${fmt(s.medianMs)}, p99 ${fmt(s.p99Ms)}, ${s.rowsPerQuery.toFixed(1)} rows evaluated per query; index built in ${fmt(s.indexMs)}; heap +${s.heapMb.toFixed(1)} MB (knowledge + index)`);
}
