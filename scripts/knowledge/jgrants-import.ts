// The jGrants import (npm run knowledge:import -- jgrants): search open calls, read
// each one's detail, write a reviewable draft per subsidy under knowledge/drafts/jgrants/,
// and report what is new, changed and closed since the last import.
//
// Idempotent: a draft is rewritten only when its content changed (its fetch date then
// moves to today); the index keeps no run date, so a second run with the same answers
// leaves every file byte-identical. Nothing here writes to knowledge/programs/.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import { GoalFile, IndustryFile, RegionFile } from '../../src/core/knowledge/taxonomy-schema';
import type { JgrantsClient, JgrantsDetail, JgrantsListItem } from './jgrants-api';
import { buildMaps, isPostAward, jstDate, mapSubsidy, shortHash, type Draft, type Maps } from './jgrants-map';

/**
 * Search keywords: together they reach the top-level goals of taxonomy/goals.yaml
 * (jGrants' 15 use_purpose values). jGrants requires 2–255 characters.
 */
export const DEFAULT_KEYWORDS = [
  '創業', // new-business
  '販路開拓', // sales-expansion
  '展示会', // sales-expansion › trade-show
  'イベント', // event-operation
  '事業承継', // business-succession
  '研究開発', // research-development
  '人材育成', // human-resources
  '資金繰り', // cash-flow
  '設備導入', // equipment-it
  'IT導入', // equipment-it › it-tools
  '雇用', // employment
  '省エネ', // eco-sdgs
  '災害', // disaster
  '子育て', // childcare
  '文化', // sports-culture
  '防災', // safety
  '地域活性化', // community
];

export const DRAFTS_DIR = join('knowledge', 'drafts', 'jgrants');
const INDEX_FILE = 'index.yaml';

export interface IndexEntry {
  title: string;
  file: string;
  program: string;
  edition: string;
  hash: string;
  end?: string;
  status: 'open' | 'closed';
  closed?: string;
  promoted?: string;
}

export interface ReportItem {
  id: string;
  title: string;
  file?: string;
  note?: string;
}

export interface ImportReport {
  today: string;
  searches: { keyword: string; area: string; count?: number; error?: string }[];
  new: ReportItem[];
  changed: ReportItem[];
  closed: ReportItem[];
  unchanged: ReportItem[];
  skipped: ReportItem[];
  failures: { what: string; error: string }[];
  /** Programs with more than one round among the open drafts. */
  rounds: { program: string; name: string; editions: string[] }[];
  requests: number;
}

export interface ImportOptions {
  root: string;
  client: JgrantsClient;
  /** Today in JST (YYYY-MM-DD). */
  today: string;
  keywords?: string[];
  /** target_area_search values; default: the prefectures of the base's programs and 全国. */
  areas?: string[];
  dryRun?: boolean;
}

function loadTaxonomy(root: string): Maps {
  const tax = join(root, 'knowledge', 'taxonomy');
  const read = (f: string) => parse(readFileSync(join(tax, f), 'utf8'));
  const goals = GoalFile.parse(read('goals.yaml')).goals;
  const industries = IndustryFile.parse(read('industries.yaml')).industries;
  const prefectures = RegionFile.parse(read('regions.yaml')).prefectures;
  return buildMaps({ goals, industries, prefectures });
}

/** The prefectures the knowledge base has programs for, and 全国. */
export function coveredAreas(root: string): string[] {
  const dir = join(root, 'knowledge', 'programs');
  const prefs = new Set<string>();
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.yaml') || f.endsWith('.cases.yaml')) continue;
    const data = parse(readFileSync(join(dir, f), 'utf8')) as { programs?: { region?: { prefecture?: string } }[] } | null;
    for (const p of data?.programs ?? []) if (p.region?.prefecture) prefs.add(p.region.prefecture);
  }
  return ['全国', ...[...prefs].sort()];
}

const HEADER = [
  '# Jグランツから取り込んだ下書きです（npm run knowledge:import -- jgrants が生成。手で直してかまいません）。',
  '# 公募要領と照らして draft.review の点を確認し、program を直してから',
  '#   npm run knowledge:promote <このファイル>',
  '# で知識ベース（knowledge/programs/）に入れてください。出典：Jグランツ（https://www.jgrants-portal.go.jp/）',
  '',
].join('\n');

export function renderDraft(d: Draft): string {
  return HEADER + stringify(d, { lineWidth: 0, aliasDuplicateObjects: false });
}

function renderIndex(entries: Record<string, IndexEntry>): string {
  const sorted = Object.fromEntries(Object.keys(entries).sort().map((k) => [k, entries[k]]));
  return (
    '# Jグランツ取込みの記録（npm run knowledge:import -- jgrants が更新します。手で編集しないでください）。\n' +
    '# 前回の取込みとの差分（新規・変更・受付終了）をこの記録から求めます。\n' +
    stringify({ subsidies: sorted }, { lineWidth: 0 })
  );
}

function readIndex(path: string): Record<string, IndexEntry> {
  if (!existsSync(path)) return {};
  const data = parse(readFileSync(path, 'utf8')) as { subsidies?: Record<string, IndexEntry> } | null;
  return { ...(data?.subsidies ?? {}) };
}

/** Writes only when the content differs, so that unchanged files keep their bytes and mtime. */
function writeIfChanged(path: string, text: string): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false;
  writeFileSync(path, text);
  return true;
}

export async function importJgrants(opts: ImportOptions): Promise<ImportReport> {
  const { root, client, today } = opts;
  const maps = loadTaxonomy(root);
  const dir = join(root, DRAFTS_DIR);
  const indexPath = join(dir, INDEX_FILE);
  const index = readIndex(indexPath);
  const report: ImportReport = {
    today,
    searches: [],
    new: [],
    changed: [],
    closed: [],
    unchanged: [],
    skipped: [],
    failures: [],
    rounds: [],
    requests: 0,
  };

  // 1. Search, one request at a time.
  const hits = new Map<string, JgrantsListItem>();
  const keywords = opts.keywords ?? DEFAULT_KEYWORDS;
  const areas = opts.areas ?? coveredAreas(root);
  for (const keyword of keywords)
    for (const area of areas) {
      const r = await client.search({ keyword, targetArea: area, sort: 'created_date', order: 'DESC' });
      if (!r.ok) {
        report.searches.push({ keyword, area, error: r.error });
        report.failures.push({ what: `検索「${keyword}」${area}`, error: r.error });
        continue;
      }
      report.searches.push({ keyword, area, count: r.value.length });
      for (const item of r.value) if (!hits.has(item.id)) hits.set(item.id, item);
    }
  const searchesOk = report.searches.every((s) => s.error === undefined);

  // 2. Details (post-award entries are skipped without a request).
  const details: JgrantsDetail[] = [];
  for (const id of [...hits.keys()].sort()) {
    const item = hits.get(id)!;
    const listTitle = item.title ?? id;
    if (isPostAward(listTitle)) {
      report.skipped.push({ id, title: listTitle, note: '採択後の手続き用の掲載です' });
      continue;
    }
    const r = await client.detail(id);
    if (!r.ok) {
      report.failures.push({ what: `詳細 ${id}（${listTitle}）`, error: r.error });
      continue;
    }
    const d = { ...item, ...r.value, id };
    if (isPostAward(d.title ?? '')) {
      report.skipped.push({ id, title: d.title ?? id, note: '採択後の手続き用の掲載です' });
      continue;
    }
    details.push(d);
  }

  // 3. Drafts. Two entries of one round and 枠 get distinct edition ids.
  const mapped = details.map((d) => ({ d, probe: mapSubsidy(d, maps, '0000-00-00') }));
  const byKey = new Map<string, number>();
  for (const { probe } of mapped) {
    const r = probe.draft.round;
    const key = `${r.program}/${r.edition}/${r.track}`;
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  const fixEdition = (draft: Draft) => {
    const r = draft.draft.round;
    if ((byKey.get(`${r.program}/${r.edition}/${r.track}`) ?? 0) < 2) return;
    const suffix = (draft.draft.number ?? draft.draft.jgrantsId).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    r.edition = `${r.edition}-${suffix}`;
    const edition = (draft.program.editions as { id: string }[])[0]!;
    edition.id = r.edition;
    draft.draft.review.push('同じ公募回・枠に見える掲載が他にもあるため、edition の id に管理番号を付けました。');
  };

  if (!opts.dryRun) mkdirSync(dir, { recursive: true });
  for (const { d, probe } of mapped) {
    fixEdition(probe);
    const hash = shortHash(renderDraft(probe), 16);
    const prev = index[d.id];
    const title = d.title ?? d.id;
    const end = jstDate(d.acceptance_end_datetime);
    if (end && end < today) {
      // Listed as open but past its end date: closed below if it was imported before.
      if (!prev) report.skipped.push({ id: d.id, title, note: `受付終了日（${end}）を過ぎています` });
      continue;
    }
    const file = `${d.id}.yaml`;
    const item: ReportItem = { id: d.id, title, file: join(DRAFTS_DIR, file) };
    if (prev && prev.hash === hash && prev.status === 'open') {
      report.unchanged.push(item);
      continue;
    }
    const draft = mapSubsidy(d, maps, today);
    fixEdition(draft);
    if (prev?.promoted) item.note = `昇格済み：${prev.promoted} も確認してください`;
    if (!prev) report.new.push(item);
    else report.changed.push({ ...item, note: [prev.status === 'closed' ? '受付が再開されました' : undefined, item.note].filter(Boolean).join('。') || undefined });
    index[d.id] = {
      title,
      file,
      program: draft.draft.round.program,
      edition: draft.draft.round.edition,
      hash,
      ...(end ? { end } : {}),
      status: 'open',
      ...(prev?.promoted ? { promoted: prev.promoted } : {}),
    };
    if (!opts.dryRun) {
      writeIfChanged(join(dir, file), renderDraft(draft));
      // Reopened: the new draft replaces the closed one.
      if (prev?.status === 'closed' && prev.file !== file && existsSync(join(dir, prev.file))) rmSync(join(dir, prev.file));
    }
  }

  // 4. Closed: past the end date, or no longer found while every search answered.
  for (const id of Object.keys(index).sort()) {
    const e = index[id]!;
    if (e.status !== 'open') continue;
    const pastEnd = e.end !== undefined && e.end < today;
    const fetchedEnd = details.find((d) => d.id === id);
    const endNow = fetchedEnd ? jstDate(fetchedEnd.acceptance_end_datetime) : e.end;
    const ended = pastEnd || (endNow !== undefined && endNow < today);
    const gone = searchesOk && !hits.has(id);
    if (!ended && !gone) continue;
    const closedFile = join('closed', `${id}.yaml`);
    report.closed.push({
      id,
      title: e.title,
      file: join(DRAFTS_DIR, closedFile),
      note: ended ? `受付終了日（${endNow ?? e.end}）を過ぎました` : 'Jグランツの受付中の検索結果に出なくなりました',
    });
    if (!opts.dryRun && existsSync(join(dir, e.file))) {
      mkdirSync(join(dir, 'closed'), { recursive: true });
      renameSync(join(dir, e.file), join(dir, closedFile));
    }
    index[id] = { ...e, file: closedFile, status: 'closed', closed: today };
  }

  // 5. Rounds of one program among the open drafts.
  const programs = new Map<string, { name: string; editions: Set<string> }>();
  for (const id of Object.keys(index).sort()) {
    const e = index[id]!;
    if (e.status !== 'open') continue;
    const p = programs.get(e.program) ?? { name: e.title, editions: new Set<string>() };
    p.editions.add(e.edition);
    programs.set(e.program, p);
  }
  report.rounds = [...programs.entries()]
    .filter(([, p]) => p.editions.size > 1)
    .map(([program, p]) => ({ program, name: p.name, editions: [...p.editions].sort() }))
    .sort((a, b) => a.program.localeCompare(b.program));

  if (!opts.dryRun && (Object.keys(index).length > 0 || existsSync(indexPath))) {
    mkdirSync(dir, { recursive: true });
    writeIfChanged(indexPath, renderIndex(index));
  }
  report.requests = client.requestCount;
  return report;
}

/** The report as the command prints it (Japanese, for the reviewing advisor). */
export function formatReport(r: ImportReport, root?: string): string {
  const rel = (f?: string) => (f ? (root ? relative(root, join(root, f)) : f) : '');
  const lines: string[] = [];
  const failedSearches = r.searches.filter((s) => s.error).length;
  lines.push(
    `Jグランツ取込み（${r.today}）：検索 ${r.searches.length}回（失敗 ${failedSearches}回）、リクエスト ${r.requests}回`,
  );
  const section = (label: string, mark: string, items: ReportItem[]) => {
    lines.push(`${label} ${items.length}件`);
    for (const i of items) lines.push(`  ${mark} ${i.title}（${i.id}）${i.file ? ` → ${rel(i.file)}` : ''}${i.note ? ` ※${i.note}` : ''}`);
  };
  section('新規', '+', r.new);
  section('変更', '~', r.changed);
  section('受付終了', '-', r.closed);
  lines.push(`変更なし ${r.unchanged.length}件`);
  if (r.skipped.length) section('対象外（採択後の手続き用）', '·', r.skipped);
  if (r.rounds.length) {
    lines.push(`同じ制度の複数の公募回 ${r.rounds.length}件`);
    for (const p of r.rounds) lines.push(`  = ${p.name}（${p.program}）：${p.editions.join(', ')}`);
  }
  if (r.failures.length) {
    lines.push(`失敗 ${r.failures.length}件（他の項目は取り込みました）`);
    for (const f of r.failures) lines.push(`  ! ${f.what}：${f.error}`);
    if (failedSearches) lines.push('  ※検索に失敗があったため、検索結果に出なくなった公募を「受付終了」とは判定していません。');
  }
  return lines.join('\n');
}
