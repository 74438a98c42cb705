// The answer: program cards with verdict, 補助額の目安 and its working, status and
// source; details and the calculation of one program.
import { capSummary, rateSummary } from '../core/describe';
import { editionChanges } from '../core/editions';
import type { Knowledge, Program } from '../core/knowledge/types';
import type { MatchRow } from '../core/match';
import { yen } from '../core/yen';
import type { CardField, Choice, ProgramCard, Slots } from './types';

/** 「出典：<document title>「<section>」」; the titles are in knowledge/taxonomy/sources.yaml. */
export function sourceText(k: Knowledge, row: Pick<MatchRow, 'source'>): string {
  return `出典：${k.sources[row.source.file]?.title ?? row.source.file}「${row.source.section}」`;
}

function benefitHeadline(row: MatchRow): string {
  const b = row.benefit;
  if (!b) return '補助率・上限をご確認ください';
  if (b.kind === 'loan') return `融資 限度額 ${b.limit}`;
  if (b.kind === 'tax') return `税制 ${b.text}`.slice(0, 60);
  return b.text.slice(0, 60);
}

export function headline(k: Knowledge, row: MatchRow): string {
  if (!row.amount) {
    const track = row.benefit ? null : trackOf(k, row);
    if (track?.amount) return `補助率 ${rateSummary(track.amount)}／上限 ${capSummary(track.amount)}`;
    return benefitHeadline(row);
  }
  if (!row.amount.eligible) return '補助の対象外（下限・要件に届きません）';
  const doubt = row.amount.doubtful ? '（要確認）' : '';
  return `補助額の目安 ${yen(row.amount.yen)}${doubt}`;
}

function trackOf(k: Knowledge, row: MatchRow) {
  const p = k.programs.find((x) => x.id === row.programId);
  return p?.editions.find((e) => e.id === row.edition.id)?.tracks.find((t) => t.id === row.trackId);
}

export function programCard(k: Knowledge, row: MatchRow): ProgramCard {
  const track = trackOf(k, row);
  const fields: CardField[] = [];
  if (track?.amount) {
    fields.push({ label: '補助率', value: rateSummary(track.amount) });
    fields.push({ label: '上限', value: capSummary(track.amount) });
  }
  if (row.amount?.eligible && row.amount.rateLabel !== '定額') fields.push({ label: '自己負担', value: yen(row.amount.selfPayYen) });
  if (row.benefit?.kind === 'loan') {
    fields.push({ label: '金利', value: row.benefit.rate });
    fields.push({ label: '期間', value: row.benefit.term });
  }
  fields.push({ label: '受付', value: `${row.status.label}（${row.status.detail}）` });
  const key = `${row.programId}:${row.trackId}`;
  const actions: Choice[] = [];
  if (row.amount) actions.push({ label: '計算の内訳', value: `c:${key}` });
  actions.push({ label: '詳しく', value: `d:${key}` });
  actions.push({ label: '条件を変える', value: 'cmd:change' });
  return {
    programId: row.programId,
    trackId: row.trackId,
    title: row.programName,
    subtitle: row.trackName,
    issuer: row.issuer,
    verdict: row.verdict,
    verdictLabel: row.verdictLabel,
    headline: headline(k, row),
    fields,
    working: row.amount?.explanation ?? [],
    statusCode: row.status.code,
    statusLabel: row.status.label,
    source: sourceText(k, row),
    actions,
  };
}

export function profileSummary(k: Knowledge, slots: Slots, sizeLabel: string): string {
  const industry = k.industries.find((i) => i.id === slots.industry)?.label ?? '';
  const goals = (slots.goals ?? []).map((g) => k.goals.find((x) => x.id === g)?.label ?? g);
  const parts = [
    `所在地：${slots.prefecture ?? ''}${slots.municipality && slots.municipality !== 'その他' ? slots.municipality : ''}`,
    `業種：${industry}`,
    `従業員：${slots.employees}人（${sizeLabel}）`,
    `目的：${goals.length > 0 ? goals.join('、') : '指定なし'}`,
    `予定経費：${typeof slots.expenseYen === 'number' ? `${yen(slots.expenseYen)}（税抜）` : '未定'}`,
  ];
  return `次の条件で調べました。\n${parts.join('\n')}`;
}

const STATUS_HINT: Record<string, string> = {
  closed: '受付は終了しています。次回の公募は窓口・公式サイトでご確認ください。',
  tbd: '次回の募集時期は未定です。窓口・公式サイトでご確認ください。',
};

function contactText(program: Program): string {
  return program.contacts
    .slice(0, 2)
    .map((c) => [c.name, c.tel && `TEL ${c.tel}`, c.email, c.url].filter(Boolean).join(' '))
    .join('\n');
}

/** 「詳しく」: what the program is, why this verdict, conditions, period, contact, source. */
export function detailText(k: Knowledge, row: MatchRow): string[] {
  const program = k.programs.find((p) => p.id === row.programId)!;
  const reasons = row.reasons.map((r) => `・${r.verdict === 'eligible' ? '○' : r.verdict === 'check' ? '△' : '×'} ${r.text}`);
  const texts = [
    `【${row.programName}】${row.trackName}\n${program.summary}\n判定：${row.verdictLabel}\n${reasons.join('\n')}`,
  ];
  const extra: string[] = [];
  if (row.conditions.length > 0) extra.push(`その他の主な要件：\n${row.conditions.slice(0, 6).map((c) => `・${c}`).join('\n')}`);
  extra.push(`受付：${row.status.label}（${row.status.detail}）${STATUS_HINT[row.status.code] ? `\n${STATUS_HINT[row.status.code]}` : ''}`);
  if (row.benefit) extra.push(benefitText(row));
  const changes = editionChanges(program);
  if (changes) extra.push(`前回（${changes.from.label}）からの主な変更：\n${changes.lines.slice(0, 5).map((l) => `・${l}`).join('\n')}`);
  const contact = contactText(program);
  if (contact) extra.push(`お問い合わせ：\n${contact}`);
  extra.push(`${sourceText(k, row)}（${row.edition.label}、${row.edition.asOf}時点の情報）`);
  texts.push(extra.join('\n\n'));
  return texts;
}

function benefitText(row: MatchRow): string {
  const b = row.benefit!;
  if (b.kind === 'loan')
    return [`融資の内容：`, `限度額 ${b.limit}`, `金利 ${b.rate}`, `期間 ${b.term}`, b.grace && `据置 ${b.grace}`, b.collateral && `保証・担保 ${b.collateral}`, `取扱 ${b.lender}`]
      .filter(Boolean)
      .join('\n');
  return `内容：${b.text}`;
}

/** 「計算の内訳」: the working, the assumptions and what would change it. */
export function calculationText(k: Knowledge, row: MatchRow): string[];
/** @deprecated Pass the knowledge first: without it the source shows as its file name, not its title. */
export function calculationText(row: MatchRow): string[];
export function calculationText(a: Knowledge | MatchRow, b?: MatchRow): string[] {
  const [k, row] = b ? [a as Knowledge, b] : [undefined, a as MatchRow];
  if (!row.amount) return [`${row.programName}（${row.trackName}）は、経費が分かると補助額の目安を計算できます。予定している経費（税抜）を教えてください。`];
  const lines = [`【計算の内訳】${row.programName}（${row.trackName}）`, ...row.amount.explanation];
  if (row.amount.notes.length > 0) lines.push('', ...row.amount.notes.map((n) => `※${n}`));
  lines.push('', '※経費は税抜で計算しています。実際の補助額は審査・確定検査で決まります。', k ? sourceText(k, row) : `出典：${row.source.file}「${row.source.section}」`);
  return [lines.join('\n')];
}
