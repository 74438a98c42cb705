// A case as one Block Kit card in the advisors' channel (issue 16): what the owner
// consented to share (conditions, programs with amounts and verdicts, what is 要確認,
// the optional contact), who has it, and 「担当する」「対応済み」. Within Slack's limits
// (≤ 50 blocks, section ≤ 3,000 characters, button text ≤ 75).
import type { ActionsBlock, ContextBlock, KnownBlock } from '@slack/types';
import { clip } from '../text';
import { escape, SLACK_LIMITS } from '../slack/render';
import type { CaseRecord } from './case';
import { programLine } from '../../src/dialogue/answer';
import { japaneseDate } from '../../src/core/reach';

export const CASE_CLAIM_ACTION = 'hojo_case_claim';
export const CASE_CLOSE_ACTION = 'hojo_case_close';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) } });
const context = (text: string): ContextBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) }] });

/** The short reference advisors and owners can quote (the first 8 characters of the id). */
export const caseRef = (id: string) => id.slice(0, 8);

function statusLine(c: Pick<CaseRecord, 'status' | 'advisor' | 'closedBy' | 'closedById'>): string {
  if (c.status === 'open') return ':large_orange_circle: *未対応*：「担当する」を押した方が担当になります。';
  if (c.status === 'claimed') return `:large_blue_circle: *対応中*：担当 <@${c.advisor?.id ?? ''}>`;
  const who = c.advisor ? `担当 <@${c.advisor.id}>` : '担当者なし';
  const by = { owner: '相談者が終了しました', advisor: c.advisor ? '担当者が終了しました' : `<@${c.closedById ?? ''}> さんが終了しました`, gone: '相談者とのトークが終了していました', idle: '90日間やり取りがなかったため自動で終了しました' }[c.closedBy ?? 'advisor'];
  return `:white_check_mark: *対応済み*：${who}（${by}）`;
}

export function caseCard(c: Pick<CaseRecord, 'id' | 'draft' | 'status' | 'advisor' | 'closedBy' | 'closedById'>): { text: string; blocks: KnownBlock[] } {
  const d = c.draft;
  const place = d.conditions.find((x) => x.label === '所在地')?.value ?? '';
  const conditions = d.conditions.map((x) => `${escape(x.label)}：${escape(x.value)}`).join('\n');
  const programs = d.programs.map((p, i) => {
    const checks = p.checks.map((x) => `\n　要確認：${escape(x)}`).join('');
    return `${i + 1}. *${escape(programLine(p.name, p.track))}* ${escape(p.verdict)}・${escape(p.amount)}・${escape(p.status)}${checks}`;
  });
  const contact =
    d.contact.name || d.contact.phone
      ? `*連絡先（相談者が入力・共有に同意）*\nお名前：${escape(d.contact.name ?? '（なし）')}\n電話番号：${escape(d.contact.phone ?? '（なし）')}`
      : '*連絡先*：共有されていません。このスレッドの返信でやり取りできます。';
  // One section per program (at most 10): nothing the owner was shown is cut by the 3,000-character limit.
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`補助金ナビからの相談 #${caseRef(c.id)}`, 150) } },
    section(`*条件*\n${conditions}`),
    section(`*制度と金額の目安*（${escape(japaneseDate(d.date))}に相談者に表示した内容。資料は${escape(d.asOf ?? '')}時点のもので、最新の公募は要確認）${programs.length > 0 ? '' : '\n（該当する制度なし）'}`),
    ...programs.map(section),
    section(contact),
    context(statusLine(c)),
  ];
  if (c.status !== 'closed') {
    const actions: ActionsBlock = {
      type: 'actions',
      elements: [
        ...(c.status === 'open' ? [{ type: 'button' as const, action_id: CASE_CLAIM_ACTION, text: { type: 'plain_text' as const, text: '担当する' }, style: 'primary' as const, value: c.id }] : []),
        { type: 'button', action_id: CASE_CLOSE_ACTION, text: { type: 'plain_text', text: '対応済み' }, value: c.id },
      ],
    };
    blocks.push(actions);
    blocks.push(context('担当者がこのスレッドに返信すると、相談者のLINE（またはWebチャット）に届きます。担当者以外の返信は届きません（社内のメモにお使いください）。相談者のメッセージもこのスレッドに届きます。'));
  }
  return { text: clip(`補助金ナビからの相談 #${caseRef(c.id)}：${place}`, SLACK_LIMITS.fallbackText), blocks };
}

/** The card after 「データを削除」: nothing about the owner is left on it. */
export function withdrawnCard(id: string): { text: string; blocks: KnownBlock[] } {
  const text = `補助金ナビからの相談 #${caseRef(id)} は、相談者により取り下げられました。内容は削除されています。`;
  return { text, blocks: [section(text)] };
}
