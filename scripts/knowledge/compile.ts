// Reads knowledge/**/*.yaml, validates them with zod and cross-checks the ids, and
// returns the knowledge data (what knowledge.json holds) or a list of `file:line: message`.
// At run time the data is compiled for queries by src/core/knowledge/compile.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ProgramFile, type Program, type Question } from '../../src/core/knowledge/schema';
import {
  GoalFile,
  IndustryFile,
  MenuFile,
  ProgramKindFile,
  QuestionFile,
  RegionFile,
  SizeClassFile,
  SourceFile,
} from '../../src/core/knowledge/taxonomy-schema';
import type { Goal, Industry, KnowledgeData } from '../../src/core/knowledge/types';
import { checkTaxonomyFiles, crossCheck } from './cross-check';
import { loadReleases } from './releases';

export interface BuildResult {
  errors: string[];
  knowledge?: KnowledgeData;
}

interface Loaded<T> {
  file: string;
  doc: Document;
  lines: LineCounter;
  data?: T;
}

function load<T>(root: string, path: string, schema: z.ZodType<T>, errors: string[]): Loaded<T> {
  const file = relative(root, path);
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lines, prettyErrors: false });
  for (const e of doc.errors) {
    const line = e.linePos?.[0]?.line ?? 1;
    errors.push(`${file}:${line}: YAML: ${e.message.split('\n')[0]}`);
  }
  if (doc.errors.length > 0) return { file, doc, lines };
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return { file, doc, lines, data: parsed.data };
  for (const issue of parsed.error.issues) {
    errors.push(`${file}:${lineOf(doc, lines, issue.path)}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { file, doc, lines };
}

/** Line of the deepest YAML node that exists along `path`. */
export function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

function flatten<T extends { id: string; children?: T[] }, R>(
  nodes: T[],
  map: (node: T, parent?: R) => R,
  parent?: R,
  out: R[] = [],
): R[] {
  for (const node of nodes) {
    const r = map(node, parent);
    out.push(r);
    if (node.children) flatten(node.children, map, r, out);
  }
  return out;
}

export function buildKnowledgeData(root: string): BuildResult {
  const errors: string[] = [];
  const dir = join(root, 'knowledge');
  const tax = join(dir, 'taxonomy');
  const ind = load(root, join(tax, 'industries.yaml'), IndustryFile, errors);
  const goal = load(root, join(tax, 'goals.yaml'), GoalFile, errors);
  const size = load(root, join(tax, 'size-classes.yaml'), SizeClassFile, errors);
  const reg = load(root, join(tax, 'regions.yaml'), RegionFile, errors);
  const qs = load(root, join(tax, 'questions.yaml'), QuestionFile, errors);
  const src = load(root, join(tax, 'sources.yaml'), SourceFile, errors);
  const kinds = load(root, join(tax, 'program-kinds.yaml'), ProgramKindFile, errors);
  const menu = load(root, join(tax, 'menus.yaml'), MenuFile, errors);

  const programDir = join(dir, 'programs');
  const programFiles = readdirSync(programDir)
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.cases.yaml'))
    .sort()
    .map((f) => load(root, join(programDir, f), ProgramFile, errors));
  // The version and change lists (npm run knowledge:release); read only, never written here.
  const releases = loadReleases(root, errors);
  if (errors.length > 0 || !ind.data || !goal.data || !size.data || !reg.data || !qs.data || !src.data || !kinds.data || !menu.data)
    return { errors };

  const industries = flatten<(typeof ind.data.industries)[number], Industry>(ind.data.industries, (n, p) => ({
    id: n.id,
    label: n.label,
    ...(n.jsic ? { jsic: n.jsic } : {}),
    ...(p ? { parentId: p.id } : {}),
    sizeCategory: n.sizeCategory ?? p?.sizeCategory ?? 'manufacturing_other',
    synonyms: n.synonyms ?? [],
  }));
  const goals = flatten<(typeof goal.data.goals)[number], Goal>(goal.data.goals, (n, p) => ({
    id: n.id,
    label: n.label,
    ...(p ? { parentId: p.id } : {}),
    synonyms: n.synonyms ?? [],
  }));
  const questions: Question[] = [...qs.data.questions];
  const programs: Program[] = [];
  for (const pf of programFiles) {
    questions.push(...(pf.data?.questions ?? []));
    programs.push(...(pf.data?.programs ?? []));
  }
  const sizeClassLabels = Object.fromEntries(size.data.classes.map((c) => [c.id, c.label])) as KnowledgeData['sizeClassLabels'];
  const sizeClassShortLabels = Object.fromEntries(size.data.classes.map((c) => [c.id, c.short])) as KnowledgeData['sizeClassShortLabels'];
  const knowledge: KnowledgeData = {
    industries,
    goals,
    sizeCategories: size.data.categories,
    sizeClassLabels,
    sizeClassShortLabels,
    questions,
    prefectures: reg.data.prefectures.map((p) => ({ ...p, municipalities: p.municipalities ?? [] })),
    programs,
    programKinds: kinds.data.programKinds,
    sources: src.data.sources,
    menus: menu.data.menus,
    releases,
  };
  const at = (file: Loaded<unknown>, path: PropertyKey[]) => `${file.file}:${lineOf(file.doc, file.lines, path)}`;
  crossCheck(knowledge, programFiles, at, errors);
  checkTaxonomyFiles(knowledge, { size, kinds, menu }, at, errors);
  return errors.length > 0 ? { errors } : { errors, knowledge };
}
