// npm run knowledge:check — validate every knowledge file; errors print as `file:line: what is wrong`.
import { join } from 'node:path';
import { compileKnowledge } from '../src/core/knowledge/compile';
import { loadCases, missingCases, programFilesOf } from './knowledge/cases';
import { buildKnowledgeData } from './knowledge/compile';
import { promotedWithoutCases } from './knowledge/jgrants-promote';

const { errors, knowledge: compiled } = buildKnowledgeData(join(import.meta.dirname, '..'));
for (const e of errors) console.error(e);
if (errors.length > 0 || !compiled) {
  console.error(`knowledge:check: ${errors.length} error(s)`);
  process.exit(1);
}
// The run-time compile step too (lookups, region patterns, name index), so that data it
// cannot compile fails here rather than in the Worker.
const knowledge = compileKnowledge(compiled!);
// An advisor who adds a program adds its cases (knowledge/programs/<file>.cases.yaml): the
// files must fit the format, and every track with an amount rule needs at least one case.
const root = join(import.meta.dirname, '..');
const cases = loadCases(root);
const programFiles = programFilesOf(root);
// A program promoted from Jグランツ needs a case for every track (knowledge:promote writes the stub).
const caseErrors = [...cases.errors, ...missingCases(knowledge, programFiles, cases), ...promotedWithoutCases(knowledge, programFiles, cases)];
for (const e of caseErrors) console.error(e);
if (caseErrors.length > 0) {
  console.error(`knowledge:check: ${caseErrors.length} error(s) in the test cases (see knowledge/README.md, "Test cases")`);
  process.exit(1);
}
const editions = knowledge.programs.reduce((n, p) => n + p.editions.length, 0);
const tracks = knowledge.programs.reduce((n, p) => n + p.editions.reduce((m, e) => m + e.tracks.length, 0), 0);
console.log(`knowledge:check: OK — ${knowledge.programs.length} programs, ${editions} editions, ${tracks} tracks, ${knowledge.questions.length} questions`);
