// Answers to follow-up questions that a free-text message states outright:
// 「株式会社です。赤字です。社員3人に受検させたい」→ corporation, deficit, persons.
// One declarative table (FACT_RULES); a fact is emitted only when the message says it
// clearly, and a question two rules answer differently gets no answer at all.
// Pure: no state, never throws; long input is cut at MAX_CHARS.
import type { Knowledge } from '../../core/knowledge/types';
import { parseAmounts, parseCount } from './numbers';

/** Only this much of a message is read. */
const MAX_CHARS = 2000;

/**
 * A choice answer: some `when` pattern matches (and is not asked as a question:
 * 「赤字ですか」), no `unless` pattern matches, and every `requires` pattern matches.
 */
export interface ChoiceFactRule {
  kind: 'choice';
  questions: readonly string[];
  value: string;
  when: readonly RegExp[];
  unless?: readonly RegExp[];
  requires?: readonly RegExp[];
}

/**
 * An amount written right after its label, with only particles between
 * (「人件費は200万円」「うち人件費100万」, not 「人件費を含めて300万円」); `none` states zero
 * (「人件費はなし」).
 */
export interface YenFactRule {
  kind: 'yen';
  questions: readonly string[];
  label: RegExp;
  none?: RegExp;
}

/**
 * A number of people (「3人」「五名」) with a `near` word in its clause (受検, 受講…) and no
 * `not` word (従業員, 社員は…: the headcount of the business). Several different numbers: none.
 */
export interface CountFactRule {
  kind: 'count';
  questions: readonly string[];
  near: RegExp;
  not: RegExp;
}

export type FactRule = ChoiceFactRule | YenFactRule | CountFactRule;

const WAGE_HIKE_QUESTIONS = ['jizokuka_wage_hike', 'shoryokuka_wage_hike', 'mono_wage_hike'] as const;
const YEARS = String.raw`(?<![\d.])(?:[1-9]\d{0,2}|[一二三四五六七八九十]+)年`;
const RAISE = String.raw`(?:賃上げ|賃金(?:の)?引き?上げ|給与(?:の)?引き?上げ|給料(?:の)?引き?上げ|昇給|ベースアップ|ベア)`;
const NEGATED = String.raw`(?:しない|しません|していない|していません|ない|なし|ありません|できない|できません)`;

export const FACT_RULES: readonly FactRule[] = [
  // インボイス特例: converting from 免税事業者 to インボイス発行事業者 (done or planned).
  {
    kind: 'choice',
    questions: ['invoice_conversion'],
    value: 'yes',
    when: [
      /免税事業者(?:から|を辞めて|をやめて)[^。]{0,20}(?:インボイス|適格請求書|課税事業者|転換|登録)/,
      /免税事業者(?:です|で|なので|なんですが|ですが|だが|だけど)[^。]{0,12}(?:インボイス|適格請求書)(?:発行事業者)?(?:に|の|へ)?(?:登録|転換)(?:する|します|した|しました|済|予定|を予定|つもり)/,
      /(?:インボイス|適格請求書)(?:発行)?(?:事業者)?(?:に|へ|への)?転換(?:済|した|しました|する|します|予定|を予定|している|しています)/,
    ],
    unless: [/(?:転換|登録|課税事業者に)(?:は|も)?(?:する|の)?(?:予定|つもり)?(?:は|も|が)?(?:しない|しません|ない|なし|ありません)|(?:転換|登録)(?:したい|を検討|を考え|すべき|した方が|するかどうか)/],
  },
  {
    kind: 'choice',
    questions: ['invoice_conversion'],
    value: 'no',
    when: [
      /インボイス(?:は|とは|には|も)?(?:関係(?:ない|なし|ありません|がない|がありません|はない|はありません)|無関係|該当しない|該当しません)/,
      /(?:転換|インボイス(?:の)?登録|適格請求書発行事業者(?:の|への)?登録)(?:は|も)?(?:する|の)?(?:予定|つもり)?(?:は|も|が)?(?:しない|しません|ない|なし|ありません)/,
      /免税事業者のまま/,
    ],
    unless: [/(?:しない|ない)(?:場合|なら|と|ときは|時は)/],
  },
  {
    kind: 'choice',
    questions: ['invoice_conversion'],
    value: 'no',
    when: [/(?:もともと|元々|以前から|前から|既に|すでに)?課税事業者(?:です|でした|だ|なので|であり|で(?![はもす]))/],
    // 「免税事業者から課税事業者になった」 is a conversion.
    unless: [/免税事業者/],
  },

  // 能登半島地震の被害: the business's own buildings or equipment were damaged (直接被害).
  {
    kind: 'choice',
    questions: ['ishikawa_noto_damage'],
    value: 'direct',
    when: [/(?:地震|震災|能登)[^。]{0,15}(?:全壊|半壊|損壊|倒壊|壊れ|被害を受け|被災|浸水)/, /(?:建物|店舗|工場|事業所|設備)[^。]{0,6}(?:全壊|半壊|損壊|倒壊|壊れ)/, /罹災証明/],
    unless: [/被害(?:は|も)?(?:ない|なし|ありません|受けていない|受けていません)|取引先が|間接/],
  },
  {
    kind: 'choice',
    questions: ['ishikawa_noto_damage'],
    value: 'none',
    when: [/(?:地震|震災)(?:の|による|で)?被害(?:は|も)?(?:ない|なし|ありません|受けていない|受けていません)/],
  },

  // 高岡 創業: 移住者・女性・40歳未満 (any one is enough).
  {
    kind: 'choice',
    questions: ['takaoka_founder_priority'],
    value: 'yes',
    when: [/女性(?:です|で|の|経営者|起業|創業)/, /(?<![\d])(?:1[89]|2\d|3\d)歳/, /移住(?:して|した|しました|者|予定)/, /40歳未満/],
    unless: [/(?:女性|移住)(?:では|じゃ)(?:ない|ありません)/],
  },

  // 直近の決算が赤字.
  {
    kind: 'choice',
    questions: ['deficit'],
    value: 'yes',
    when: [/赤字(?:です|でした|だった|だ(?!と|ったら|けで|けが)|決算|経営|が続|続き|に転落|になりました|になった|になってしまい|なので|のため|で(?![はもすの])|[。、,!]|$)/],
    unless: [/赤字(?:では|じゃ)(?:ない|なく|ありません)|赤字(?:になりそう|になるかも|かもしれ|の場合|なら|だったら|でも)|赤字を?(?:脱却|解消|回避)|赤字にならない/],
  },
  {
    kind: 'choice',
    questions: ['deficit'],
    value: 'no',
    when: [/黒字(?:です|でした|だった|だ(?!と|ったら|けで|けが)|決算|経営|が続|続き|なので|のため|で(?![はもすの])|[。、,!]|$)/, /赤字(?:では|じゃ)(?:ない|なく|ありません|なかった)/],
    unless: [/黒字(?:では|じゃ)(?:ない|なく|ありません)|黒字化|黒字に(?:したい|なりたい|転換)|黒字(?:の場合|なら|でも)/],
  },

  // 法人・個人事業主.
  {
    kind: 'choice',
    questions: ['corporation'],
    value: 'corporation',
    when: [
      /株式会社|有限会社|合同会社|合資会社|合名会社|\((?:株|有)\)|(?:社団|財団|NPO|医療|社会福祉|学校)法人/i,
      /法人(?:です|でした|だ(?!と|ったら|けで|けが)|で(?![はもすの])|として|格|経営|化済|化しています|化しました|化した|成りしました|成りした|なので)/,
    ],
    unless: [
      /(?:会社|法人)(?:を|の)?(?:設立|立ち上げ|作り)(?:たい|予定|を予定|する予定|を検討|を考え)|法人(?:化|成り)(?:したい|を検討|予定|を考え|する予定)/,
      /(?:株式会社|合同会社|法人)(?:でも|は対象|は使え|は申請|も対象|の場合|なら)/,
    ],
  },
  {
    kind: 'choice',
    questions: ['corporation'],
    value: 'individual',
    when: [/個人事業(?:主|者)?|個人経営|個人商店|フリーランス|自営業|個人で(?:やって|営|経営|事業|商売|開業|店|お店|して|働|活動|運営|仕事|創業|起業)/],
    unless: [/(?:個人事業主|個人事業者|個人事業|個人|フリーランス|自営業)(?:でも|は対象|は使え|は申請|も対象|の場合|なら)|個人事業主?(?:から|を辞め|をやめ)/],
  },

  // 高岡: the overseas exhibition is in the US Midwest or Taipei.
  {
    kind: 'choice',
    questions: ['takaoka_expo_us_midwest_taipei'],
    value: 'yes',
    when: [/台北|台湾|シカゴ|米国中西部|アメリカ中西部/],
    requires: [/展示会|見本市|出展|トレードショー|メッセ|商談会|エキスポ|expo|フェア|博覧会/i],
    unless: [/(?:台北|台湾|シカゴ|中西部)(?:以外|ではない|じゃない|ではありません)/],
  },

  // 金沢: a place of business in the city for a year or more.
  {
    kind: 'choice',
    questions: ['kanazawa_one_year'],
    value: 'yes',
    requires: [/金沢/],
    when: [
      new RegExp(`${YEARS}(?:以上|近く|ほど|くらい|ぐらい)?(?:やって|営業|続け|経営|営ん|になり|になる|目|経ち|経っ|たち|たっ|です|以上)`),
      new RegExp(`(?:創業|設立|開業|営業)(?:して|から)?${YEARS}`),
      /(?:明治|大正|昭和|平成)[^。、]{0,5}(?:創業|設立|開業)|(?:創業|設立|開業)(?:は)?(?:明治|大正|昭和|平成)/,
    ],
    unless: [/年(?:未満|以内|足らず|たって(?:い)?ない|経って(?:い)?ない|にな(?:ら|って(?:い)?)ない|に満たない)|(?<![\d一二三四五六七八九十])半年/],
  },
  {
    kind: 'choice',
    questions: ['kanazawa_one_year'],
    value: 'no',
    requires: [/金沢/],
    when: [
      /(?:先月|今月|先週|今週|最近|昨日|先日|半年前|[1-9]\d?(?:か|ヶ|ケ|カ|箇)月前|数(?:か|ヶ|ケ|カ)月前)(?:に)?[^。]{0,12}(?:移転|引っ越|移って|移りました|進出|開業|出店|創業|設立|来た|来ました)/,
      /(?:これから|今度|来月|来年|近々|今後)[^。]{0,12}(?:創業|開業|移転|出店|進出|設立)/,
      /(?:創業|開業|設立)(?:の)?(?:予定|準備中|したばかり|して間もない|直後)/,
    ],
  },

  // 賃上げ: the three programs ask the same thing in different sizes.
  {
    kind: 'choice',
    questions: WAGE_HIKE_QUESTIONS,
    value: 'yes',
    when: [
      new RegExp(`${RAISE}(?:を|も)?(?:する|します|予定|実施|行う|行います|に取り組|計画|決定|決めて|確定)`),
      /(?:賃金|時給|給与|給料|最低賃金)を[^。、]{0,10}引き?上げ(?:る|ます|予定)/,
    ],
    unless: [new RegExp(`(?:${RAISE}|引き?上げ)[^。、]{0,10}(?:ない|ません|難しい|厳しい|無理|たい|検討|考え|かどうか|場合|たら|れば|なら)`)],
  },
  {
    kind: 'choice',
    questions: WAGE_HIKE_QUESTIONS,
    value: 'no',
    when: [new RegExp(`${RAISE}(?:は|を|の|も)?(?:する|行う)?(?:予定|計画|つもり)?(?:は|も|が)?${NEGATED}`)],
    unless: [/(?:しない|できない|ない)(?:場合|なら|と|ときは|時は)/],
  },

  // Amounts the amount rules need apart from the total expense.
  { kind: 'yen', questions: ['hitachinaka_personnel_cost_yen'], label: /人件費/, none: /人件費(?:は|が)?(?:なし|無し|ない(?!場合)|ありません|かからない|かかりません|ゼロ)/ },
  { kind: 'yen', questions: ['kanazawa_outsourcing_yen'], label: /外注加工費?/, none: /外注加工費?(?:は|が)?(?:なし|無し|ない(?!場合)|ありません|ゼロ)/ },

  // How many people take the test or course (not how many the business employs).
  {
    kind: 'count',
    questions: ['persons'],
    near: /受検|受験|受講|参加|研修|講習|対象|合格|検定|資格取得|受けさせ|受けます|受ける|行かせ|通わせ|派遣|出席/,
    not: /従業員|社員は|社員が|社員数|スタッフ|常時|従業者|職員|パート|アルバイト|在籍|雇用|規模|体制|会社|企業|事業所/,
  },
];

/** Particles and filler allowed between a label and its amount: 「人件費は」「人件費として約」. */
const PARTICLES = String.raw`(?:は|が|も|を|に|で|:|=|として|合計|総額|の額|額|分|相当|約|およそ|だけで|のみで?|税込み?|税抜き?)*`;

/** Clause boundaries for counts: 、。!? and a comma that does not separate digits. */
const CLAUSE_BOUNDARY = /[、。!?\n]|,(?!\d)|(?<!\d),/g;
const COUNT_RE = /(?<![\d.〇一二三四五六七八九十百千])(\d+|[〇一二三四五六七八九十百千]+)(?:人|名)/g;
/** Not a count of the people concerned: 「1人3万円」「1人あたり」「5人以上」「3〜5人」. */
const COUNT_SKIP_AFTER = /^(?:あたり|当たり|当り|につき|ごと|毎|ずつ|以上|以下|未満|超|から|\d|[一二三四五六七八九十百千]+万)/;
const COUNT_SKIP_BEFORE = /(?:[〜~\-ー]|から)$/;

/** 「赤字ですか」「関係ないのですか」「人件費は?」: asked, not stated. */
function askedAfter(rest: string): boolean {
  return /^(?:の|ん)?(?:です|ます|でしょう|ません|でした)?か(?![らなもりわ])|^[^。、!]{0,6}\?/.test(rest);
}

function global(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
}

/** Some match of `re` in `text` that is not asked as a question. */
function stated(re: RegExp, text: string): boolean {
  for (const m of text.matchAll(global(re))) if (!askedAfter(text.slice(m.index + m[0].length))) return true;
  return false;
}

function choiceValue(rule: ChoiceFactRule, text: string): string | undefined {
  if (rule.requires && !rule.requires.every((re) => re.test(text))) return undefined;
  if (rule.unless?.some((re) => re.test(text))) return undefined;
  return rule.when.some((re) => stated(re, text)) ? rule.value : undefined;
}

function yenValues(rule: YenFactRule, text: string): number[] {
  const values: number[] = [];
  const labelled = new RegExp(`(?:${rule.label.source})${PARTICLES}$`);
  let cursor = 0;
  for (const amount of parseAmounts(text)) {
    const start = text.indexOf(amount.match, cursor);
    if (start < 0) continue;
    if (labelled.test(text.slice(cursor, start))) values.push(amount.yen);
    cursor = start + amount.match.length;
  }
  if (rule.none && stated(rule.none, text)) values.push(0);
  return values;
}

function countValues(rule: CountFactRule, text: string): number[] {
  const bounds = [...text.matchAll(CLAUSE_BOUNDARY)].map((m) => m.index);
  const counts = [...text.matchAll(COUNT_RE)];
  const values: number[] = [];
  counts.forEach((m, i) => {
    const start = m.index;
    const end = start + m[0].length;
    const clauseStart = Math.max(-1, ...bounds.filter((b) => b < start)) + 1;
    const clauseEnd = Math.min(text.length, ...bounds.filter((b) => b >= end));
    const previous = counts[i - 1];
    const before = text.slice(Math.max(clauseStart, previous ? previous.index + previous[0].length : 0), start);
    const after = text.slice(end, Math.min(clauseEnd, counts[i + 1]?.index ?? text.length));
    if (COUNT_SKIP_AFTER.test(after) || COUNT_SKIP_BEFORE.test(before)) return;
    const near = rule.near.test(before) || rule.near.test(after);
    const not = rule.not.test(before) || rule.not.test(after);
    if (!near || not) return;
    const n = parseCount(m[0]);
    if (n !== undefined && Number.isInteger(n) && n > 0) values.push(n);
  });
  return values;
}

function valuesOf(rule: FactRule, text: string): (string | number)[] {
  switch (rule.kind) {
    case 'choice': {
      const v = choiceValue(rule, text);
      return v === undefined ? [] : [v];
    }
    case 'yen':
      return yenValues(rule, text);
    case 'count':
      return countValues(rule, text);
  }
}

/** Answers to follow-up questions (question id → answer value) that a free-text message states. */
export function parseFacts(k: Knowledge, text: string): Record<string, string | number> {
  try {
    return facts(k, text);
  } catch {
    return {};
  }
}

function facts(k: Knowledge, input: string): Record<string, string | number> {
  const text = String(input ?? '').slice(0, MAX_CHARS).normalize('NFKC').replace(/\s+/g, '');
  const known = new Set(k.questions.map((q) => q.id));
  const found = new Map<string, Set<string | number>>();
  for (const rule of FACT_RULES) {
    const values = valuesOf(rule, text);
    if (values.length === 0) continue;
    for (const question of rule.questions) {
      if (!known.has(question)) continue;
      const set = found.get(question) ?? new Set();
      for (const v of values) set.add(v);
      found.set(question, set);
    }
  }
  const out: Record<string, string | number> = {};
  // Two different answers to one question: the message is not clear, so none.
  for (const [question, values] of found) if (values.size === 1) out[question] = [...values][0]!;
  return out;
}
