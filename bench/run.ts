// npm run bench — prints performance figures (no assertions). See BENCHMARKS.md.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Knowledge } from '../src/core/knowledge/types';
import { benchCore } from './core';

const knowledge = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'knowledge', 'dist', 'knowledge.json'), 'utf8')) as Knowledge;
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`);
console.log(`knowledge: ${knowledge.programs.length} programs`);
const core = benchCore(knowledge, Number(process.env.BENCH_TURNS ?? 5000));
console.log(`1. core turn (parse + match + amounts + LINE render), ${core.turns} turns: median ${fmt(core.medianMs)}, p99 ${fmt(core.p99Ms)}, mean ${fmt(core.meanMs)}`);
