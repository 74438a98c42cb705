// Test cases as data: knowledge/programs/<file>.cases.yaml beside each program file.
// A case is one business profile (+ answers, expense or per-track expenses, date) matched
// through the real engine (buildProfile + matchPrograms), the row it expects (verdict,
// amount, self-pay, status…), and the line of the source document that justifies it.
// `facts` check fields of the knowledge itself (contacts, benefit texts, editions).
// `npm run knowledge:test` runs them (so does `npm test`, via tests/knowledge/cases.test.ts);
// failures print `file:line: …` of the case.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { Edition, Knowledge, Program, Track } from '../../src/core/knowledge/types';
import { matchPrograms, newestEdition, type MatchRow } from '../../src/core/match';
import { buildProfile, type ProfileRequest } from '../../src/core/profile';
import { lineOf } from './compile';

/** The source documents (not in the repository): ../shared/seeds beside the checkout. */
export const SEED_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');
export const SEEDS_MISSING_NOTE = `source documents not found at ${SEED_DIR}: verbatim-quote checks skipped`;

/** Quotes are compared without spaces, table pipes, markdown marks and tags, NFKC-normalised. */
export const normalizeQuote = (s: string) => s.normalize('NFKC').replace(/[\s|*#]+|<\/?[a-z]+>/g, '');

/** Records of Jグランツ sources as fetched, written by knowledge:promote (in the repository, unlike the seeds). */
export const JGRANTS_RECORD_DIR = join(import.meta.dirname, '..', '..', 'knowledge', 'sources', 'jgrants');

/** Where the text of a cited source is: a seed document, or the Jグランツ record kept at promotion (`jgrants:<id>`). */
export function sourcePath(file: string, seedDir = SEED_DIR, recordDir = JGRANTS_RECORD_DIR): { dir: string; path: string } {
  return file.startsWith('jgrants:') ? { dir: recordDir, path: join(recordDir, `${file.slice('jgrants:'.length)}.txt`) } : { dir: seedDir, path: join(seedDir, file) };
}

const seedCache = new Map<string, string | null>();
/** Fragments of `quote` (separated by 「…」) missing from `file`, or null when the documents are absent. */
export function missingQuoteFragments(file: string, quote: string, seedDir = SEED_DIR, recordDir = JGRANTS_RECORD_DIR): string[] | null {
  const { dir, path } = sourcePath(file, seedDir, recordDir);
  if (!seedCache.has(path)) seedCache.set(path, existsSync(path) ? normalizeQuote(readFileSync(path, 'utf8')) : null);
  const text = seedCache.get(path);
  if (text === null || text === undefined) return existsSync(dir) || file.startsWith('jgrants:') ? [`(no document ${file})`] : null;
  return quote
    .split('…')
    .map(normalizeQuote)
    .filter((f) => f && !text.includes(f));
}

// ---- format ----

const Yen = z.number().int().nonnegative();
const Source = z.union([z.string().min(1), z.object({ file: z.string().optional(), section: z.string().optional(), quote: z.string().min(1) }).strict()]);
const ProfileFields = z
  .object({
    prefecture: z.string().optional(),
    municipality: z.string().optional(),
    industry: z.string().optional(),
    employees: z.number().int().nonnegative().optional(),
    capital: Yen.optional(),
    goal: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .strict();
const Answers = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const Expect = z
  .object({
    verdict: z.enum(['eligible', 'check', 'ineligible']).optional(),
    status: z.enum(['open', 'upcoming', 'closed', 'rolling', 'tbd']).optional(),
    statusDetail: z.string().optional(),
    amount: z.null().optional(),
    yen: Yen.optional(),
    selfPay: Yen.optional(),
    beforeCap: Yen.optional(),
    cap: Yen.nullable().optional(),
    eligibleExpense: Yen.optional(),
    eligible: z.boolean().optional(),
    capApplied: z.boolean().optional(),
    doubtful: z.boolean().optional(),
    rate: z.string().optional(),
    pending: z.array(z.string()).optional(),
    questions: z.array(z.string()).optional(),
    benefit: z.unknown().optional(),
    row: z.unknown().optional(),
  })
  .strict();
const Case = z
  .object({
    name: z.string().min(1),
    track: z.string().regex(/^[a-z0-9-]+:[a-z0-9+-]+(@[a-z0-9-]+)?$/, 'program:track or program:track@edition'),
    profile: ProfileFields.optional(),
    answers: Answers.optional(),
    expense: Yen.optional(),
    trackExpenses: z.record(z.string(), Yen).optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    /** `match` (default for the newest edition): the row /match returns. For an older edition,
     *  when /match does not show it, the row is computed by the same engine on that edition alone. */
    via: z.enum(['match', 'edition']).optional(),
    expect: Expect,
    source: Source,
    knownWrong: z.string().min(1).optional(),
  })
  .strict();
const Fact = z
  .object({
    name: z.string().min(1),
    at: z.string().regex(/^[a-z0-9-]+(:[a-z0-9-]+)?(@[a-z0-9-]+)?$/, 'program, program:track, with @edition'),
    expect: z.record(z.string(), z.unknown()),
    source: Source.optional(),
    knownWrong: z.string().min(1).optional(),
  })
  .strict();
const CasesFile = z
  .object({
    defaults: z
      .object({
        profile: ProfileFields.optional(),
        answers: Answers.optional(),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        file: z.string().optional(),
      })
      .strict()
      .optional(),
    cases: z.array(Case),
    facts: z.array(Fact).optional(),
  })
  .strict();

export type CaseSpec = z.infer<typeof Case>;
export type FactSpec = z.infer<typeof Fact>;

export interface LoadedCase {
  kind: 'case';
  file: string;
  line: number;
  /** `file:line` */
  where: string;
  spec: CaseSpec;
  programId: string;
  trackId: string;
  edition?: string;
  profile: ProfileRequest;
  answers: Record<string, string | number | boolean>;
  date: string;
  source: { file: string; quote: string };
}

export interface LoadedFact {
  kind: 'fact';
  file: string;
  line: number;
  where: string;
  spec: FactSpec;
  source?: { file: string; quote: string };
}

export interface CasesLoad {
  /** The .cases.yaml files, relative to the root. */
  files: string[];
  cases: LoadedCase[];
  facts: LoadedFact[];
  /** `file:line: message` for files that do not parse or do not fit the format. */
  errors: string[];
}

const DEFAULT_PROFILE = { industry: 'manufacturing', employees: 10 };

export function loadCases(root: string): CasesLoad {
  const dir = join(root, 'knowledge', 'programs');
  const out: CasesLoad = { files: [], cases: [], facts: [], errors: [] };
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.cases.yaml')).sort()) {
    const file = relative(root, join(dir, name));
    out.files.push(file);
    const lines = new LineCounter();
    const doc = parseDocument(readFileSync(join(dir, name), 'utf8'), { lineCounter: lines, prettyErrors: true });
    for (const e of doc.errors) out.errors.push(`${file}:${e.linePos?.[0]?.line ?? 1}: YAML: ${e.message.split('\n')[0]}`);
    if (doc.errors.length > 0) continue;
    const parsed = CasesFile.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        out.errors.push(`${file}:${lineOf(doc, lines, issue.path)}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      continue;
    }
    const d = parsed.data.defaults ?? {};
    const sourceOf = (s: z.infer<typeof Source>, path: PropertyKey[]) => {
      const quote = typeof s === 'string' ? s : s.quote;
      const f = (typeof s === 'object' && s.file) || d.file;
      if (!f) out.errors.push(`${file}:${lineOf(doc, lines, path)}: source: no file (set source.file or defaults.file)`);
      return { file: f ?? '', quote };
    };
    parsed.data.cases.forEach((c, i) => {
      const line = lineOf(doc, lines, ['cases', i]);
      const [ref, edition] = c.track.split('@') as [string, string | undefined];
      const [programId, trackId] = ref.split(':') as [string, string];
      const p = { ...DEFAULT_PROFILE, ...d.profile, ...c.profile };
      const { capital, ...rest } = p;
      const profile: ProfileRequest = {
        ...(rest as Omit<ProfileRequest, 'capitalYen'>),
        ...(capital !== undefined ? { capitalYen: capital } : {}),
        ...(c.expense !== undefined ? { expenseYen: c.expense } : {}),
      };
      out.cases.push({
        kind: 'case',
        file,
        line,
        where: `${file}:${line}`,
        spec: c,
        programId,
        trackId,
        ...(edition ? { edition } : {}),
        profile,
        answers: { ...d.answers, ...c.answers },
        date: c.date ?? d.date ?? '2025-04-01',
        source: sourceOf(c.source, ['cases', i, 'source']),
      });
    });
    parsed.data.facts?.forEach((f, i) => {
      const line = lineOf(doc, lines, ['facts', i]);
      out.facts.push({
        kind: 'fact',
        file,
        line,
        where: `${file}:${line}`,
        spec: f,
        ...(f.source ? { source: sourceOf(f.source, ['facts', i, 'source']) } : {}),
      });
    });
  }
  return out;
}

// ---- running ----

/** The knowledge base with one program reduced to one edition (for older editions /match does not show). */
function withOnlyEdition(k: Knowledge, program: Program, edition: Edition): Knowledge {
  const view = { ...k, programs: [{ ...program, editions: [edition] }] } as Knowledge;
  Object.defineProperty(view, 'ix', { value: k.ix, enumerable: false });
  return view;
}

export interface CaseResult {
  row?: MatchRow;
  /** How the row was obtained: /match, or the engine on an older edition alone. */
  via?: 'match' | 'edition';
  failures: string[];
}

export function runCase(k: Knowledge, c: LoadedCase): CaseResult {
  const program = k.ix.programById.get(c.programId);
  if (!program) return { failures: [`no program "${c.programId}"`] };
  const edition = c.edition ? program.editions.find((e) => e.id === c.edition) : newestEdition(program);
  if (!edition) return { failures: [`no edition "${c.edition}" in ${c.programId}`] };
  const trackIds = c.trackId.split('+');
  for (const t of trackIds)
    if (!edition.tracks.some((x) => x.id === t)) return { failures: [`no track "${t}" in ${c.programId}@${edition.id}`] };
  const built = buildProfile(k, { ...c.profile, answers: c.answers as ProfileRequest['answers'] });
  if ('errors' in built) return { failures: built.errors.map((e) => `profile: ${e.messageEn}`) };
  const trackExpenses = c.spec.trackExpenses
    ? Object.fromEntries(Object.entries(c.spec.trackExpenses).map(([key, v]) => [key.includes(':') ? key : `${c.programId}:${key}`, v]))
    : undefined;
  const opts = { date: c.date, ...(trackExpenses ? { trackExpenses } : {}) };
  const find = (rows: MatchRow[]) => rows.find((r) => r.programId === c.programId && r.trackId === c.trackId && r.edition.id === edition.id);
  let row = find(matchPrograms(k, built.profile, opts));
  let via: CaseResult['via'] = 'match';
  if (!row && c.spec.via !== 'match' && edition !== newestEdition(program)) {
    row = find(matchPrograms(withOnlyEdition(k, program, edition), built.profile, opts));
    via = 'edition';
  }
  if (!row) return { failures: [`/match returned no row ${c.programId}:${c.trackId}@${edition.id}`] };
  return { row, via, failures: checkRow(row, c.spec.expect) };
}

function checkRow(row: MatchRow, e: z.infer<typeof Expect>): string[] {
  const f: string[] = [];
  const eq = (label: string, actual: unknown, expected: unknown) => {
    if (expected !== undefined && actual !== expected) f.push(`${label}: expected ${show(expected)}, got ${show(actual)}`);
  };
  eq('verdict', row.verdict, e.verdict);
  eq('status', row.status.code, e.status);
  if (e.statusDetail !== undefined && !row.status.detail.includes(e.statusDetail))
    f.push(`statusDetail: expected to contain 「${e.statusDetail}」, got 「${row.status.detail}」`);
  if (e.amount === null && row.amount !== null) f.push(`amount: expected none, got ${show(row.amount.yen)}円`);
  const amountKeys = ['yen', 'selfPay', 'beforeCap', 'cap', 'eligibleExpense', 'eligible', 'capApplied', 'doubtful', 'rate', 'pending'] as const;
  if (amountKeys.some((key) => e[key] !== undefined)) {
    const a = row.amount;
    if (!a) f.push(`amount: expected an amount, got none (verdict ${row.verdict})`);
    else {
      eq('yen', a.yen, e.yen);
      eq('selfPay', a.selfPayYen, e.selfPay);
      eq('beforeCap', a.beforeCapYen, e.beforeCap);
      eq('cap', a.capYen, e.cap);
      eq('eligibleExpense', a.eligibleExpenseYen, e.eligibleExpense);
      eq('eligible', a.eligible, e.eligible);
      eq('capApplied', a.capApplied, e.capApplied);
      eq('doubtful', a.doubtful, e.doubtful);
      if (e.rate !== undefined && !a.rateLabel.includes(e.rate)) f.push(`rate: expected to contain 「${e.rate}」, got 「${a.rateLabel}」`);
      for (const q of e.pending ?? [])
        if (!a.pendingQuestions.includes(q)) f.push(`pending: expected question ${q}, got [${a.pendingQuestions.join(', ')}]`);
    }
  }
  const asked = row.questions.map((q) => q.id);
  for (const q of e.questions ?? []) if (!asked.includes(q)) f.push(`questions: expected ${q}, got [${asked.join(', ')}]`);
  if (e.benefit !== undefined) f.push(...subset(row.benefit, e.benefit, 'benefit'));
  if (e.row !== undefined) f.push(...subset(row, e.row, 'row'));
  return f;
}

/** What a fact's `at` names: a program, an edition (`@id`) or a track (`:id`, newest edition unless `@id`). */
export function resolveAt(k: Knowledge, at: string): { value?: Program | Edition | Track; error?: string } {
  const [ref, editionId] = at.split('@') as [string, string | undefined];
  const [programId, trackId] = ref.split(':') as [string, string | undefined];
  const program = k.ix.programById.get(programId);
  if (!program) return { error: `no program "${programId}"` };
  if (!trackId && !editionId) return { value: program };
  const edition = editionId ? program.editions.find((e) => e.id === editionId) : newestEdition(program);
  if (!edition) return { error: `no edition "${editionId}" in ${programId}` };
  if (!trackId) return { value: edition };
  const track = edition.tracks.find((t) => t.id === trackId);
  return track ? { value: track } : { error: `no track "${trackId}" in ${programId}@${edition.id}` };
}

export function runFact(k: Knowledge, f: LoadedFact): string[] {
  const r = resolveAt(k, f.spec.at);
  if (r.error) return [r.error];
  return subset(r.value, f.spec.expect, f.spec.at);
}

/**
 * `expected` describes `actual`: objects by their listed keys, arrays element by element
 * (same length), scalars by equality; and the operators
 * `$contains` (string: every given substring; list: for each given value, some element fits it),
 * `$some` / `$every` (array elements), `$length`, `$absent: true` (undefined or null).
 */
export function subset(actual: unknown, expected: unknown, path: string): string[] {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const ops = Object.entries(expected as Record<string, unknown>);
    if (ops.some(([key]) => key.startsWith('$'))) {
      const f: string[] = [];
      for (const [op, v] of ops) {
        if (op === '$absent') {
          if ((actual === undefined || actual === null) !== v) f.push(`${path}: expected ${v ? 'none' : 'a value'}, got ${show(actual)}`);
        } else if (op === '$length') {
          const n = (actual as { length?: number } | undefined)?.length;
          if (n !== v) f.push(`${path}: expected length ${show(v)}, got ${show(n)}`);
        } else if (op === '$contains') {
          for (const want of Array.isArray(v) ? v : [v]) {
            if (typeof actual === 'string') {
              if (!actual.includes(String(want))) f.push(`${path}: expected to contain 「${String(want)}」, got 「${actual}」`);
            } else if (Array.isArray(actual)) {
              if (!actual.some((x) => subset(x, want, path).length === 0)) f.push(`${path}: no element fits ${show(want)} in ${show(actual)}`);
            } else f.push(`${path}: $contains needs a string or a list, got ${show(actual)}`);
          }
        } else if (op === '$some' || op === '$every') {
          if (!Array.isArray(actual)) f.push(`${path}: expected a list, got ${show(actual)}`);
          else if (op === '$some' && !actual.some((x) => subset(x, v, path).length === 0)) f.push(`${path}: no element fits ${show(v)}`);
          else if (op === '$every') actual.forEach((x, i) => f.push(...subset(x, v, `${path}[${i}]`)));
        } else f.push(`${path}: unknown operator ${op}`);
      }
      return f;
    }
    if (actual === null || typeof actual !== 'object') return [`${path}: expected an object, got ${show(actual)}`];
    return ops.flatMap(([key, v]) => subset((actual as Record<string, unknown>)[key], v, `${path}.${key}`));
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, got ${show(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} elements, got ${show(actual)}`];
    return expected.flatMap((v, i) => subset(actual[i], v, `${path}[${i}]`));
  }
  return Object.is(actual, expected) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

/** The number of checks a case or fact makes (for the report). */
export function checkCount(x: LoadedCase | LoadedFact): number {
  const count = (v: unknown): number =>
    v !== null && typeof v === 'object'
      ? Object.entries(v as Record<string, unknown>).reduce((n, [key, w]) => n + (key === '$contains' && Array.isArray(w) ? w.length : count(w)), 0)
      : 1;
  if (x.kind === 'fact') return count(x.spec.expect);
  const e = x.spec.expect;
  return Object.entries(e).reduce((n, [key, v]) => n + (key === 'pending' || key === 'questions' ? (v as unknown[]).length : key === 'amount' ? 1 : count(v)), 0);
}

// ---- coverage: an advisor who adds a program adds its cases ----

/**
 * Every track with an amount rule (in every edition) needs at least one case; every
 * program file needs its .cases.yaml. Returns `file:line: message`.
 */
export function missingCases(
  k: Knowledge,
  programFiles: { file: string; programIds: string[]; lineOf: (path: PropertyKey[]) => number; programs: Program[] }[],
  loaded: CasesLoad,
): string[] {
  const errors: string[] = [];
  const covered = new Set<string>();
  for (const c of loaded.cases) {
    const program = k.ix.programById.get(c.programId);
    const edition = program && (c.edition ?? newestEdition(program).id);
    for (const t of c.trackId.split('+')) covered.add(`${c.programId}:${t}@${edition}`);
  }
  for (const pf of programFiles) {
    const casesFile = pf.file.replace(/\.yaml$/, '.cases.yaml');
    if (!loaded.files.includes(casesFile)) {
      errors.push(`${pf.file}:1: no test cases: add ${casesFile} (see knowledge/README.md, "Test cases")`);
      continue;
    }
    pf.programs.forEach((p, pi) =>
      p.editions.forEach((e, ei) =>
        e.tracks.forEach((t, ti) => {
          if (!t.amount || covered.has(`${p.id}:${t.id}@${e.id}`)) return;
          const line = pf.lineOf(['programs', pi, 'editions', ei, 'tracks', ti]);
          errors.push(`${pf.file}:${line}: track ${p.id}:${t.id}@${e.id} has an amount rule but no case in ${casesFile}`);
        }),
      ),
    );
  }
  return errors;
}

/** Program files with their programs and a line lookup, for missingCases. */
export function programFilesOf(root: string): Parameters<typeof missingCases>[1] {
  const dir = join(root, 'knowledge', 'programs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.cases.yaml'))
    .sort()
    .map((name) => {
      const lines = new LineCounter();
      const doc: Document = parseDocument(readFileSync(join(dir, name), 'utf8'), { lineCounter: lines });
      const programs = ((doc.toJS() as { programs?: Program[] } | null)?.programs ?? []) as Program[];
      return {
        file: relative(root, join(dir, name)),
        programIds: programs.map((p) => p.id),
        programs,
        lineOf: (path: PropertyKey[]) => lineOf(doc, lines, path),
      };
    });
}
