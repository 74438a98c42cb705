// knowledge:promote on drafts imported from the fake jGrants API, in a temporary copy of
// knowledge/: the program file, its source title, the .cases.yaml stub, and knowledge:check
// refusing the promoted program until its cases are written.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCases, missingCases, missingQuoteFragments, programFilesOf, runCase } from '../../scripts/knowledge/cases';
import { buildKnowledgeData } from '../../scripts/knowledge/compile';
import { JgrantsClient } from '../../scripts/knowledge/jgrants-api';
import { importJgrants } from '../../scripts/knowledge/jgrants-import';
import { PromoteError, promoteDraft, promotedWithoutCases } from '../../scripts/knowledge/jgrants-promote';
import { compileKnowledge } from '../../src/core/knowledge/compile';
import { sourceText } from '../../src/dialogue/answer';
import { startFakeJgrants, type FakeJgrants } from '../fixtures/jgrants/server';

const repo = join(import.meta.dirname, '..', '..');
const SHOKEI14 = 'a0WJ200000SHOKEI14';
const SHOKEI15 = 'a0WJ200000SHOKEI15';
const IBARAKI = 'a0WJ200000IBARAKI1';

let root: string;
let api: FakeJgrants;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'hojo-promote-'));
  cpSync(join(repo, 'knowledge'), join(root, 'knowledge'), { recursive: true, filter: (src) => !src.includes('/dist') && !src.includes('/drafts') });
  api = await startFakeJgrants();
  const client = new JgrantsClient({ baseUrl: api.baseUrl, pauseMs: 0 });
  await importJgrants({ root, client, today: '2026-05-01', keywords: ['創業'], areas: ['全国', '石川県', '茨城県'] });
});

afterEach(async () => {
  await api.close();
  rmSync(root, { recursive: true, force: true });
});

const draft = (id: string) => join(root, 'knowledge', 'drafts', 'jgrants', `${id}.yaml`);

/** What knowledge:check reports: the build, then the cases rules. */
function check(): { errors: string[]; knowledge?: ReturnType<typeof compileKnowledge> } {
  const built = buildKnowledgeData(root);
  if (!built.knowledge) return { errors: built.errors };
  const knowledge = compileKnowledge(built.knowledge);
  const cases = loadCases(root);
  const files = programFilesOf(root);
  // Only the promoted programs' lines: the other files are checked by cases.test.ts.
  const errors = [...cases.errors, ...missingCases(knowledge, files, cases), ...promotedWithoutCases(knowledge, files, cases)];
  return { knowledge, errors: errors.filter((e) => e.startsWith('knowledge/programs/jgrants-')) };
}

describe('knowledge:promote', () => {
  it('turns a draft into a program file with its source and a cases stub; check refuses it until the cases are filled', async () => {
    const programId = parse(readFileSync(draft(SHOKEI14), 'utf8')).program.id as string;
    const r = promoteDraft(root, draft(SHOKEI14));
    expect(r).toEqual({
      programFile: `knowledge/programs/${programId}.yaml`,
      casesFile: `knowledge/programs/${programId}.cases.yaml`,
      added: 'program',
      sourceKey: `jgrants:${SHOKEI14}`,
      casesStubWritten: true,
    });

    // The program file holds the draft's program, as written.
    const file = parse(readFileSync(join(root, r.programFile), 'utf8'));
    expect(file.programs).toEqual([parse(readFileSync(draft(SHOKEI14), 'utf8')).program]);
    // Its source is titled 「Jグランツ「…」」, so answers show Jグランツ as the source.
    const sources = parse(readFileSync(join(root, 'knowledge', 'taxonomy', 'sources.yaml'), 'utf8')).sources;
    expect(sources[`jgrants:${SHOKEI14}`]).toEqual({ title: 'Jグランツ「中小企業生産性革命推進事業_事業承継・M&A補助金(14次公募)_事業承継促進枠」' });
    expect(readFileSync(join(root, 'knowledge', 'taxonomy', 'sources.yaml'), 'utf8')).toContain('# The source documents the programs cite');
    // The import index remembers the promotion.
    expect(parse(readFileSync(join(root, 'knowledge', 'drafts', 'jgrants', 'index.yaml'), 'utf8')).subsidies[SHOKEI14].promoted).toBe(r.programFile);

    // The stub fits the cases format, with no cases yet: check refuses the program.
    const stub = readFileSync(join(root, r.casesFile), 'utf8');
    expect(stub).toContain('cases: []');
    expect(stub).toContain(`#    track: ${programId}:`);
    expect(stub).toContain('#    expect: { verdict: eligible, beforeCap: 666666, yen: 666666, selfPay: 333334 }');
    let result = check();
    expect(result.errors).toEqual([expect.stringMatching(new RegExp(`^knowledge/programs/${programId}\\.yaml:\\d+: track ${programId}:t-[0-9a-f]{6}@r14 has an amount rule but no case`))]);

    // A rate that did not parse must be written by the reviewer before promoting.
    expect(() => promoteDraft(root, draft(IBARAKI))).toThrow(/補助率が未記入の枠があります（jg-s-00009303\/main）/);
    const gd = parse(readFileSync(draft(IBARAKI), 'utf8'));
    gd.program.editions[0].tracks[0].amount = {
      rate: { default: '1/2', when: [{ if: { sizeClass: 'small' }, rate: '2/3', label: '小規模事業者' }] },
      cap: 5000000,
    };
    writeFileSync(draft(IBARAKI), JSON.stringify(gd));
    const g = promoteDraft(root, draft(IBARAKI));
    result = check();
    expect(result.errors).toHaveLength(2);
    expect(result.errors).toContainEqual(expect.stringMatching(new RegExp(`^${g.programFile}:\\d+: track .*:main@jg-s-00009303 has an amount rule but no case`)));

    // A promoted track without an amount rule (a benefit) needs a case too.
    const files = programFilesOf(root).map((f) =>
      f.file !== g.programFile
        ? f
        : {
            ...f,
            programs: f.programs.map((p) => ({
              ...p,
              editions: p.editions.map((e) => ({ ...e, tracks: e.tracks.map(({ amount: _, ...t }) => ({ ...t, benefit: { kind: 'service' as const, text: '専門家派遣' } })) })),
            })),
          },
    );
    expect(promotedWithoutCases(result.knowledge!, files, loadCases(root))).toEqual([
      expect.stringMatching(new RegExp(`^${g.programFile}:\\d+: track .*:main@jg-s-00009303 was promoted from Jグランツ and has no case in ${g.casesFile.replace(/\./g, '\\.')}`)),
    ]);

    // The reviewer fills the cases: check accepts, and the cases pass.
    const trackA = file.programs[0].editions[0].tracks[0].id;
    writeFileSync(
      join(root, r.casesFile),
      [
        'defaults:',
        '  profile: { prefecture: 石川県, industry: manufacturing, employees: 10 }',
        '  date: 2026-05-01',
        `  file: "jgrants:${SHOKEI14}"`,
        'cases:',
        '  - name: "経費 1,000,000円 × 2/3 = 666,666円（上限 8,000,000円）"',
        `    track: ${programId}:${trackA}@r14`,
        '    expense: 1000000',
        '    expect: { verdict: eligible, status: open, beforeCap: 666666, yen: 666666, selfPay: 333334 }',
        '    source: 補助率 2/3以内、補助上限額 8,000,000円',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(root, g.casesFile),
      [
        'defaults:',
        '  profile: { prefecture: 茨城県, industry: manufacturing, employees: 30 }',
        '  date: 2026-05-01',
        `  file: "jgrants:${IBARAKI}"`,
        'cases:',
        '  - name: "製造業30人（小規模でない）1,000,000円 × 1/2 = 500,000円、地域と従業員数は要確認"',
        `    track: ${parse(readFileSync(join(root, g.programFile), 'utf8')).programs[0].id}:main`,
        '    expense: 1000000',
        '    expect: { verdict: check, beforeCap: 500000, yen: 500000, doubtful: true }',
        '    source: 2/3以内又は1/2以内（小規模事業者は2/3）',
        '',
      ].join('\n'),
    );
    result = check();
    expect(result.errors).toEqual([]);
    for (const c of loadCases(root).cases.filter((x) => x.programId.startsWith('jgrants-')))
      expect(runCase(result.knowledge!, c).failures, c.where).toEqual([]);
    // Quotes of a Jグランツ source are checked against the record promote kept, as seeds are for documents.
    const recordDir = join(root, 'knowledge', 'sources', 'jgrants');
    expect(existsSync(join(recordDir, `${IBARAKI}.txt`))).toBe(true);
    for (const c of loadCases(root).cases.filter((x) => x.programId.startsWith('jgrants-')))
      expect(missingQuoteFragments(c.source.file, c.source.quote, undefined, recordDir), c.where).toEqual([]);
    const promoted = parse(readFileSync(join(root, g.programFile), 'utf8')).programs[0];
    for (const e of promoted.editions)
      for (const src of [e.source, ...e.tracks.map((t: { source: unknown }) => t.source)] as { file: string; quote: string }[])
        expect(missingQuoteFragments(src.file, src.quote, undefined, recordDir)).toEqual([]);
    expect(missingQuoteFragments(`jgrants:${IBARAKI}`, '記録にない文言', undefined, recordDir)).toEqual(['記録にない文言']);
    // The answer's source line names Jグランツ.
    expect(sourceText(result.knowledge!, { source: { file: `jgrants:${SHOKEI14}`, section: '補助率・補助上限額', quote: '…' } })).toBe(
      '出典：Jグランツ「中小企業生産性革命推進事業_事業承継・M&A補助金(14次公募)_事業承継促進枠」「補助率・補助上限額」',
    );

    // The next round joins the same program as an edition; its track needs a case.
    const b = promoteDraft(root, draft(SHOKEI15));
    expect(b).toMatchObject({ programFile: r.programFile, added: 'edition', casesStubWritten: false });
    const editions = parse(readFileSync(join(root, r.programFile), 'utf8')).programs[0].editions;
    expect(editions.map((e: { id: string }) => e.id)).toEqual(['r14', 'r15']);
    expect(readFileSync(join(root, r.programFile), 'utf8')).toMatch(/^# 中小企業生産性革命推進事業_事業承継・M&A補助金 — Jグランツ/);
    expect(check().errors).toEqual([expect.stringContaining(`track ${programId}:${trackA}@r15 has an amount rule but no case`)]);
    expect(() => promoteDraft(root, draft(SHOKEI15))).toThrow(PromoteError);
  });

  it('refuses a draft that does not fit the program format yet, and changes nothing', () => {
    const path = draft(SHOKEI14);
    const d = parse(readFileSync(path, 'utf8'));
    d.program.goals = [];
    writeFileSync(path, JSON.stringify(d));
    const sourcesBefore = readFileSync(join(root, 'knowledge', 'taxonomy', 'sources.yaml'), 'utf8');
    expect(() => promoteDraft(root, path)).toThrow(/program\.goals: /);
    expect(existsSync(join(root, 'knowledge', 'programs', `${d.program.id}.yaml`))).toBe(false);

    // Fits the schema but not the taxonomy (an unknown goal): rolled back.
    d.program.goals = ['no-such-goal'];
    writeFileSync(path, JSON.stringify(d));
    expect(() => promoteDraft(root, path)).toThrow(/unknown goal "no-such-goal"/);
    expect(existsSync(join(root, 'knowledge', 'programs', `${d.program.id}.yaml`))).toBe(false);
    expect(existsSync(join(root, 'knowledge', 'programs', `${d.program.id}.cases.yaml`))).toBe(false);
    expect(readFileSync(join(root, 'knowledge', 'taxonomy', 'sources.yaml'), 'utf8')).toBe(sourcesBefore);
  });
});
