// Free questions about a program (「IT導入補助金の補助率は？」「持続化補助金の締切は？」
// 「ものづくり補助金とは」), answered from the knowledge base by fuzzy search over
// program names and aliases.
import { amountDoubts, capSummary, rateSummary } from '../core/describe';
import type { Knowledge, Program } from '../core/knowledge/types';
import { newestEdition, type MatchRow } from '../core/match';
import { yen } from '../core/yen';
import { applicationStatus } from '../core/status';
import { normalize } from '../core/taxonomy';

type Aspect = 'amount' | 'deadline' | 'target' | 'overview';

const ASPECTS: [RegExp, Aspect][] = [
  [/(補助率|助成率|上限|金額|いくら|何円|補助額|限度額|金利|利率|自己負担|負担額|持ち出し)/, 'amount'],
  [/(締切|締め切り|しめきり|〆切|〆切り|期限|いつまで|募集期間|受付期間|公募期間|いつから|スケジュール)/, 'deadline'],
  [/(対象者|対象|条件|要件|使える|誰が)/, 'target'],
  [/(とは|って何|ってなに|について|概要|内容|教えて|詳しく)/, 'overview'],
];
const QUESTION = /[?？]|とは|教えて|ですか|ますか|について/;

export function findProgram(k: Knowledge, subject: string): Program | undefined {
  const n = normalize(subject);
  if (n.length < 3) return undefined;
  // Program names and aliases (see buildProgramNames in core/lexicon.ts).
  const hit = k.ix.programNames.search(n)[0];
  if (!hit || (hit.score ?? 1) > 0.3) return undefined;
  return k.ix.programById.get(hit.item.programId);
}

function aspectOf(text: string): Aspect {
  return ASPECTS.find(([re]) => re.test(text))?.[1] ?? 'overview';
}

function subjectOf(text: string): string {
  const cut = text.search(/(の|って|は|で|を)?(補助率|助成率|上限|金額|いくら|補助額|限度額|金利|利率|締切|締め切り|しめきり|期限|いつ|募集|受付|公募|スケジュール|対象|条件|要件|使える|誰が|とは|って何|ってなに|について|概要|内容|教えて|詳しく)/);
  return (cut > 0 ? text.slice(0, cut) : text).replace(/[?？。、\s]/g, '');
}

export function answerFreeQuestion(k: Knowledge, raw: string, date: string): string[] | undefined {
  const text = raw.normalize('NFKC').trim();
  if (text.length > 200 || !QUESTION.test(text) && !ASPECTS.some(([re]) => re.test(text))) return undefined;
  const program = findProgram(k, subjectOf(text));
  if (!program) return undefined;
  const edition = newestEdition(program);
  const aspect = aspectOf(text);
  const head = `【${program.name}】（${program.issuer.name}）`;
  const lines: string[] = [];
  if (aspect === 'amount') {
    for (const t of edition.tracks.slice(0, 8)) {
      if (t.amount) {
        // The same doubts as the track's card: a figure the source leaves open is not stated flatly.
        const doubts = amountDoubts(edition, t);
        lines.push(`・${t.name}：補助率 ${rateSummary(t.amount)}、上限 ${capSummary(t.amount)}${doubts.length > 0 ? `（要確認：${doubts.join(' ')}）` : ''}`);
      } else if (t.benefit?.kind === 'loan') lines.push(`・${t.name}：限度額 ${t.benefit.limit}、金利 ${t.benefit.rate}、期間 ${t.benefit.term}`);
      else if (t.benefit) lines.push(`・${t.name}：${t.benefit.text}`);
    }
    lines.push('条件（所在地・業種・従業員数・経費）を教えていただくと、補助額の目安を計算します。');
  } else if (aspect === 'deadline') {
    const status = applicationStatus(edition.application, date, edition);
    lines.push(`${edition.label}：${status.label}（${status.detail}）`);
    for (const t of edition.tracks) {
      if (!t.application) continue;
      const s = applicationStatus(t.application, date, edition);
      lines.push(`・${t.name}：${s.label}（${s.detail}）`);
    }
    if (status.code === 'closed' || status.code === 'tbd') lines.push('次回の公募は、窓口・公式サイトでご確認ください。');
  } else if (aspect === 'target') {
    const t = program.target ?? {};
    if (t.sizeClasses) lines.push(`規模：${t.sizeClasses.includes('large') ? '大企業も対象' : t.sizeClasses.includes('sme') ? '中小企業者（小規模企業者を含む）' : '小規模事業者'}`);
    if (t.industries?.include) lines.push(`業種：${t.industries.include.map((id) => k.ix.industryById.get(id)?.label ?? id).join('、')}`);
    lines.push(`地域：${program.region ? `${program.region.prefecture}${program.region.municipality ?? ''}` : '全国'}`);
    for (const r of t.requirements ?? []) lines.push(`・${r.label}`);
    for (const c of (t.conditions ?? []).slice(0, 5)) lines.push(`・${c}`);
  } else {
    lines.push(program.summary);
    lines.push(`枠・区分：${edition.tracks.map((t) => t.name).join('、')}`);
    const status = applicationStatus(edition.application, date, edition);
    lines.push(`受付：${status.label}（${status.detail}）`);
  }
  lines.push(`（${edition.label}、${edition.asOf}時点の資料による）`);
  return [`${head}\n${lines.join('\n')}`];
}

/**
 * A question that names no program (「締め切りはいつ？」「自己負担は？」「金利は？」): answered
 * for the programs of the answer shown (their best tracks, as computed), or said to depend
 * on the program. Undefined when the text is not such a question (then it is read as an answer).
 */
export function answerGeneralQuestion(k: Knowledge, raw: string, shownRows: () => MatchRow[]): string[] | undefined {
  const text = raw.normalize('NFKC').trim();
  if (text.length > 200 || !/[?？]$|(いつ|どのくらい|どれくらい|いくら|何|なに|どこ|ですか|ますか|いい)[?？]?$/.test(text)) return undefined;
  if (CONTACT.test(text)) return contacts(k, shownRows());
  const aspect = ASPECTS.find(([re]) => re.test(text))?.[1];
  if (aspect !== 'deadline' && aspect !== 'amount') return undefined;
  const shown = shownRows();
  if (shown.length === 0) {
    return [
      aspect === 'deadline'
        ? '締め切り（受付期間）は制度ごとに異なります。条件を伺ったあと、制度ごとに受付状況（受付中・受付終了など）と期間をお示しします。特定の制度については「持続化補助金の締切は？」のようにお尋ねください。'
        : '補助額・自己負担・金利は制度ごとに異なります。条件を伺ったあと、制度ごとに補助額の目安を計算します。特定の制度については「IT導入補助金の補助率は？」のようにお尋ねください。',
    ];
  }
  const lines = shown.slice(0, 6).map((r) => {
    const name = `${r.programName}（${r.trackName}）`;
    if (aspect === 'deadline') return `・${name}：${r.status.label}（${r.status.detail}）`;
    if (r.amount?.eligible) return `・${name}：補助額の目安 ${yen(r.amount.yen)}、自己負担 ${yen(r.amount.selfPayYen)}`;
    if (r.benefit?.kind === 'loan') return `・${name}：限度額 ${r.benefit.limit}、金利 ${r.benefit.rate}`;
    if (r.amount) return `・${name}：補助の対象外（下限・要件に届きません）`;
    return `・${name}：${r.benefit ? r.benefit.text.slice(0, 60) : '経費が分かると補助額と自己負担を計算します'}`;
  });
  const head =
    aspect === 'deadline'
      ? 'お調べした制度の受付状況です（資料時点の情報です。最新の状況は窓口でご確認ください）。'
      : /金利|利率/.test(text)
        ? 'お調べした制度の金利・補助額です。'
        : 'お調べした制度の補助額・自己負担（税抜の経費からの目安）です。';
  return [`${head}\n${lines.join('\n')}`];
}

const CONTACT = /(どこ|誰|だれ)に(相談|問い合わせ|聞け|聞けば|申し込|申請)|窓口|問い合わせ先|相談先|連絡先/;

/** 「どこに相談すればいい？」: the contacts of the programs shown, or where to start. */
function contacts(k: Knowledge, shown: MatchRow[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const r of shown) {
    const c = k.ix.programById.get(r.programId)?.contacts[0];
    if (!c || seen.has(r.programId)) continue;
    seen.add(r.programId);
    lines.push(`・${r.programName}：${[c.name, c.tel && `TEL ${c.tel}`, c.url].filter(Boolean).join(' ')}`);
    if (lines.length === 5) break;
  }
  const start = 'どの制度が合うか迷うときは、地域の商工会・商工会議所の経営指導員に相談できます。';
  return [lines.length > 0 ? `お調べした制度のお問い合わせ先です。\n${lines.join('\n')}\n${start}` : `${start}条件を伺えば、制度ごとの窓口もお示しします。`];
}
