// The expenses a free-text message states, each with the purpose written next to it:
// 「展示会50万、HP16万」→ 500,000 for trade-show, 160,000 for website.
// Pure: no state, never throws; long input is cut at MAX_CHARS.
import type { Knowledge } from '../../core/knowledge/types';
import { normalize } from '../../core/taxonomy';
import { numberText, parseAmounts } from './numbers';
import { findGoals } from './slots';

export interface ExpenseMention {
  yen: number;              // 税抜 (use ParsedAmount's conversion of 税込)
  taxIncluded: boolean;
  match: string;            // the matched amount text
  /** Goal id (from the goals taxonomy) of the purpose written next to this amount, if any. */
  purposeGoal?: string;
  /** The purpose words as written (「展示会」「HP」「設備」), for messages like 「展示会に50万円」. */
  purposeText?: string;
  /** 「1人3万円」「1名あたり3万円」「一人につき2万円」: the amount is per person. */
  perPerson: boolean;
}

/** Only this much of a message is read; a real message is far shorter. */
export const MAX_CHARS = 2000;
/** At most this many amounts are reported. */
const MAX_AMOUNTS = 50;
/** How far (characters) from an amount its purpose may be written, within the clause. */
const PURPOSE_WINDOW = 80;

/**
 * Clause boundaries: 、。;／/!? and line breaks (but not the 「/」 of 「3万円/人」), a comma unless
 * it separates digits (「1,200万」), and 「と」 joining two items (「展示会とHP」, 「50万とHP16万」, but not 「こと」「ひと」).
 */
const CLAUSE_BOUNDARY = /[、。;；!?！？\n]|\/(?!\s*[人名])|,(?!\d)|(?<!\d),|(?<=[^\p{Script=Hiragana}])と(?=[^\p{Script=Hiragana}])/gu;

/**
 * Amounts that are facts, not spending: capital, sales, profit, personnel and outsourcing
 * cost (facts for parseFacts), wages, and the subsidy's own limits. Skipped when the label is
 * written right before the amount (only particles between: 「資本金は1,000万円」「時給を50円」).
 */
const NOT_EXPENSE_LABEL = String.raw`(?:資本金|売上高?|売り上げ|年商|月商|利益|経常利益|人件費|外注加工費|時給|日給|月給|賃金|最低賃金|給与|給料|年収|補助上限|上限額?|補助額|補助金額|助成額)`;
const PARTICLES = String.raw`(?:は|が|も|を|に|で|の|:|=|として|合計|総額|額|分|相当|約|およそ|年間|年額|月額|毎月|毎年|税込み?|税抜き?|\s)*`;
const NOT_EXPENSE_BEFORE = new RegExp(`${NOT_EXPENSE_LABEL}${PARTICLES}$`);
/** 「1億円の売上」「1,000万円の資本金」. */
const NOT_EXPENSE_AFTER = new RegExp(`^\\s*(?:の|が|は)?${NOT_EXPENSE_LABEL}`);
/** 「10万個」「5万人」: a count of something, not money (the unit 円 was not written). */
const COUNTER_AFTER = /^\s*(?:個|件|台|人|名|枚|本|回|部|社|点|食|時間|kg|km|m|t|トン|平米|坪|ha|pv|ページ|アクセス|フォロワー)/i;

/** 「1人3万円」「1名あたり」「一人につき」「ひとり当たり」 right before, or 「/人」「(1人あたり)」 right after. */
const PER_PERSON_BEFORE = /(?:(?<![\d〇一二三四五六七八九十百千])[1一]|ひと)(?:人|名|り)(?:あたり|当たり|当り|につき|ごと|毎)?(?:は|で|が)?\s*$/;
const PER_PERSON_AFTER = /^\s*(?:\/\s*(?:人|名)|\(?(?:1|一)(?:人|名)(?:あたり|当たり|当り|につき)\)?|ずつ)/;

interface Span {
  start: number;
  end: number;
}

interface PurposeHit extends Span {
  goal: string;
}

/** Normalises like core/taxonomy's normalize(), keeping for each output character its index in the input. */
function normalizedWithMap(text: string): { norm: string; at: number[] } {
  let norm = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const n = normalize(text[i]!);
    for (const c of n) {
      norm += c;
      at.push(i);
    }
  }
  return { norm, at };
}

/** Short Latin words (HP, PC, IT) must stand alone, as findGoals requires. */
function standsAlone(norm: string, i: number, term: string): boolean {
  if (!/^[a-z]{1,3}$/.test(term)) return true;
  return !/[a-z]/.test(norm[i - 1] ?? ' ') && !/[a-z]/.test(norm[i + term.length] ?? ' ');
}

/**
 * The goal words in `text` (found by findGoals, located here), the one closest to
 * the amount: ending last when the amount follows (`side` 'before'), starting first when
 * it precedes ('after'). Ties go to the longer word (「IT資格」 over 「資格」).
 */
function closestPurpose(k: Knowledge, text: string, side: 'before' | 'after'): PurposeHit | undefined {
  const ids = findGoals(k, text);
  if (ids.length === 0) return undefined;
  const { norm, at } = normalizedWithMap(text);
  const terms = k.ix.goalTerms;
  let best: { goal: string; start: number; end: number } | undefined;
  for (const goal of ids) {
    for (const term of terms.get(goal) ?? []) {
      const i = side === 'before' ? norm.lastIndexOf(term) : norm.indexOf(term);
      if (i < 0 || !standsAlone(norm, i, term)) continue;
      const hit = { goal, start: i, end: i + term.length };
      const better =
        !best ||
        (side === 'before'
          ? hit.end > best.end || (hit.end === best.end && hit.start < best.start)
          : hit.start < best.start || (hit.start === best.start && hit.end > best.end));
      if (better) best = hit;
    }
  }
  if (!best) return undefined;
  // A compound names the narrower purpose: 「省力化設備」「省エネ設備」 are 省力化 and 省エネ, not 設備 in general.
  const head = best;
  for (const goal of ids) {
    if (goal === head.goal || (k.ix.goalLineage.get(goal)?.length ?? 0) <= (k.ix.goalLineage.get(head.goal)?.length ?? 0)) continue;
    for (const term of terms.get(goal) ?? []) {
      const i = norm.lastIndexOf(term, head.start);
      if (i >= 0 && i + term.length >= head.start - 1 && i + term.length <= head.start && standsAlone(norm, i, term)) best = { goal, start: i, end: head.end };
    }
  }
  return { goal: best.goal, start: at[best.start]!, end: at[best.end - 1]! + 1 };
}

/** Start and end of the clause around [start, end): up to the nearest boundaries. */
function clauseAround(boundaries: Span[], start: number, end: number, length: number): Span {
  let from = 0;
  let to = length;
  for (const b of boundaries) {
    if (b.end <= start) from = b.end;
    else if (b.start >= end) {
      to = b.start;
      break;
    }
  }
  return { start: from, end: to };
}

export function parseExpenses(k: Knowledge, input: string): ExpenseMention[] {
  try {
    return expenses(k, input);
  } catch {
    return [];
  }
}

function expenses(k: Knowledge, input: string): ExpenseMention[] {
  const text = numberText(String(input ?? '').slice(0, MAX_CHARS));
  const boundaries: Span[] = [...text.matchAll(CLAUSE_BOUNDARY)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  // Where each amount is: parseAmounts gives the matched text, in order.
  const located: (Span & { amount: ReturnType<typeof parseAmounts>[number] })[] = [];
  let cursor = 0;
  for (const amount of parseAmounts(text)) {
    const start = text.indexOf(amount.match, cursor);
    if (start < 0) continue;
    cursor = start + amount.match.length;
    located.push({ start, end: cursor, amount });
  }

  const out: ExpenseMention[] = [];
  /** Text before this index is not a purpose for later amounts (a purpose written after an earlier amount). */
  let claimedUntil = 0;
  for (let n = 0; n < located.length && out.length < MAX_AMOUNTS; n++) {
    const { start, end, amount } = located[n]!;
    const clause = clauseAround(boundaries, start, end, text.length);
    const previousEnd = Math.max(clause.start, n > 0 ? located[n - 1]!.end : 0);
    const nextStart = Math.min(clause.end, located[n + 1]?.start ?? text.length);
    const label = text.slice(previousEnd, start);
    const after = text.slice(end, nextStart);

    if (!/円/.test(amount.match) && COUNTER_AFTER.test(text.slice(end))) continue;
    if (NOT_EXPENSE_BEFORE.test(label) || NOT_EXPENSE_AFTER.test(after)) continue;

    const perPerson = PER_PERSON_BEFORE.test(label) || PER_PERSON_AFTER.test(text.slice(end, end + 12));
    const mention: ExpenseMention = { yen: amount.yen, taxIncluded: amount.taxIncluded, match: amount.match, perPerson };

    // 「経費200万」「予算は300万」「全部で」: a total for the whole plan, whatever purpose is written before it.
    const total = /(経費|費用|予算|総額|合計|全部で|総額で|トータル)\s*(?:は|が|:|で)?\s*(?:約|およそ)?\s*$/.test(label);
    const beforeFrom = Math.max(clause.start, claimedUntil, start - PURPOSE_WINDOW);
    const before = total ? undefined : closestPurpose(k, text.slice(beforeFrom, start), 'before');
    if (before) {
      mention.purposeGoal = before.goal;
      mention.purposeText = text.slice(beforeFrom + before.start, beforeFrom + before.end);
    } else if (!total) {
      // Nothing before it in the clause: 「50万円で展示会に出たい」.
      const afterText = after.slice(0, PURPOSE_WINDOW);
      const hit = closestPurpose(k, afterText, 'after');
      if (hit) {
        mention.purposeGoal = hit.goal;
        mention.purposeText = afterText.slice(hit.start, hit.end);
        claimedUntil = end + hit.end;
      }
    }
    out.push(mention);
  }
  return out;
}
