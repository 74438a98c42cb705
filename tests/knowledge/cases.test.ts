// Runs knowledge/programs/*.cases.yaml (the same runner as `npm run knowledge:test`):
// one test per case and per fact, named `file:line name`, and the verbatim check of
// each case's source quote against the documents in ../shared/seeds.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCases, missingCases, missingQuoteFragments, programFilesOf, runCase, runFact, SEED_DIR, SEEDS_MISSING_NOTE, type LoadedCase, type LoadedFact } from '../../scripts/knowledge/cases';
import { existsSync } from 'node:fs';
import { knowledge } from '../helpers';

const root = join(import.meta.dirname, '..', '..');
const loaded = loadCases(root);
const seeds = existsSync(SEED_DIR);
if (!seeds) console.warn(`cases.test: ${SEEDS_MISSING_NOTE}`);

it('every .cases.yaml file parses and fits the format', () => {
  expect(loaded.errors).toEqual([]);
});

it('every program file has cases, one at least per track with an amount rule', () => {
  expect(missingCases(knowledge, programFilesOf(root), loaded)).toEqual([]);
});

const failuresOf = (item: LoadedCase | LoadedFact) => (item.kind === 'case' ? runCase(knowledge, item).failures : runFact(knowledge, item));

for (const file of loaded.files) {
  const items = [...loaded.cases, ...loaded.facts].filter((x) => x.file === file).sort((a, b) => a.line - b.line);
  describe(file, () => {
    for (const item of items) {
      const name = `${item.where} ${item.spec.name}`;
      if (item.spec.knownWrong) {
        // Reported, not failing: the knowledge (or the engine) is known to be wrong here.
        it(`${name} [knownWrong: ${item.spec.knownWrong}]`, () => {
          const failures = failuresOf(item);
          if (failures.length === 0) console.warn(`${item.where}: marked knownWrong but passes now — remove knownWrong`);
        });
        continue;
      }
      it(name, () => {
        const failures = failuresOf(item);
        expect(failures, `${item.where}: ${failures.join('; ')}`).toEqual([]);
      });
    }
  });
}

describe.skipIf(!seeds)(`every case's source quote is verbatim in its document${seeds ? '' : ' (skipped: ../shared/seeds not found)'}`, () => {
  const sourced = [...loaded.cases, ...loaded.facts].filter((x) => x.source);
  it.each(sourced.map((x) => ({ where: x.where, source: x.source! })))('$where', ({ where, source }) => {
    expect(missingQuoteFragments(source.file, source.quote), `${where}: quote not in ${source.file}`).toEqual([]);
  });
});

describe('the runner itself', () => {
  const first = loaded.cases.find((c) => c.spec.expect.yen !== undefined && !c.spec.knownWrong)!;
  it('fails a case whose figure is wrong, naming the field', () => {
    const wrong = { ...first, spec: { ...first.spec, expect: { ...first.spec.expect, yen: first.spec.expect.yen! + 1 } } };
    expect(runCase(knowledge, wrong).failures.join()).toMatch(/^yen: expected \d+, got \d+/);
  });
  it('refuses a track with an amount rule and no case', () => {
    const others = { ...loaded, cases: loaded.cases.filter((c) => !(c.programId === first.programId && c.trackId.split('+').includes(first.trackId))) };
    expect(missingCases(knowledge, programFilesOf(root), others)).toEqual([
      expect.stringMatching(new RegExp(`^knowledge/programs/.*\\.yaml:\\d+: track ${first.programId}:${first.trackId}@.* has an amount rule but no case`)),
    ]);
  });
});
