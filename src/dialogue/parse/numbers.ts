// Japanese amounts and counts in every common form: 300万円, ３００万, 1,200万円,
// 1.2億, 500千円, 三百万円, 二千五百万円, 十五名, 約80万, 80万円くらい, 税込….

const KANJI_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 壱: 1, 弐: 2, 参: 3 };
const KANJI_SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const LARGE_UNITS: Record<string, number> = { 万: 10_000, 億: 100_000_000, 兆: 1_000_000_000_000 };

/** 「二千五百」→ 2500, 「十五」→ 15, 「三〇〇」→ 300 (no 万/億 inside). */
function kanjiBelowMan(text: string): number | undefined {
  if (text === '') return undefined;
  if ([...text].every((c) => c in KANJI_DIGITS)) return Number([...text].map((c) => KANJI_DIGITS[c]).join(''));
  let total = 0;
  let digit: number | undefined;
  for (const c of text) {
    if (c in KANJI_DIGITS) digit = KANJI_DIGITS[c];
    else if (c in KANJI_SMALL_UNITS) {
      total += (digit ?? 1) * KANJI_SMALL_UNITS[c]!;
      digit = undefined;
    } else return undefined;
  }
  return total + (digit ?? 0);
}

/** A number written in kanji, possibly with 万/億: 「三百万」→ 3,000,000. */
export function kanjiNumber(text: string): number | undefined {
  let total = 0;
  let rest = text;
  for (const unit of ['兆', '億', '万'] as const) {
    const i = rest.indexOf(unit);
    if (i < 0) continue;
    const head = kanjiBelowMan(rest.slice(0, i)) ?? (i === 0 ? 1 : undefined);
    if (head === undefined) return undefined;
    total += head * LARGE_UNITS[unit]!;
    rest = rest.slice(i + 1);
  }
  if (rest === '') return total > 0 ? total : undefined;
  const tail = kanjiBelowMan(rest);
  return tail === undefined ? undefined : total + tail;
}

export interface ParsedAmount {
  yen: number;
  /** The text said 税込: the amount is converted to 税抜 (÷ 1.1). */
  taxIncluded: boolean;
  approximate: boolean;
  /** The matched text. */
  match: string;
}

const NUM = String.raw`(?:\d[\d,]*(?:\.\d+)?|[〇零一二三四五六七八九十百千壱弐参]+)`;
// A number followed by units: 1.2億, 2千5百万円 is rare; we support 億/万/千 chains like 1億2000万.
const AMOUNT_RE = new RegExp(
  String.raw`(約|およそ|だいたい|大体|ほぼ)?\s*(税込み?|税抜き?)?\s*((?:${NUM}\s*(?:兆|億|万|千(?=円))\s*)*${NUM}?)\s*(千円|円|万円|万|億円|億)?\s*(税込み?|税抜き?|\(税込\)|\(税抜\))?\s*(くらい|ぐらい|程度|前後|ほど|位)?`,
  'g',
);

function numberPart(text: string): number | undefined {
  const t = text.replace(/,/g, '');
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  return kanjiNumber(t);
}

/** Parses a chain such as 「1億2,000万」「300万」「1.2億」「三百万」 into yen (unit applied at the end). */
function chainToYen(chain: string, unit: string | undefined): number | undefined {
  const compact = chain.replace(/\s/g, '');
  if (compact === '') return undefined;
  // Pure kanji with internal 万/億: let kanjiNumber handle it.
  if (/^[〇零一二三四五六七八九十百千壱弐参万億兆]+$/.test(compact) && /[万億兆]/.test(compact)) {
    const n = kanjiNumber(compact);
    return n === undefined ? undefined : n * unitFactor(unit);
  }
  let total = 0;
  let rest = compact;
  const re = new RegExp(String.raw`^(${NUM})(兆|億|万|千)`);
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    const n = numberPart(m[1]!);
    if (n === undefined) return undefined;
    total += n * (m[2] === '千' ? 1000 : LARGE_UNITS[m[2]!]!);
    rest = rest.slice(m[0].length);
  }
  if (rest !== '') {
    const n = numberPart(rest);
    if (n === undefined) return undefined;
    total += n * unitFactor(unit);
  } else if (unit === '千円') {
    total *= 1000;
  }
  return total;
}

function unitFactor(unit: string | undefined): number {
  switch (unit) {
    case '千円':
      return 1000;
    case '万':
    case '万円':
      return 10_000;
    case '億':
    case '億円':
      return 100_000_000;
    default:
      return 1;
  }
}

/** NFKC, and 「30まん」「三百まん」 (as typed on a phone) as 万: the text every amount parser reads. */
export function numberText(input: string): string {
  return input.normalize('NFKC').replace(/(\d|[〇零一二三四五六七八九十百千])\s*まん/g, '$1万');
}

/**
 * Every amount of money in the text. A bare number without a unit is not an
 * amount (it may be a count); 「300万」 and 「1,200,000円」 are.
 */
export function parseAmounts(input: string): ParsedAmount[] {
  const text = numberText(input);
  const out: ParsedAmount[] = [];
  for (const m of text.matchAll(AMOUNT_RE)) {
    const [match, approx, taxBefore, chain, unit, taxAfter, about] = m;
    const tax = taxAfter ?? taxBefore;
    if (!chain || chain.trim() === '') continue;
    const hasUnit = unit !== undefined || /[万億兆]/.test(chain) || /千$/.test(chain.trim());
    if (!hasUnit) continue;
    let yen = chainToYen(chain, unit);
    if (yen === undefined || !Number.isFinite(yen)) continue;
    const taxIncluded = tax !== undefined && tax.includes('込');
    if (taxIncluded) yen = Math.floor((yen * 10) / 11); // 消費税10%を除く
    out.push({ yen: Math.floor(yen), taxIncluded, approximate: Boolean(approx || about), match: match.trim() });
  }
  return out;
}

/** A count of people: 「8人」「十五名」「従業員30」「３０人」; a bare number when nothing else is in the text. */
export function parseCount(input: string, { bare = false } = {}): number | undefined {
  const text = input.normalize('NFKC').replace(/,/g, '');
  const m = new RegExp(String.raw`(${NUM})\s*(人|名|にん|めい)`).exec(text);
  const raw = m?.[1] ?? (bare ? /^\s*(?:約)?\s*(\d+|[〇零一二三四五六七八九十百千]+)\s*$/.exec(text)?.[1] : undefined);
  if (raw === undefined) return undefined;
  const n = numberPart(raw);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}
