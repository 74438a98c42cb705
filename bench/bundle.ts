// Bundle size (`wrangler deploy --dry-run --minify`) and Worker start-up time
// (`wrangler check startup`, which profiles the start-up phase of the minified bundle
// in local workerd: no account needed). Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './core';

const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
const run = (args: string[]) => execFileSync('wrangler', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

export function bundleSize(): { kib: number; gzipKib: number } {
  const dir = mkdtempSync(join(tmpdir(), 'hojo-bundle-'));
  try {
    const out = run(['deploy', '--dry-run', '--minify', '--outdir', dir]);
    const m = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(out);
    if (!m) throw new Error(`no size in wrangler output:\n${out.slice(-1000)}`);
    return { kib: Number(m[1]), gzipKib: Number(m[2]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Active CPU time of the start-up phase (ms), `runs` times. */
export function startupTimes(runs = 5): { medianMs: number; maxMs: number; runs: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'hojo-startup-'));
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const out = run(['check', 'startup', '--outfile', join(dir, `startup-${i}.cpuprofile`), '--args=--minify']);
      const m = /Active: ([\d.]+) ms/.exec(out);
      if (!m) throw new Error(`no start-up time in wrangler output:\n${out.slice(-1000)}`);
      times.push(Number(m[1]));
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { medianMs: percentile(sorted, 50), maxMs: sorted[sorted.length - 1]!, runs: times };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
