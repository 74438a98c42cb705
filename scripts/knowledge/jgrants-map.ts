// Maps one jGrants subsidy (the detail API's fields) to a draft program in the
// knowledge format (knowledge/README.md). Pure: no I/O, no clock (the fetch date is
// passed in), so that the same input always gives the same draft.
//
// A draft is `{ draft: {…what the reviewer needs…}, program: {…a Program…} }`. The
// program part is meant to pass the program schema as it is; what the importer cannot
// read cleanly becomes a `doubts` entry (the bot then says 要確認) and a line in
// `draft.review` (what to check against the 公募要領 before promoting).
import { createHash } from 'node:crypto';
import type { JgrantsDetail } from './jgrants-api';

export interface JgrantsTaxonomy {
  /** Top-level goals of taxonomy/goals.yaml: their labels are jGrants' use_purpose values. */
  goals: { id: string; label: string }[];
  /** Top-level industries of taxonomy/industries.yaml (JSIC 大分類 A–T). */
  industries: { id: string; label: string; jsic?: string }[];
  prefectures: { name: string; municipalities?: string[] }[];
}

export interface DraftMeta {
  importer: 'jgrants';
  jgrantsId: string;
  /** jGrants' management number (S-00000000). */
  number?: string;
  url: string;
  /** The day this content was fetched (kept while the content does not change). */
  fetched: string;
  /** The source title promote adds to taxonomy/sources.yaml under `jgrants:{id}`. */
  sourceTitle: string;
  /** The round and the 枠 read from the title. */
  round: { program: string; edition: string; track: string };
  /** Employee band (target_number_of_employees) as numbers; the program has it as target.employees. */
  employees?: { atMost?: number; atLeast?: number; text: string };
  /** What to check before promoting (Japanese). */
  review: string[];
  /** The jGrants fields as fetched (for the reviewer; the detail text without HTML). */
  jgrants: Record<string, string | number | null>;
}

export interface Draft {
  draft: DraftMeta;
  program: Record<string, unknown>;
}

/** The use_purpose label → goal id, industry label → id maps, built once per run. */
export interface Maps {
  goalByLabel: Map<string, string>;
  industryByLabel: Map<string, string>;
  allIndustryIds: string[];
  prefectures: Map<string, string[]>;
}

export function buildMaps(t: JgrantsTaxonomy): Maps {
  return {
    goalByLabel: new Map(t.goals.map((g) => [norm(g.label), g.id])),
    industryByLabel: new Map(t.industries.map((i) => [norm(i.label), i.id])),
    allIndustryIds: t.industries.map((i) => i.id),
    prefectures: new Map(t.prefectures.map((p) => [p.name, p.municipalities ?? []])),
  };
}

/** NFKC, no spaces: 「１／２ 以内」 → 「1/2以内」. */
function norm(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}

/** A multi-valued jGrants field: "製造業 / 建設業" → [製造業, 建設業]. */
export function splitMulti(s: string | null | undefined): string[] {
  if (!s) return [];
  return s
    .split(/\s*[\/／]\s*(?![^（(]*[）)])/)
    .map((x) => x.trim())
    .filter(Boolean);
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The detail HTML as plain text, one paragraph a line. */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  return html
    .replace(/<\s*(br|\/p|\/li|\/div|\/h\d|\/tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .split('\n')
    .map((l) => l.replace(/[ \t\u3000]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Titles of entries that are not calls for applications but steps after an award. */
const POST_AWARD = /報告用|練習用|テスト用|実績報告|状況報告|事業化状況|交付申請用|採択者(向け|用|のみ)|交付決定者|精算払|概算払/;

export function isPostAward(title: string): boolean {
  return POST_AWARD.test(title.normalize('NFKC'));
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The rate when the text is one clean figure: 「1/2以内」「2/3」「10/10以内」「2分の1以内」「50%以内」.
 * Anything else (two rates, conditions, 定額, words) → undefined: the caller records a doubt.
 */
export function parseRate(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const t = norm(text).replace(/[。．.]$/, '');
  let m = /^(\d+)\/(\d+)(以内|以下)?$/.exec(t);
  if (m) return fraction(Number(m[1]), Number(m[2]));
  m = /^(\d+)分の(\d+)(以内|以下)?$/.exec(t);
  if (m) return fraction(Number(m[2]), Number(m[1]));
  m = /^(\d+)(%|パーセント)(以内|以下)?$/.exec(t);
  if (m) return fraction(Number(m[1]), 100);
  return undefined;
}

function fraction(n: number, d: number): string | undefined {
  if (!(n > 0 && d > 0 && n <= d)) return undefined;
  const g = gcd(n, d);
  return `${n / g}/${d / g}`;
}

/** jGrants' employee bands: 従業員数の制約なし | N名以下 | N名以上. */
export function parseEmployees(text: string | null | undefined): DraftMeta['employees'] | 'none' | undefined {
  if (!text) return undefined;
  const t = norm(text);
  if (/制約なし|制限なし|指定なし/.test(t)) return 'none';
  let m = /^(\d+)(名|人)以下$/.exec(t);
  if (m) return { atMost: Number(m[1]), text: text.trim() };
  m = /^(\d+)(名|人)以上$/.exec(t);
  if (m) return { atLeast: Number(m[1]), text: text.trim() };
  return undefined;
}

/** The JST calendar date of an ISO instant ("2026-07-24T08:30Z" → 2026-07-24). */
export function jstDate(iso: string | null | undefined): string | undefined {
  const d = instant(iso);
  return d ? new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10) : undefined;
}

/** 「2026年7月24日 17:30」 in JST. */
export function jstText(iso: string | null | undefined): string | undefined {
  const d = instant(iso);
  if (!d) return undefined;
  const j = new Date(d.getTime() + 9 * 3600_000);
  const hm = `${String(j.getUTCHours()).padStart(2, '0')}:${String(j.getUTCMinutes()).padStart(2, '0')}`;
  return `${j.getUTCFullYear()}年${j.getUTCMonth() + 1}月${j.getUTCDate()}日 ${hm}`;
}

function instant(iso: string | null | undefined): Date | undefined {
  if (!iso || typeof iso !== 'string') return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export interface TitleParts {
  /** The program's name without round and 枠. */
  base: string;
  round?: { id: string; label: string };
  track?: string;
}

const ROUND_PATTERNS: { re: RegExp; id: (m: RegExpExecArray) => string; label: (m: RegExpExecArray) => string }[] = [
  { re: /(令和|R)\s*(\d+|元)\s*年度/, id: (m) => `fy${2018 + (m[2] === '元' ? 1 : Number(m[2]))}`, label: (m) => `令和${m[2]}年度` },
  { re: /(20\d{2})\s*年度/, id: (m) => `fy${m[1]}`, label: (m) => `${m[1]}年度` },
  { re: /第?\s*(\d+)\s*次\s*(公募|締切|募集)?/, id: (m) => `r${m[1]}`, label: (m) => `第${m[1]}次${m[2] ?? '公募'}` },
  { re: /第\s*(\d+)\s*回\s*(公募|締切|募集)?/, id: (m) => `r${m[1]}`, label: (m) => `第${m[1]}回${m[2] ?? ''}` },
];

/**
 * Splits a jGrants title into the program, the round (年度, 第N次公募, 第N回) and the 枠:
 * 「中小企業生産性革命推進事業_事業承継・M&A補助金(15次公募)_事業承継促進枠」 →
 * base 中小企業生産性革命推進事業_事業承継・M&A補助金, round r15 第15次公募, track 事業承継促進枠.
 */
export function parseTitle(title: string): TitleParts {
  let rest = title.normalize('NFKC').trim();
  const ids: string[] = [];
  const labels: string[] = [];
  for (const p of ROUND_PATTERNS) {
    const m = p.re.exec(rest);
    if (!m) continue;
    ids.push(p.id(m));
    labels.push(p.label(m));
    rest = rest.slice(0, m.index) + rest.slice(m.index + m[0].length);
  }
  // Brackets left empty by the removal, and separators at the ends.
  rest = rest.replace(/[(（【\[]\s*[)）】\]]/g, '').replace(/__+/g, '_');
  let track: string | undefined;
  const paren = /[(（【]([^()（）【】]*(枠|型|コース|類型|部門))[)）】]\s*$/.exec(rest);
  if (paren) {
    track = paren[1]!.trim();
    rest = rest.slice(0, paren.index);
  } else {
    const parts = rest.split('_').map((s) => s.trim());
    const last = parts.at(-1) ?? '';
    if (parts.length > 1 && /(枠|型|コース|類型|部門)$/.test(last)) {
      track = last;
      rest = parts.slice(0, -1).join('_');
    }
  }
  const base = rest.replace(/^[\s_・\-]+|[\s_・\-]+$/g, '').replace(/\s+/g, ' ') || title.trim();
  return { base, ...(ids.length ? { round: { id: ids.join('-'), label: labels.join(' ') } } : {}), ...(track ? { track } : {}) };
}

export function shortHash(s: string, n = 8): string {
  return createHash('sha256').update(s).digest('hex').slice(0, n);
}

function yenText(n: number): string {
  return `${n.toLocaleString('en-US')}円`;
}

/** The front page of a subsidy when the detail does not give one. */
export function portalUrl(id: string): string {
  return `https://www.jgrants-portal.go.jp/subsidy/${id}`;
}

/**
 * One subsidy → one draft. `fetched` is the date the content was fetched (YYYY-MM-DD).
 * Edition ids may be made unique later by the caller (two entries of one round and 枠).
 */
export function mapSubsidy(d: JgrantsDetail, maps: Maps, fetched: string): Draft {
  const review: string[] = [];
  const title = (d.title ?? '').trim() || d.id;
  const parts = parseTitle(title);
  const file = `jgrants:${d.id}`;
  const url = d.front_subsidy_detail_page_url?.trim() || portalUrl(d.id);
  const detailText = htmlToText(d.detail);

  // Region and issuer.
  const areas = splitMulti(d.target_area_search);
  const editionDoubts: { text: string; affects: 'eligibility' | 'amount' | 'status' }[] = [];
  let region: { prefecture: string; municipality?: string } | undefined;
  let level: 'national' | 'prefecture' | 'municipality' = 'national';
  const nationwide = areas.length === 0 || areas.includes('全国');
  if (areas.length === 0) review.push('対象地域（target_area_search）が空です。全国として下書きしました。公募要領で対象地域を確認してください。');
  if (!nationwide) {
    const prefs = areas.filter((a) => maps.prefectures.has(a));
    const pref = prefs.length === 1 && areas.length === 1 ? prefs[0] : undefined;
    if (pref) {
      const r: { prefecture: string; municipality?: string } = { prefecture: pref };
      region = r;
      level = 'prefecture';
      const munis = maps.prefectures.get(pref) ?? [];
      const text = `${d.target_area_detail ?? ''}\n${title}`;
      const found = munis.filter((m) => text.includes(m));
      // The longest name, so that 「野々市市」 is not read as a shorter one it contains.
      const muni = found.sort((a, b) => b.length - a.length)[0];
      if (muni) {
        r.municipality = muni;
        level = 'municipality';
        review.push(`対象地域を${pref}${muni}としました（タイトル・地域条件の記載から推定）。公募要領で確認してください。`);
      }
    } else {
      editionDoubts.push({ text: `対象地域は「${areas.join('、')}」です（Jグランツの記載）。所在地が対象か公募要領でご確認ください。`, affects: 'eligibility' });
      review.push(`対象地域「${areas.join(' / ')}」は一つの都道府県で表せません。region を決めるか、都道府県ごとに分けてください（下書きでは全国扱い＋要確認）。`);
    }
  }
  if (d.target_area_detail?.trim() && !nationwide) review.push(`地域条件：「${d.target_area_detail.trim()}」`);
  const issuerName =
    d.institution_name?.trim() || (region ? `${region.prefecture}${region.municipality ?? ''}` : '国（Jグランツ掲載）');
  if (!d.institution_name?.trim()) review.push(`実施機関（issuer）を「${issuerName}」と推定しました。公募要領の実施機関・担当課に直してください。`);

  // Goals: the 15 use_purpose values are the labels of the top-level goals.
  const goals: string[] = [];
  for (const u of splitMulti(d.use_purpose)) {
    const id = maps.goalByLabel.get(norm(u));
    if (id) goals.includes(id) || goals.push(id);
    else review.push(`利用目的「${u}」は goals.yaml にありません。`);
  }
  if (goals.length === 0) review.push('利用目的（use_purpose）から目的を決められませんでした。goals を記入してください。');

  // Industries: JSIC 大分類 names; all of them (or none given) = no restriction.
  const industries: string[] = [];
  for (const name of splitMulti(d.industry)) {
    const id = maps.industryByLabel.get(norm(name));
    if (id) industries.includes(id) || industries.push(id);
    else review.push(`業種「${name}」は industries.yaml の大分類にありません。`);
  }
  const allIndustries = maps.allIndustryIds.every((id) => industries.includes(id));
  if (!d.industry?.trim()) review.push('対象業種（industry）の記載がありません。業種の制限なしとして下書きしました。');

  // Employee band.
  // Employee band: eligibility (target.employees), decided against the headcount the user gives.
  const band = parseEmployees(d.target_number_of_employees);
  if (band === undefined && d.target_number_of_employees?.trim())
    review.push(`対象従業員数「${d.target_number_of_employees}」を読み取れませんでした。`);
  if (band && band !== 'none')
    review.push(`対象従業員数「${band.text}」を対象条件（target.employees）にしました。常時使用する従業員の定義（役員・パートの扱い）を公募要領で確認してください。`);

  // Amount: the rate only when it is one clean figure; the cap unless 0 (= unset).
  const rateText = d.subsidy_rate?.trim() ?? '';
  const rate = parseRate(rateText);
  const capRaw = d.subsidy_max_limit;
  const cap = typeof capRaw === 'number' && Number.isInteger(capRaw) && capRaw > 0 ? capRaw : undefined;
  const trackDoubts: { text: string; affects: 'eligibility' | 'amount' | 'status' }[] = [];
  const trackNotes: string[] = [];
  let amount: Record<string, unknown> | undefined;
  if (rate) {
    amount = { rate, ...(cap ? { cap } : {}) };
    if (!cap) trackDoubts.push({ text: '補助上限額がJグランツに記載されていません。公募要領でご確認ください。', affects: 'amount' });
  } else {
    trackDoubts.push({
      text: rateText
        ? `補助率はJグランツでは「${rateText}」と記載されています。条件により異なるため、公募要領でご確認ください。`
        : '補助率がJグランツに記載されていません。公募要領でご確認ください。',
      affects: 'amount',
    });
    if (cap) trackNotes.push(`補助上限額は${yenText(cap)}です（Jグランツの記載）。`);
    review.push(
      `補助率「${rateText || '（記載なし）'}」を読み取れなかったため amount を付けていません。公募要領を確認し amount: { rate${cap ? `, cap: ${cap}` : ''} } を記入してください。`,
    );
  }
  if (!cap) review.push(`補助上限額が未設定です（subsidy_max_limit: ${capRaw ?? 'なし'}）。0 は「上限なし」ではなく未設定の意味です。公募要領で確認してください。`);
  const amountQuote = `補助率 ${rateText || '（記載なし）'}、補助上限額 ${cap ? yenText(cap) : '（記載なし）'}`;

  // Application window (JST dates).
  const start = jstDate(d.acceptance_start_datetime);
  const end = jstDate(d.acceptance_end_datetime);
  const startText = jstText(d.acceptance_start_datetime);
  const endText = jstText(d.acceptance_end_datetime);
  const windowText = `${startText ?? ''} 〜 ${endText ?? ''}`.trim();
  let application: Record<string, unknown>;
  if (end) application = { kind: 'window', windows: [{ ...(start ? { start } : {}), end, text: windowText }] };
  else {
    application = { kind: 'tbd', text: startText ? `${startText}から受付（締切はJグランツに記載がありません）` : '受付期間はJグランツに記載がありません' };
    review.push('受付終了日時がありません。公募要領で受付期間を確認してください。');
  }
  const editionNotes: string[] = [];
  const projectEnd = jstText(d.project_end_deadline);
  if (projectEnd) editionNotes.push(`事業の完了期限は${projectEnd}です（Jグランツの記載）。`);
  editionNotes.push(`申請はJグランツ（${url}）から行います。`);

  // Round, program and track ids.
  const programId = `jgrants-${shortHash(norm(parts.base))}`;
  const number = d.name?.trim() || undefined;
  const editionId = parts.round?.id ?? `jg-${(number ?? d.id).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
  const editionLabel = parts.round?.label ?? (start ? `${start.slice(0, 4)}年${Number(start.slice(5, 7))}月受付開始の公募` : 'Jグランツ掲載の公募');
  if (!parts.round) review.push(`タイトルから公募回（年度・第N次）を読み取れませんでした。edition の id「${editionId}」と label「${editionLabel}」を直してください。`);
  const trackId = parts.track ? `t-${shortHash(norm(parts.track), 6)}` : 'main';
  const trackName = parts.track ?? parts.base;

  const catchPhrase = d.subsidy_catch_phrase?.trim();
  const firstSentence = detailText.split(/\n|(?<=。)/)[0]?.trim();
  const summary = catchPhrase || firstSentence || parts.base;
  if (!catchPhrase) review.push('キャッチフレーズがないため、summary は詳細の冒頭から取りました。一文の説明（です・ます）に直してください。');
  review.push('名称（name）・別名（aliases）・対象条件（target.conditions）・対象経費を公募要領で確認してください。');

  const kind = /助成金|奨励金|給付金/.test(title) && !/補助金/.test(title) ? 'grant' : 'subsidy';
  const target: Record<string, unknown> = {};
  if (industries.length > 0 && !allIndustries) target.industries = { include: industries };
  if (band && band !== 'none') target.employees = band;

  const program: Record<string, unknown> = {
    id: programId,
    name: parts.base,
    ...(parts.base !== title ? { aliases: [title] } : {}),
    kind,
    issuer: { name: issuerName, level },
    ...(region ? { region } : {}),
    summary,
    goals,
    ...(Object.keys(target).length ? { target } : {}),
    contacts: [{ name: `Jグランツ（${number ?? d.id}）`, url }],
    editions: [
      {
        id: editionId,
        label: editionLabel,
        asOf: fetched,
        asOfNote: `Jグランツから${fetched}に取得した情報です。`,
        application,
        ...(editionNotes.length ? { notes: editionNotes } : {}),
        ...(editionDoubts.length ? { doubts: editionDoubts } : {}),
        source: { file, section: '受付期間', quote: windowText || '（記載なし）' },
        tracks: [
          {
            id: trackId,
            name: trackName,
            ...(catchPhrase && parts.track ? { summary: catchPhrase } : {}),
            ...(amount ? { amount } : {}),
            ...(trackNotes.length ? { notes: trackNotes } : {}),
            ...(trackDoubts.length ? { doubts: trackDoubts } : {}),
            source: { file, section: '補助率・補助上限額', quote: amountQuote },
          },
        ],
      },
    ],
  };

  const jgrants: Record<string, string | number | null> = {};
  for (const k of [
    'name',
    'title',
    'subsidy_catch_phrase',
    'use_purpose',
    'industry',
    'target_area_search',
    'target_area_detail',
    'target_number_of_employees',
    'subsidy_rate',
    'subsidy_max_limit',
    'acceptance_start_datetime',
    'acceptance_end_datetime',
    'project_end_deadline',
    'front_subsidy_detail_page_url',
  ] as const) {
    const v = d[k];
    jgrants[k] = typeof v === 'string' || typeof v === 'number' ? v : null;
  }
  jgrants.detail = detailText.length > 4000 ? `${detailText.slice(0, 4000)}…` : detailText;

  return {
    draft: {
      importer: 'jgrants',
      jgrantsId: d.id,
      ...(number ? { number } : {}),
      url,
      fetched,
      sourceTitle: `Jグランツ「${title}」`,
      round: { program: programId, edition: editionId, track: trackId },
      ...(band && band !== 'none' ? { employees: band } : {}),
      review,
      jgrants,
    },
    program,
  };
}
