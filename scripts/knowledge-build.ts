// npm run knowledge:build — compile knowledge/**/*.yaml into knowledge/dist/knowledge.json,
// the form the Worker bundles (no YAML parser at run time).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileKnowledge } from '../src/core/knowledge/compile';
import { knowledgeVersion } from '../src/core/knowledge/releases';
import { buildKnowledgeData } from './knowledge/compile';
import { FINGERPRINTS_FILE, fingerprintsCurrent } from './knowledge/releases';

const root = join(import.meta.dirname, '..');
const { errors, knowledge: compiled } = buildKnowledgeData(root);
if (errors.length > 0 || !compiled) {
  for (const e of errors) console.error(e);
  console.error(`knowledge: ${errors.length} error(s); nothing written`);
  process.exit(1);
}
const knowledge = compiled!;
compileKnowledge(knowledge); // fails here, not in the Worker, if the data cannot be compiled
mkdirSync(join(root, 'knowledge', 'dist'), { recursive: true });
const json = JSON.stringify(knowledge);
writeFileSync(join(root, 'knowledge', 'dist', 'knowledge.json'), json);
// The Worker imports the same JSON as a UTF-8 text module and parses it once: bundled as a JS
// object literal, esbuild would escape every Japanese character as \uXXXX (458 KB instead of 281 KB).
writeFileSync(join(root, 'knowledge', 'dist', 'knowledge.txt'), json);
const tracks = knowledge.programs.reduce((n, p) => n + p.editions.reduce((m, e) => m + e.tracks.length, 0), 0);
console.log(`knowledge: version ${knowledgeVersion(knowledge.releases)}, ${knowledge.programs.length} programs, ${tracks} tracks → knowledge/dist/knowledge.json`);
// Reads the committed fingerprints, never writes them (CI builds on a clean tree).
if (!fingerprintsCurrent(root, knowledge.programs))
  console.warn(`knowledge: warning: the programs differ from ${FINGERPRINTS_FILE} (the last release); run \`npm run knowledge:release\` to record a new version`);
