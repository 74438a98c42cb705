// Application status (受付中 / 受付前 / 受付終了 / 随時 / 未定) of a call, from the
// dates in the documents against a given date (default: today in JST), and from the
// date of the information (the edition's asOf).
//
// The rules (issue 14, "honest about time"):
//
// 1. Dated statuses. A window with a start and an end is 受付前 before its start,
//    受付中 from start to end, 受付終了 after. A window without a start is 受付中 up to its
//    end only from the edition's asOf on: before the date of the document that names it,
//    it is not known to be open (「未定」, and the detail says why). The same holds for a
//    rolling call with an `until`: 随時受付 from asOf to `until`, 受付終了 after; before
//    asOf 未定.
// 2. Statuses from wording. A rolling call without `until` (「当面」「随時受付」, facilities)
//    and every 'tbd' (「公表までお待ちください」「3月中旬を目途に受付開始」) say only what
//    the document said on its date. They carry `asOfWording: true`, their label says
//    so (「随時受付（資料時点）」), and their detail names the date of the information:
//    「資料（2025年3月頃）時点では随時受付（…）。現在の受付状況は窓口でご確認ください」.
//    They are never counted as open today (`isOpenToday`) and rank after dated open calls
//    (`statusRank`).
// 3. An `until` inferred from the fiscal year a document covers (`untilSource: fiscal-year`,
//    the document states no date) is said as 「令和7年度の制度です（年度末まで）」, never as
//    a firm date.
//
// The StatusCode union is unchanged (the renderers colour by it); `asOfWording` is the
// flag that separates a dated 随時 from a worded one.
import type { Application } from './knowledge/types';

export type StatusCode = 'open' | 'upcoming' | 'closed' | 'rolling' | 'tbd';

export interface ApplicationStatus {
  code: StatusCode;
  label: string;
  /** The period as the document writes it, and what it means today. */
  detail: string;
  /** The date of the information the status rests on (the edition's asOf). */
  asOf: string;
  /**
   * True when the status comes from the document's wording (随時, 当面, 未定, 公表待ち)
   * and not from a dated period: it was true on `asOf` and says nothing of today.
   */
  asOfWording: boolean;
}

/** What a status needs to know of the edition: the date of its information. */
export interface EditionDate {
  asOf: string;
  /** Set when asOf is inferred (the document is undated): the date is then said as 「…頃」. */
  asOfNote?: string;
}

const LABELS: Record<StatusCode, string> = {
  open: '受付中',
  upcoming: '受付前',
  closed: '受付終了',
  rolling: '随時受付',
  tbd: '未定',
};

/** The label of a 随時 known only from a document's wording. */
export const ROLLING_AS_OF_LABEL = '随時受付（資料時点）';

/** Japan's offset from UTC (JST has no daylight saving time). */
export const JST_OFFSET_MS = 9 * 3600_000;

/** Today's date in Japan (YYYY-MM-DD). */
export function todayJst(now: Date = new Date()): string {
  return new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The hour in Japan (0–23). */
export function hourJst(now: Date): number {
  return new Date(now.getTime() + JST_OFFSET_MS).getUTCHours();
}

const md = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The date of an edition's information: 「2024年3月18日」, or 「2025年3月頃」 when inferred. */
export function asOfText(edition: EditionDate): string {
  const [y, m] = edition.asOf.split('-').map(Number);
  return edition.asOfNote ? `${y}年${m}月頃` : md(edition.asOf);
}

/** 令和 fiscal year (April–March) of a date: 2026-03-31 → 7. */
function reiwaFiscalYear(iso: string): number {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return (m >= 4 ? y : y - 1) - 2018;
}

/** 「令和7年度の制度です（年度末まで）」 / 「令和8年度までの制度です（年度末まで）」. */
function fiscalYearText(until: string, asOf: string): string {
  const fy = reiwaFiscalYear(until);
  return fy === reiwaFiscalYear(asOf) ? `令和${fy}年度の制度です（年度末まで）` : `令和${fy}年度までの制度です（年度末まで）`;
}

const trimStop = (s: string) => s.replace(/[。．.]+$/, '');

const RANK: Record<StatusCode, number> = { open: 0, rolling: 1, upcoming: 2, tbd: 3, closed: 4 };

/** Open today, by a dated period: 受付中, or 随時 within a dated period. Worded statuses are not. */
export function isOpenToday(s: ApplicationStatus): boolean {
  return s.code === 'open' || (s.code === 'rolling' && !s.asOfWording);
}

/**
 * Rank for ordering results (lower first): dated open calls, then 随時 known only from a
 * document's wording, then 受付前, 未定, 受付終了.
 */
export function statusRank(s: ApplicationStatus): number {
  return isOpenToday(s) ? 0 : RANK[s.code];
}

export function applicationStatus(app: Application, date: string, edition: EditionDate): ApplicationStatus {
  const asOf = edition.asOf;
  const when = `資料（${asOfText(edition)}）`;
  const make = (code: StatusCode, detail: string, asOfWording = false, label = LABELS[code]): ApplicationStatus => ({ code, label, detail, asOf, asOfWording });
  const unknownBefore = `${when}より前の日付のため、受付中かどうかは分かりません`;
  if (app.kind === 'tbd') return make('tbd', `${when}時点では未定（${trimStop(app.text)}）。現在の受付状況は窓口でご確認ください`, true);
  if (app.kind === 'rolling') {
    if (!app.until) return make('rolling', `${when}時点では随時受付（${trimStop(app.text)}）。現在の受付状況は窓口でご確認ください`, true, ROLLING_AS_OF_LABEL);
    const text = trimStop(app.text);
    if (app.untilSource === 'fiscal-year') {
      // The document gives no date: the fiscal year it covers, said as such.
      const fy = fiscalYearText(app.until, asOf);
      if (date > app.until) return make('closed', `${text}。${fy}`);
      if (date < asOf) return make('tbd', `${text}。${fy}。${unknownBefore}`);
      return make('rolling', `${text}。${fy}`);
    }
    if (date > app.until) return make('closed', `${text}（${md(app.until)}までの制度です）`);
    if (date < asOf) return make('tbd', `${text}（${md(app.until)}まで。${unknownBefore}）`);
    return make('rolling', `${text}（${md(app.until)}まで）`);
  }
  const windows = [...app.windows].sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  for (const w of windows) {
    if (date > w.end) continue;
    const name = w.label ? `${w.label}：` : '';
    if (w.start && date < w.start) return make('upcoming', `${name}${w.text}（${md(w.start)}から受付）`);
    // No start: the document says the call runs until `end` as of its date; before that date
    // it is not known to have opened.
    if (!w.start && date < asOf) return make('tbd', `${name}${w.text}（締切 ${md(w.end)}。受付開始日は資料にありません。${unknownBefore}）`);
    return make('open', `${name}${w.text}（締切 ${md(w.end)}）`);
  }
  const last = windows[windows.length - 1]!;
  return make('closed', `${last.label ? `${last.label}：` : ''}${last.text}（${md(last.end)}に締め切られました）`);
}

/** How old the data is, from the asOf of the editions shown: 「2024年3月〜2025年4月」 (months). */
export function dataAgeText(asOfs: readonly string[]): string {
  if (asOfs.length === 0) return '';
  const months = asOfs.map((d) => d.slice(0, 7)).sort();
  const ym = (s: string) => `${Number(s.slice(0, 4))}年${Number(s.slice(5, 7))}月`;
  const [first, last] = [months[0]!, months[months.length - 1]!];
  return first === last ? ym(first) : `${ym(first)}〜${ym(last)}`;
}
