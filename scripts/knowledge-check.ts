// npm run knowledge:check — validate every knowledge file; errors print as `file:line: what is wrong`.
import { join } from 'node:path';
import { compileKnowledge } from './knowledge/compile';

const { errors, knowledge: compiled } = compileKnowledge(join(import.meta.dirname, '..'));
for (const e of errors) console.error(e);
if (errors.length > 0 || !compiled) {
  console.error(`knowledge:check: ${errors.length} error(s)`);
  process.exit(1);
}
const knowledge = compiled!;
const editions = knowledge.programs.reduce((n, p) => n + p.editions.length, 0);
const tracks = knowledge.programs.reduce((n, p) => n + p.editions.reduce((m, e) => m + e.tracks.length, 0), 0);
console.log(`knowledge:check: OK — ${knowledge.programs.length} programs, ${editions} editions, ${tracks} tracks, ${knowledge.questions.length} questions`);
