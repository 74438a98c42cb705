// npm run knowledge:release [-- --date YYYY-MM-DD] — records a new version of the knowledge
// base when its programs or tracks changed since the last release: appends the release
// (programs and tracks added, changed, closed or reopened) to knowledge/releases.yaml and
// rewrites knowledge/fingerprints.json. Nothing changed: says so and writes nothing.
// The date defaults to today in Japan.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { knowledgeVersion } from '../src/core/knowledge/releases';
import { todayJst } from '../src/core/status';
import { isValidDate } from '../src/api/validation';
import { buildKnowledgeData } from './knowledge/compile';
import { runRelease } from './knowledge/releases';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { date: { type: 'string' } } });
const date = values.date ?? todayJst();
if (!isValidDate(date)) {
  console.error(`knowledge:release: --date must be a real YYYY-MM-DD date, not "${date}"`);
  process.exit(1);
}
const { errors, knowledge } = buildKnowledgeData(root);
if (errors.length > 0 || !knowledge) {
  for (const e of errors) console.error(e);
  console.error(`knowledge:release: ${errors.length} error(s); nothing written (fix them first: npm run knowledge:check)`);
  process.exit(1);
}
const releases = knowledge.releases ?? [];
let outcome: ReturnType<typeof runRelease>;
try {
  outcome = runRelease(root, knowledge.programs, releases, date);
} catch (e) {
  console.error(`knowledge:release: ${(e as Error).message}; nothing written`);
  process.exit(1);
}
const { release, wrote } = outcome;
if (!release) {
  console.log(`knowledge:release: no program or track changed since version ${knowledgeVersion(releases)}; no release${wrote.length > 0 ? ` (refreshed ${wrote.join(', ')})` : ''}`);
} else {
  const count = (kind: string) => release.changes.filter((c) => c.change === kind).length;
  const summary = (['added', 'changed', 'reopened', 'closed'] as const).map((k) => `${count(k)} ${k}`).join(', ');
  console.log(`knowledge:release: version ${release.version} (${release.date}): ${summary}`);
  for (const c of release.changes)
    console.log(`  ${c.change.padEnd(8)} ${c.programId}${c.trackId ? `:${c.trackId}` : ''}${c.what ? ` (${c.what.join('・')})` : ''}`);
  console.log(`  wrote ${wrote.join(', ')}; commit them with the knowledge change, then npm run knowledge:build`);
}
