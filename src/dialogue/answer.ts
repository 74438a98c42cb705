// The answer: program cards with verdict, 補助額の目安 and its working, status and
// source; details and the calculation of one program.
import { capSummary, rateSummary } from '../core/describe';
import { editionChanges } from '../core/editions';
import type { Knowledge, Program } from '../core/knowledge/types';
import type { MatchRow } from '../core/match';
import { asOfText } from '../core/status';
import { yen } from '../core/yen';
import { choice } from './actions';
import { otherTracksLine, reasonLine, type ProgramGroup } from './ranking';
import { specFor } from './slot-specs';
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
  const doubt = amountCaveats(k, row).length > 0 ? '（要確認）' : '';
  return `補助額の目安 ${yen(row.amount.yen)}${doubt}`;
}

/**
 * Why an amount is not firm: a question it rests on is unanswered (the default was
 * used), or the source leaves a point open. Empty when the amount is firm.
 */
export function amountCaveats(k: Knowledge, row: MatchRow): string[] {
  if (!row.amount) return [];
  const out = row.amount.pendingQuestions
    .filter((q) => q !== 'expenseYen')
    .map((id) => {
      const q = k.ix.questionById.get(id);
      return `「${q?.short ?? id}」が未回答のため、${q?.type === 'count' ? '1人分' : '標準の条件'}で計算しています`;
    });
  if (row.amount.doubtful) out.push(...row.amount.notes.filter((n) => /要確認|分からない/.test(n)).map((n) => n.replace(/^要確認：/, '')));
  if (row.amount.doubtful && out.length === 0) out.push('資料で確認できない点があります（「計算の内訳」をご覧ください）');
  return [...new Set(out)];
}

function trackOf(k: Knowledge, row: MatchRow) {
  const p = k.ix.programById.get(row.programId);
  return p?.editions.find((e) => e.id === row.edition.id)?.tracks.find((t) => t.id === row.trackId);
}

/** 「制度名（枠）」, without repeating a track the name already says (「…（カタログ型）（カタログ型）」). */
export const programLine = (name: string, track: string) => (name.includes(track) ? name : `${name}（${track}）`);

/**
 * The card of a program: its best track, why it is shown, and its other tracks on one line.
 * `save`: 「この制度を保存」 (or 「保存を解除」) where the channel offers notices; it takes the
 * place of 「条件を変える」 (also under the answer), so a card has at most 4 buttons.
 */
export function programCard(k: Knowledge, group: ProgramGroup, slots: Slots, save?: Choice): ProgramCard {
  const row = group.best;
  const track = trackOf(k, row);
  const fields: CardField[] = [];
  if (track?.amount) {
    fields.push({ label: '補助率', value: rateSummary(track.amount) });
    fields.push({ label: '上限', value: capSummary(track.amount) });
  }
  if (row.amount?.eligible && row.amount.rateLabel !== '定額') fields.push({ label: '自己負担', value: yen(row.amount.selfPayYen) });
  const caveats = amountCaveats(k, row);
  if (caveats.length > 0) fields.push({ label: '要確認', value: caveats.join('。') });
  if (row.benefit?.kind === 'loan') {
    fields.push({ label: '金利', value: row.benefit.rate });
    fields.push({ label: '期間', value: row.benefit.term });
  }
  fields.push({ label: '受付', value: `${row.status.label}（${row.status.detail}）` });
  const ids = { programId: row.programId, trackId: row.trackId };
  const actions: Choice[] = [];
  const subject = row.programName;
  if (row.amount) actions.push({ ...choice('計算の内訳', { type: 'calc', ...ids }), subject });
  actions.push({ ...choice('詳しく', { type: 'detail', ...ids }), subject });
  if (group.others.length > 0) actions.push({ ...choice(`他の枠（${group.others.length}件）`, { type: 'tracks', programId: row.programId }), subject });
  else if (!save) actions.push(choice('条件を変える', { type: 'command', command: 'change' }));
  if (save) actions.push({ ...save, subject });
  const others = otherTracksLine(group);
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
    // A status known only from the document's wording is not known to be open today: coloured as 未定 (grey).
    statusCode: row.status.asOfWording ? 'tbd' : row.status.code,
    statusLabel: row.status.label,
    source: sourceText(k, row),
    reason: reasonLine(k, row, slots.goals ?? [], slots.goalWords),
    ...(others ? { otherTracks: others } : {}),
    actions,
  };
}

/** The conditions the answer used, one line each (「所在地：石川県金沢市」): every slot, and every follow-up fact stated or answered. */
export function profileLines(k: Knowledge, slots: Slots, sizeLabel: string): string[] {
  const line = (id: string) => specFor(k, id)?.show(k, slots);
  return [
    `所在地：${line('region') ?? ''}`,
    `業種：${line('industry') ?? ''}`,
    `従業員：${slots.employees}人（${sizeLabel}）`,
    ...(slots.capitalYen !== undefined ? [`資本金：${line('capital')}`] : []),
    `目的：${line('goal') ?? '指定なし'}`,
    `予定経費：${line('expense') ?? '未定'}`,
    ...Object.keys(slots.answers).flatMap((q) => {
      const v = line(`q:${q}`);
      return v === undefined ? [] : [`${specFor(k, `q:${q}`)!.name}：${v}`];
    }),
  ];
}

export function profileSummary(k: Knowledge, slots: Slots, sizeLabel: string): string {
  return `次の条件で調べました。\n${profileLines(k, slots, sizeLabel).join('\n')}`;
}

const STATUS_HINT: Record<string, string> = {
  closed: '受付は終了しています。次回の公募は窓口・公式サイトでご確認ください。',
  tbd: '募集の時期は資料からは分かりません。窓口・公式サイトでご確認ください。',
};

function contactText(program: Program): string {
  return program.contacts
    .slice(0, 2)
    .map((c) => [c.name, c.tel && `TEL ${c.tel}`, c.email, c.url].filter(Boolean).join(' '))
    .join('\n');
}

/** 「詳しく」: what the program is, why this verdict, conditions, period, contact, source. */
export function detailText(k: Knowledge, row: MatchRow): string[] {
  const program = k.ix.programById.get(row.programId)!;
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
  const edition = program.editions.find((e) => e.id === row.edition.id) ?? row.edition;
  extra.push(`${sourceText(k, row)}（${row.edition.label}、${asOfText(edition)}時点の情報）`);
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
export function calculationText(k: Knowledge, row: MatchRow): string[] {
  if (!row.amount) return [`${row.programName}（${row.trackName}）は、経費が分かると補助額の目安を計算できます。予定している経費（税抜）を教えてください。`];
  const lines = [`【計算の内訳】${row.programName}（${row.trackName}）`, ...row.amount.explanation];
  if (row.amount.notes.length > 0) lines.push('', ...row.amount.notes.map((n) => `※${n}`));
  lines.push('', '※経費は税抜で計算しています。実際の補助額は審査・確定検査で決まります。', sourceText(k, row));
  return [lines.join('\n')];
}
