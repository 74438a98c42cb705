// Extracts every slot a free-text message contains (mixed initiative):
// 「金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円くらい」.
import Fuse from 'fuse.js';
import type { Knowledge } from '../../core/knowledge/types';
import type { Lexicon, Term } from '../../core/lexicon';
import { findMunicipality, normalize } from '../../core/taxonomy';
import { parseAmounts, parseCount } from './numbers';
import { NO_EMPLOYEES } from '../slot-specs';

export interface ExtractedSlots {
  prefecture?: string;
  municipality?: string;
  industry?: string;
  employees?: number;
  capitalYen?: number;
  /** The count was written with 従業員/社員… (else it is a bare 「8人」 among other facts). */
  employeesKeyword?: boolean;
  goals?: string[];
  /** The goal words as written (normalised): 「レジ」 says which track an unlabelled budget is for. */
  goalWords?: string[];
  /** Goals the message drops (「展示会はやめて」). */
  droppedGoals?: string[];
  /** The prefecture was named only by its short name (「東京の展示会」): perhaps not where the business is. */
  regionByShortName?: boolean;
}

/** The industry, goal and region terms, compiled once with the knowledge base (core/lexicon.ts). */
export function lexicon(k: Knowledge): Lexicon {
  return k.ix.lexicon;
}

/** Finds terms in the text, longest first, masking what matched so shorter terms do not match inside it. */
function scan(text: string, list: Term[]): { ids: string[]; rest: string; words: string[]; wordIds: string[] } {
  let rest = text;
  const ids: string[] = [];
  const words: string[] = [];
  const wordIds: string[] = [];
  for (const t of list) {
    const i = rest.indexOf(t.key);
    if (i < 0) continue;
    // Very short Latin terms (IT, HP, PC, EC, DX) must stand alone, not be part of a word.
    if (/^[a-z]{1,3}$/.test(t.key)) {
      const before = rest[i - 1] ?? ' ';
      const after = rest[i + t.key.length] ?? ' ';
      if (/[a-z]/.test(before) || /[a-z]/.test(after)) continue;
    }
    if (!ids.includes(t.id)) ids.push(t.id);
    words.push(t.key);
    wordIds.push(t.id);
    rest = rest.slice(0, i) + '　'.repeat(t.key.length) + rest.slice(i + t.key.length);
  }
  return { ids, rest, words, wordIds };
}

export function findRegion(k: Knowledge, raw: string): { prefecture?: string; municipality?: string; byShortName?: boolean } {
  const text = raw.normalize('NFKC');
  const { prefectures, municipalities } = lexicon(k).regions;
  // A prefecture written in full (「東京都」「石川県」) limits the municipalities looked up (金沢市 → 石川県);
  // one named only by its short name (「東京ビッグサイト」「東京で準備」) does not outweigh a listed city.
  const named = prefectures.find((p) => text.includes(p.name));
  for (const m of municipalities) {
    if (named && m.prefecture !== named.name) continue;
    if (text.includes(m.name) || (m.bare.length >= 2 && text.includes(m.bare) && !text.includes(`${m.bare}県`))) {
      return { prefecture: m.prefecture, municipality: m.name };
    }
  }
  const prefecture = named ?? prefectures.find((p) => p.short?.test(text));
  const unlisted = prefecture?.unlisted.exec(text)?.[1];
  if (prefecture && unlisted) return { prefecture: prefecture.name, municipality: findMunicipality(k, unlisted, prefecture.name)?.name ?? unlisted };
  return prefecture ? { prefecture: prefecture.name, ...(named ? {} : { byShortName: true }) } : {};
}

export function findIndustries(k: Knowledge, text: string): string[] {
  return scan(normalize(text), lexicon(k).industries).ids;
}

export function findGoals(k: Knowledge, text: string): string[] {
  return scan(normalize(text), lexicon(k).goals).ids;
}

/** Dice coefficient of character bigrams: 「製造行」~「製造業」 0.5, ~「ゴム製品製造業」 0.25. */
function dice(a: string, b: string): number {
  const grams = (s: string) => (s.length < 2 ? [s] : Array.from({ length: s.length - 1 }, (_, i) => s.slice(i, i + 2)));
  const ga = grams(a);
  const gb = grams(b);
  const pool = [...gb];
  let common = 0;
  for (const g of ga) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      common++;
      pool.splice(i, 1);
    }
  }
  return (2 * common) / (ga.length + gb.length);
}

/**
 * Fuzzy fallback for typos when the message is only an industry or goal
 * (「製造行」「せいぞう業」「展示回」): fuse.js finds candidates, bigram similarity
 * (which, unlike fuse's score, penalises length differences) picks the closest.
 */
function fuzzy(fuse: Fuse<Term>, text: string): string | undefined {
  const q = normalize(text);
  if (q.length < 2 || q.length > 20) return undefined;
  let best: { id: string; score: number } | undefined;
  for (const hit of fuse.search(q, { limit: 12 })) {
    const score = dice(q, hit.item.key);
    if (!best || score > best.score) best = { id: hit.item.id, score };
  }
  return best && best.score >= 0.4 ? best.id : undefined;
}

export function fuzzyIndustry(k: Knowledge, text: string): string | undefined {
  return fuzzy(lexicon(k).industryFuse, text);
}

export function fuzzyGoal(k: Knowledge, text: string): string | undefined {
  return fuzzy(lexicon(k).goalFuse, text);
}

const CAPITAL_RE = /資本金\s*(?:は|が|:)?\s*/;
const HEADCOUNT_WORD = /(従業員|社員|スタッフ|従業者|職員|常時|雇用|人数)(?:数)?(?:は|が|:)?\s*(?:約)?$/;
/** A count that is not the headcount: per person (「1人3万円」「1名あたり」), or people taking part (「3人が受検」). */
const NOT_HEADCOUNT_AFTER = /^\s*(?:あたり|当たり|につき|ずつ|分|\d|[〇一二三四五六七八九十百千]+万|が(?:受検|受験|受講|参加|合格)|に(?:受検|受験|受講|研修)|(?:で|が)?(?:受検|受験|受講|参加|合格))/;
const NOT_HEADCOUNT_BEFORE = /(受検|受験|受講|参加|合格|対象|派遣|採用|雇いたい|増やしたい|うち|内)[^。、,]{0,4}$/;
/** Products and trades named with 製造・部品 (「機械部品の製造業」) are the industry, not a goal (機械 → 設備投資). */
const INDUSTRY_COMPOUND = /[ァ-ヶー一-龠A-Za-z]{1,8}(?=の?(?:部品|製造|メーカー|加工))/g;

/** The headcount: a count after 従業員/社員…, or a bare 「8人」 that is not per person or participants. */
function headcount(text: string): { n: number; keyword: boolean } | undefined {
  const re = /(\d[\d,]*|[〇一二三四五六七八九十百千]+)\s*(人|名)/g;
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, m.index - 10), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
    const keyword = HEADCOUNT_WORD.test(before);
    if (!keyword && (NOT_HEADCOUNT_AFTER.test(after) || NOT_HEADCOUNT_BEFORE.test(before))) continue;
    const n = parseCount(m[0]);
    if (n !== undefined) return { n, keyword };
  }
  // 「従業員45」 without 人.
  const bare = /(従業員|社員|スタッフ|従業者|職員)(?:数)?(?:は|が|:)?\s*(?:約)?(\d+)(?![\d万円人名])/.exec(text);
  return bare ? { n: Number(bare[2]), keyword: true } : undefined;
}

export function extractSlots(k: Knowledge, raw: string): ExtractedSlots {
  const text = raw.normalize('NFKC');
  const out: ExtractedSlots = {};
  const region = findRegion(k, text);
  if (region.prefecture) out.prefecture = region.prefecture;
  if (region.municipality) out.municipality = region.municipality;
  if (region.byShortName) out.regionByShortName = true;
  // Remove region names before matching industries (「石川」 is not an industry, but 「金沢市で製造業」 has one).
  let withoutRegion = text;
  for (const r of [region.municipality, region.prefecture]) if (r) withoutRegion = withoutRegion.replaceAll(r, ' ');
  // Goals first: their terms are longer (「ITパスポート」「ソフトウェア導入」) and must not read as industries.
  const goalText = normalize(withoutRegion).replace(INDUSTRY_COMPOUND, (w) => '　'.repeat(w.length));
  const goalScan = scan(goalText, lexicon(k).goals);
  if (goalScan.ids.length > 0) {
    // 「展示会はやめてHPだけ」: a goal said to be dropped is not a goal.
    const dropped = goalScan.words.flatMap((w, i) => (droppedAfter(goalText, w) ? [goalScan.wordIds[i]!] : []));
    const kept = goalScan.ids.filter((id) => !dropped.includes(id));
    // 「新製品の試作開発」: a broad goal (研究開発) next to a narrower one it contains (新製品) is that narrower one.
    const narrowest = kept.filter((g) => !kept.some((o) => o !== g && (k.ix.goalLineage.get(o) ?? []).includes(g)));
    if (kept.length > 0) {
      out.goals = narrowest;
      // Only a word of a narrowest goal can name a track (「レジ」「社外研修」), not a broad one (「開発」「設備」).
      // A word that is part of its goal's own label (「新製品」 in 新製品・新技術の開発) names the goal, not a track.
      const leaf = (id: string) => !k.goals.some((g) => g.parentId === id);
      const inLabel = (w: string, id: string) => normalize(k.ix.goalById.get(id)?.label ?? '').includes(w);
      out.goalWords = goalScan.words.filter((w, i) => !dropped.includes(goalScan.wordIds[i]!) && leaf(goalScan.wordIds[i]!) && !inLabel(w, goalScan.wordIds[i]!));
    }
    if (dropped.length > 0) out.droppedGoals = dropped;
  }
  // Industries are read where no goal term matched (the masks keep every position in place).
  const plain = normalize(withoutRegion);
  const industryText = goalScan.rest.split('').map((c, i) => (c === '　' && goalText[i] !== '　' ? c : plain[i] ?? c)).join('');
  const industries = scan(industryText, lexicon(k).industries).ids;
  if (industries.length > 0) out.industry = mostSpecific(k, industries);

  const count = NO_EMPLOYEES.test(text) ? { n: 0, keyword: true } : headcount(text);
  if (count) {
    out.employees = count.n;
    out.employeesKeyword = count.keyword;
  }

  const capIndex = text.search(CAPITAL_RE);
  for (const amount of parseAmounts(text)) {
    const at = text.indexOf(amount.match);
    if (capIndex >= 0 && at > capIndex && at - capIndex <= 8) out.capitalYen = amount.yen;
  }
  return out;
}

const DROPPED = /^(?:は|も|の方は|のほうは)?(?:やめ|止め|取りやめ|なし|無し|不要|いらない|要らない|しない|しません|中止)/;

/** Is the goal word followed by 「はやめて」「はなし」「は不要」? */
function droppedAfter(text: string, word: string): boolean {
  const i = text.indexOf(word);
  return i >= 0 && DROPPED.test(text.slice(i + word.length));
}

/** Of several industries mentioned, the most specific one (a child over its parent). */
function mostSpecific(k: Knowledge, ids: string[]): string {
  const child = ids.find((id) => k.ix.industryById.get(id)?.parentId);
  return child ?? ids[0]!;
}

