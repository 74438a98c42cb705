// npm run knowledge:promote <draft>: a reviewed jGrants draft (knowledge/drafts/jgrants/…)
// becomes a program in knowledge/programs/<program id>.yaml, with its source titled in
// taxonomy/sources.yaml (「Jグランツ「…」」, as jGrants' terms of use ask) and a
// <program id>.cases.yaml stub to fill. Another round or 枠 of a program already promoted
// is added to that program as an edition (or a track of the edition).
//
// knowledge:check then refuses the program until its cases are filled
// (promotedWithoutCases below, and missingCases in cases.ts for tracks with an amount).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isMap, isSeq, parse, parseDocument, stringify, type YAMLMap, type YAMLSeq } from 'yaml';
import { Program, type Edition, type Track } from '../../src/core/knowledge/schema';
import { newestEdition } from '../../src/core/match';
import type { Knowledge } from '../../src/core/knowledge/types';
import type { CasesLoad } from './cases';
import { buildKnowledgeData } from './compile';
import { DRAFTS_DIR } from './jgrants-import';
import type { DraftMeta } from './jgrants-map';

export interface PromoteResult {
  programFile: string;
  casesFile: string;
  /** What was added: a new program file, an edition of a promoted program, or a track of an edition. */
  added: 'program' | 'edition' | 'track';
  sourceKey: string;
  casesStubWritten: boolean;
}

export class PromoteError extends Error {}

const yamlOpts = { lineWidth: 0, aliasDuplicateObjects: false } as const;

function readDraft(path: string): { meta: DraftMeta; program: Program } {
  if (!existsSync(path)) throw new PromoteError(`no such draft: ${path}`);
  const data = parse(readFileSync(path, 'utf8')) as { draft?: DraftMeta; program?: unknown } | null;
  if (!data?.draft || data.draft.importer !== 'jgrants' || !data.program)
    throw new PromoteError(`${path}: not a jGrants draft (it needs draft.importer: jgrants and program)`);
  const parsed = Program.safeParse(data.program);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  program.${i.path.join('.')}: ${i.message}`);
    throw new PromoteError(`${path}: the program does not fit the knowledge format yet:\n${lines.join('\n')}`);
  }
  const missing = parsed.data.editions.flatMap((e) => e.tracks.filter((t) => !t.amount && !t.benefit).map((t) => `${e.id}/${t.id}`));
  if (missing.length > 0)
    throw new PromoteError(
      `${path}: 補助率が未記入の枠があります（${missing.join('、')}）。公募要領を確認して amount: { rate, cap } を記入してください（draft.review を参照）。`,
    );
  return { meta: data.draft, program: parsed.data };
}

/** Drops the defaults zod fills in (aliases: [], contacts: [], target: {}) when the draft did not write them. */
function asWritten(program: Program, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(program)) if (k in raw) out[k] = v;
  return out;
}

function casesStub(program: Program, meta: DraftMeta, programFile: string): string {
  const e = newestEdition(program);
  const window = e.application.kind === 'window' ? e.application.windows[0] : undefined;
  const date = window?.start ?? e.asOf;
  const profile = [
    program.region ? `prefecture: ${program.region.prefecture}` : 'prefecture: 東京都',
    ...(program.region?.municipality ? [`municipality: ${program.region.municipality}`] : []),
    'industry: manufacturing',
    'employees: 10',
  ].join(', ');
  const examples = e.tracks.flatMap((t) => {
    const ref = `${program.id}:${t.id}@${e.id}`;
    const rate = typeof t.amount?.rate === 'string' ? t.amount.rate : undefined;
    if (rate && typeof t.amount?.cap === 'number') {
      const [n, d] = rate.split('/').map(Number) as [number, number];
      const expense = 1_000_000;
      const before = Math.floor((expense * n) / d);
      const yen = Math.min(before, t.amount.cap);
      return [
        `#  - name: "経費 1,000,000円 × ${rate} = ${before.toLocaleString('en-US')}円（上限 ${t.amount.cap.toLocaleString('en-US')}円）"`,
        `#    track: ${ref}`,
        `#    expense: ${expense}`,
        `#    expect: { verdict: eligible, beforeCap: ${before}, yen: ${yen}, selfPay: ${expense - yen} }`,
        `#    source: 補助率 … 補助上限額 …   # the words of the 公募要領 (or of Jグランツ) that give these figures`,
      ];
    }
    return [
      `#  - name: "${t.name}: 対象の事業者 → 要確認（補助率を公募要領でご確認ください）"`,
      `#    track: ${ref}`,
      `#    expect: { verdict: check, status: open }`,
      `#    source: 補助対象者 …   # the words that say who may apply`,
    ];
  });
  return [
    `# Test cases for ${programFile} (see knowledge/README.md, "Test cases").`,
    `# Written by npm run knowledge:promote from the Jグランツ draft ${meta.jgrantsId} as a stub:`,
    '# npm run knowledge:check refuses the program until every track has a case. Compute each',
    '# expected figure by hand from the 公募要領, never from the bot’s answer.',
    'defaults:',
    `  profile: { ${profile} }`,
    `  date: ${date}`,
    `  file: "jgrants:${meta.jgrantsId}"`,
    'cases: []',
    '# Cases to write (replace `cases: []` with `cases:` and uncomment, with the real figures):',
    ...examples,
    '',
  ].join('\n');
}

/** Adds `jgrants:{id}: { title }` to taxonomy/sources.yaml unless it is there (appended: comments stay). */
function addSource(root: string, key: string, title: string): void {
  const path = join(root, 'knowledge', 'taxonomy', 'sources.yaml');
  const text = readFileSync(path, 'utf8');
  const sources = (parse(text) as { sources?: Record<string, unknown> }).sources ?? {};
  if (key in sources) return;
  writeFileSync(path, `${text.replace(/\n*$/, '\n')}  ${JSON.stringify(key)}: { title: ${JSON.stringify(title)} }\n`);
}

export function promoteDraft(root: string, draftPath: string): PromoteResult {
  const { meta, program } = readDraft(draftPath);
  const raw = (parse(readFileSync(draftPath, 'utf8')) as { program: Record<string, unknown> }).program;
  const programsDir = join(root, 'knowledge', 'programs');
  const name = program.id;
  const programPath = join(programsDir, `${name}.yaml`);
  const casesPath = join(programsDir, `${name}.cases.yaml`);
  const programFile = relative(root, programPath);
  const casesFile = relative(root, casesPath);
  const sourceKey = `jgrants:${meta.jgrantsId}`;
  const backups = new Map<string, string | null>();
  const save = (p: string) => backups.has(p) || backups.set(p, existsSync(p) ? readFileSync(p, 'utf8') : null);

  let added: PromoteResult['added'] = 'program';
  save(programPath);
  if (!existsSync(programPath)) {
    const header = [
      `# ${program.name} — Jグランツ（${meta.url}）から取り込み、公募要領と照らして確認したもの。`,
      '# 新しい公募回は npm run knowledge:import -- jgrants で下書きを作り、npm run knowledge:promote で追加します。',
      '',
    ].join('\n');
    writeFileSync(programPath, header + stringify({ programs: [asWritten(program, raw)] }, yamlOpts));
  } else {
    const doc = parseDocument(readFileSync(programPath, 'utf8'));
    const programs = doc.get('programs') as YAMLSeq<YAMLMap> | undefined;
    const pi = isSeq(programs) ? programs.items.findIndex((p) => isMap(p) && p.get('id') === program.id) : -1;
    if (pi < 0) throw new PromoteError(`${programFile} exists but has no program "${program.id}"`);
    const editions = doc.getIn(['programs', pi, 'editions']) as YAMLSeq<YAMLMap>;
    const draftEdition = program.editions[0] as Edition;
    const ei = editions.items.findIndex((e) => e.get('id') === draftEdition.id);
    if (ei < 0) {
      editions.add(doc.createNode(draftEdition, yamlOpts));
      added = 'edition';
    } else {
      const tracks = doc.getIn(['programs', pi, 'editions', ei, 'tracks']) as YAMLSeq<YAMLMap>;
      for (const t of draftEdition.tracks as Track[]) {
        if (tracks.items.some((x) => x.get('id') === t.id))
          throw new PromoteError(`${programFile}: ${program.id}:${t.id}@${draftEdition.id} is already in the knowledge base`);
        tracks.add(doc.createNode(t, yamlOpts));
      }
      added = 'track';
    }
    writeFileSync(programPath, doc.toString(yamlOpts));
  }

  // The record as fetched, which the program's quotes are checked against (knowledge:test),
  // as seed documents are for the other sources: a later hand edit that drifts from it fails.
  const recordPath = join(root, 'knowledge', 'sources', 'jgrants', `${meta.jgrantsId}.txt`);
  save(recordPath);
  mkdirSync(dirname(recordPath), { recursive: true });
  writeFileSync(recordPath, jgrantsRecord(meta, program));

  const sourcesPath = join(root, 'knowledge', 'taxonomy', 'sources.yaml');
  save(sourcesPath);
  addSource(root, sourceKey, meta.sourceTitle);

  let casesStubWritten = false;
  save(casesPath);
  if (!existsSync(casesPath)) {
    writeFileSync(casesPath, casesStub(program, meta, programFile));
    casesStubWritten = true;
  }

  // The result must compile (schema, ids, regions, sources); otherwise nothing is left changed.
  const { errors } = buildKnowledgeData(root);
  if (errors.length > 0) {
    for (const [p, text] of backups) {
      if (text === null) rmSync(p, { force: true });
      else writeFileSync(p, text);
    }
    throw new PromoteError(`the promoted program does not pass knowledge:check (nothing was changed):\n${errors.map((e) => `  ${e}`).join('\n')}`);
  }
  markPromoted(root, meta.jgrantsId, programFile);
  return { programFile, casesFile, added, sourceKey, casesStubWritten };
}

/** The Jグランツ record as the importer read it: its fields, and the lines the draft quotes from them. */
function jgrantsRecord(meta: DraftMeta, program: { editions: unknown[] }): string {
  const quotes = (program.editions as Edition[]).flatMap((e) => [e.source.quote, ...e.tracks.map((t) => t.source.quote)]);
  return [
    `# Jグランツ ${meta.url}（${meta.fetched}取得、knowledge:promote が書き出した記録です。手で編集しないでください）`,
    ...quotes,
    ...Object.entries(meta.jgrants).map(([key, value]) => `${key}: ${value ?? ''}`),
    '',
  ].join('\n');
}

/** Records in the import index that a subsidy was promoted, so that a later change is flagged. */
function markPromoted(root: string, id: string, programFile: string): void {
  const path = join(root, DRAFTS_DIR, 'index.yaml');
  if (!existsSync(path)) return;
  const doc = parseDocument(readFileSync(path, 'utf8'));
  if (!doc.hasIn(['subsidies', id])) return;
  doc.setIn(['subsidies', id, 'promoted'], programFile);
  writeFileSync(path, doc.toString(yamlOpts));
}

/**
 * knowledge:check: a program promoted from Jグランツ (it cites a `jgrants:` source) needs a
 * case for every track of its promoted editions, also for tracks without an amount rule
 * (cases.ts's missingCases already requires one for tracks with an amount, and the
 * .cases.yaml file itself). Returns `file:line: message`.
 */
export function promotedWithoutCases(
  k: Knowledge,
  programFiles: { file: string; lineOf: (path: PropertyKey[]) => number; programs: Program[] }[],
  loaded: CasesLoad,
): string[] {
  const covered = new Set<string>();
  for (const c of loaded.cases) {
    const program = k.ix.programById.get(c.programId);
    const edition = program && (c.edition ?? newestEdition(program).id);
    for (const t of c.trackId.split('+')) covered.add(`${c.programId}:${t}@${edition}`);
  }
  const errors: string[] = [];
  for (const pf of programFiles) {
    const casesFile = pf.file.replace(/\.yaml$/, '.cases.yaml');
    if (!loaded.files.includes(casesFile)) continue; // missingCases reports the missing file
    pf.programs.forEach((p, pi) =>
      p.editions.forEach((e, ei) => {
        if (!e.source.file.startsWith('jgrants:')) return;
        e.tracks.forEach((t, ti) => {
          if (t.amount || covered.has(`${p.id}:${t.id}@${e.id}`)) return;
          const line = pf.lineOf(['programs', pi, 'editions', ei, 'tracks', ti]);
          errors.push(`${pf.file}:${line}: track ${p.id}:${t.id}@${e.id} was promoted from Jグランツ and has no case in ${casesFile} (fill the stub knowledge:promote wrote)`);
        });
      }),
    );
  }
  return errors;
}
