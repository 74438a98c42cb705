// knowledge:check on broken copies of the knowledge base: the taxonomy files that
// name things elsewhere (sources, program kinds, menus) must agree with them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildKnowledgeData } from '../../scripts/knowledge/compile';
import { sourceText } from '../../src/dialogue/answer';
import { knowledge } from '../helpers';

const repo = join(import.meta.dirname, '..', '..');
let root: string | undefined;

/** A copy of knowledge/ with one file edited, compiled. */
function compileWith(file: string, edit: (text: string) => string): string[] {
  root = mkdtempSync(join(tmpdir(), 'hojo-knowledge-'));
  cpSync(join(repo, 'knowledge'), join(root, 'knowledge'), { recursive: true, filter: (src) => !src.includes('/dist') });
  const path = join(root, 'knowledge', file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  return buildKnowledgeData(root).errors;
}

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

describe('knowledge:check of the taxonomy files', () => {
  it('fails when a program cites a source file without a title', () => {
    const errors = compileWith('taxonomy/sources.yaml', (t) => t.replace(/^ {2}004_9ecc0b3a251732fb\.txt:.*\n/m, ''));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.startsWith('knowledge/programs/004-hitachinaka.yaml:') && e.includes('"004_9ecc0b3a251732fb.txt" has no title'))).toBe(true);
  });

  it('fails on a program kind that program-kinds.yaml does not list', () => {
    const errors = compileWith('taxonomy/program-kinds.yaml', (t) => t.replace(/^ {2}- \{ id: facility.*\n/m, ''));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^knowledge\/programs\/.*\.yaml:\d+: unknown kind "facility"/);
  });

  it('fails on menu ids that are not in the taxonomy, but accepts goal none', () => {
    const errors = compileWith('taxonomy/menus.yaml', (t) => t.replace('id: design }', 'id: no-such-industry }').replace('id: startup }', 'id: no-such-goal }'));
    expect(errors).toEqual([
      expect.stringMatching(/^knowledge\/taxonomy\/menus\.yaml:\d+: unknown industry "no-such-industry"$/),
      expect.stringMatching(/^knowledge\/taxonomy\/menus\.yaml:\d+: unknown goal "no-such-goal"$/),
    ]);
  });
});

describe('compiled taxonomy data', () => {
  it('titles the source documents as before', () => {
    expect(sourceText(knowledge, { source: { file: '001_43386e5738d85651.txt', section: '概要', quote: '…' } })).toBe(
      '出典：金沢市「ものづくり産業 支援ガイド」（令和7年度）「概要」',
    );
    expect(Object.keys(knowledge.sources)).toHaveLength(5);
  });

  it('has the menus, program kinds and short size-class labels', () => {
    expect(knowledge.menus.goals.at(-1)).toEqual({ label: '特に決めていない', id: 'none' });
    expect(knowledge.menus.expenses.at(-1)).toEqual({ label: 'まだ分からない', value: null });
    expect(knowledge.menus.employees.map((m) => m.value)).toEqual([5, 20, 50, 100, 300, 301]);
    expect(knowledge.programKinds.map((x) => x.id)).toEqual(['subsidy', 'grant', 'loan', 'tax', 'advisory', 'facility', 'support']);
    expect(knowledge.sizeClassShortLabels).toMatchObject({ small: '小規模企業者', sme: '中小企業者', large: '大企業' });
  });
});
