// The core turn as the Worker runs it: bench/core.ts bundled and minified with esbuild
// (as `wrangler deploy --minify` bundles the Worker), run in a fresh Node process.
// Running the TypeScript through tsx instead adds its keepNames wrappers and source
// maps to every call; both figures are printed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { TurnFigures } from './core';

export async function benchCoreBundled(turns: number): Promise<{ warming: TurnFigures; steady: TurnFigures }> {
  const dir = mkdtempSync(join(tmpdir(), 'hojo-bench-core-'));
  try {
    const entry = join(dir, 'entry.ts');
    const root = join(import.meta.dirname, '..');
    writeFileSync(
      entry,
      [
        `import { readFileSync } from 'node:fs';`,
        `import { benchCore } from ${JSON.stringify(join(root, 'bench', 'core'))};`,
        `import { compileKnowledge } from ${JSON.stringify(join(root, 'src', 'core', 'knowledge', 'compile'))};`,
        `const k = compileKnowledge(JSON.parse(readFileSync(process.argv[2], 'utf8')));`,
        `console.log(JSON.stringify(benchCore(k, Number(process.argv[3]))));`,
      ].join('\n'),
    );
    const out = join(dir, 'core.mjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', minify: true, outfile: out, logLevel: 'error' });
    const stdout = execFileSync(process.execPath, ['--expose-gc', out, join(root, 'knowledge', 'dist', 'knowledge.json'), String(turns)], { encoding: 'utf8' });
    return JSON.parse(stdout.trim().split('\n').pop()!) as { warming: TurnFigures; steady: TurnFigures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
