// npm run knowledge:test — run knowledge/programs/*.cases.yaml through the engine.
// Prints `file:line: case: what differs` for every failing case; cases marked
// `knownWrong` are reported but do not fail the run.
import { join } from 'node:path';
import { loadKnowledgeFile } from './load-knowledge';
import { checkCount, loadCases, missingQuoteFragments, runCase, runFact, SEEDS_MISSING_NOTE } from './knowledge/cases';

const root = join(import.meta.dirname, '..');
const knowledge = loadKnowledgeFile();
const loaded = loadCases(root);
for (const e of loaded.errors) console.error(e);

let failed = loaded.errors.length;
let known = 0;
let checks = 0;
let seedsMissing = false;
const perFile = new Map<string, number>();
for (const item of [...loaded.cases, ...loaded.facts]) {
  perFile.set(item.file, (perFile.get(item.file) ?? 0) + 1);
  checks += checkCount(item);
  const failures = item.kind === 'case' ? runCase(knowledge, item).failures : runFact(knowledge, item);
  if (item.source) {
    const missing = missingQuoteFragments(item.source.file, item.source.quote);
    if (missing === null) seedsMissing = true;
    else for (const m of missing) failures.push(`source: 「${m}」 is not in ${item.source.file}`);
  }
  const label = `${item.where}: ${item.spec.name}`;
  if (item.spec.knownWrong) {
    known++;
    if (failures.length > 0) console.log(`${label}: known wrong (${item.spec.knownWrong}): ${failures.join('; ')}`);
    else console.log(`${label}: marked knownWrong but passes now — remove knownWrong`);
  } else if (failures.length > 0) {
    failed++;
    for (const f of failures) console.error(`${label}: ${f}`);
  }
}
if (seedsMissing) console.warn(`knowledge:test: ${SEEDS_MISSING_NOTE}`);
const files = [...perFile].map(([f, n]) => `${f.replace('knowledge/programs/', '')} ${n}`).join(', ');
const total = loaded.cases.length + loaded.facts.length;
console.log(`knowledge:test: ${total - failed - known} passed, ${failed} failed, ${known} known wrong — ${loaded.cases.length} cases, ${loaded.facts.length} facts, ${checks} checks (${files})`);
process.exit(failed > 0 ? 1 : 0);
