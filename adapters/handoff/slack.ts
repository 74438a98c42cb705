// The advisors' side of a case in Slack (issue 16), on Workers: 「担当する」 (the first
// press wins; a later one is told who has it), 「対応済み」, and replies in the case's
// thread, which reach the owner when they come from the advisor who has the case.
// Other replies stay in Slack (internal notes), and the writer is told so.
import type { BlockActionsPayload, SlackEventCallback } from '../slack/events';
import { callApi, displayName, respond } from '../slack/send';
import type { Env } from '../../src/env';
import { CASE_CLAIM_ACTION, CASE_CLOSE_ACTION } from './card';
import { caseStub, threadStub } from '../../src/state/case-refs';
import { closeCase, handoffChannels, tellOwner, updateCard } from './desk';

/** The longest advisor reply passed on whole (a LINE text message holds 5,000). */
const MAX_ADVISOR_TEXT = 4_000;

export const isCaseAction = (actionId: string | undefined) => actionId === CASE_CLAIM_ACTION || actionId === CASE_CLOSE_ACTION;

/** Slack's message markup as plain text for the owner: mentions dropped, links kept, entities decoded. */
export function slackToPlain(text: string, names: Record<string, string> = {}): string {
  // A person mentioned is named (the advisor who has the case) or called 担当者; nobody is left as a gap.
  return text
    .replace(/<@([A-Z0-9]+)(\|[^>]*)?>/g, (_m, id: string) => `${names[id] ?? '担当者'}さん`)
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)[^>]*>/g, '')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2（$1）')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/<mailto:([^|>]+)(\|[^>]*)?>/g, '$1')
    // *bold*, _italic_, ~strike~ and :emoji: codes mean nothing on LINE.
    // *bold* wherever it is not arithmetic; _italic_ and ~strike~ only between spaces or punctuation
    // (「資料_2024_最終版.pdf」「月~水」 stay); :emoji: codes start with a letter (「14:00-15:00」 stays).
    .replace(/(^|[^\w*])\*([^*\n]+?)\*(?=$|[^\w*])/g, '$1$2')
    .replace(/(^|[\s(（「、。,.!?！？])([_~])([^_~\n]+?)\2(?=$|[\s)）」、。,.!?！？])/g, '$1$3')
    .replace(/(?<![\w:]):[a-z][a-z0-9_+-]*:(?![\w:])/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/さん\s*さん/g, 'さん')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/** An ephemeral note to the one who pressed (response_url), never to the channel. */
async function tellPresser(payload: BlockActionsPayload, text: string): Promise<void> {
  if (!payload.response_url) return;
  await respond(payload.response_url, { response_type: 'ephemeral', replace_original: false, text, blocks: [] }, { key: 'case' });
}

const GONE_NOTE = '相談者とのトークが終了しているため（データの削除、または30日間ご利用がないため）、相談者には届きませんでした。この相談は終了にしました。';

/** 「担当する」 and 「対応済み」 on a case card. */
export async function handleCaseAction(env: Env, payload: BlockActionsPayload): Promise<void> {
  const action = payload.actions?.[0];
  const caseId = action?.value;
  const user = payload.user;
  if (!action || !caseId || !user) return;
  if (action.action_id === CASE_CLAIM_ACTION) {
    // Named to the owner by their Slack display name (users.info), else their username.
    const name = (await displayName(env, user.id, { key: `case:${caseId}` })) ?? user.name ?? user.username ?? '担当者';
    const r = await caseStub(env, caseId).claim({ id: user.id, name });
    if (r.outcome === 'closed') return tellPresser(payload, 'この相談はすでに対応済みです。');
    if (r.outcome === 'missing') return tellPresser(payload, 'この相談は相談者により取り下げられたため、見つかりませんでした。');
    if (r.outcome === 'held') return tellPresser(payload, `この相談はすでに <@${r.case.advisor!.id}> さんが担当しています。`);
    if (r.outcome === 'mine') return tellPresser(payload, 'この相談はあなたが担当しています。');
    await updateCard(env, r.case);
    const told = await tellOwner(env, r.case.owner, { type: 'claimed', caseId, advisor: name });
    if (told === 'gone') {
      await closeCase(env, caseId, 'gone');
      return tellPresser(payload, GONE_NOTE);
    }
    if (told === 'failed') await tellPresser(payload, '担当になりました。ただし、相談者へのお知らせの送信に失敗しました。スレッドで返信すると相談者に届きます（届かなかった場合はお知らせします）。');
    return;
  }
  const r = await closeCase(env, caseId, 'advisor', user.id);
  if (r.outcome === 'not-open') return tellPresser(payload, 'この相談はすでに対応済みか、取り下げられています。');
  if (r.outcome === 'held') return tellPresser(payload, `対応済みにできるのは、担当の <@${r.case.advisor!.id}> さんだけです。`);
  await tellOwner(env, r.case.owner, { type: 'closed', caseId });
}

/** Whether an event is a reply in a thread of a channel where cases are posted. */
function threadReply(env: Env, payload: SlackEventCallback): { channel: string; thread: string; user: string; text: string; files: boolean } | undefined {
  const e = payload.event;
  // A reply also sent to the channel (thread_broadcast) is a reply; edits, joins and the bot's own posts are not.
  if (e.type !== 'message' || (e.subtype && e.subtype !== 'thread_broadcast' && e.subtype !== 'file_share') || e.bot_id || !e.user || !e.channel || !e.thread_ts || e.thread_ts === e.ts) return undefined;
  if (!handoffChannels(env).has(e.channel)) return undefined;
  return { channel: e.channel, thread: e.thread_ts, user: e.user, text: e.text ?? '', files: e.subtype === 'file_share' };
}

/** A message the writer alone sees, in the thread. */
async function tellWriter(env: Env, r: { channel: string; thread: string; user: string }, text: string): Promise<void> {
  await callApi(env, 'chat.postEphemeral', { channel: r.channel, user: r.user, thread_ts: r.thread, text }, { key: `case-thread:${r.channel}:${r.thread}` });
}

/**
 * A reply in a case's thread: the advisor who has the case reaches the owner; anyone
 * else is told their message stayed in Slack. Returns false when the event is not
 * about a case (the usual handlers take it).
 */
export async function handleCaseThread(env: Env, payload: SlackEventCallback): Promise<boolean> {
  const r = threadReply(env, payload);
  if (!r) return false;
  const pointer = await threadStub(env, r.channel, r.thread).pointee();
  if (!pointer) return false;
  const caseId = pointer.caseId;
  const c = pointer.retired ? undefined : await caseStub(env, caseId).get();
  if (!c) return tellWriter(env, r, 'この相談は相談者により取り下げられたため、このメッセージは相談者に届いていません。').then(() => true);
  if (c.status === 'closed') return tellWriter(env, r, 'この相談は対応済みのため、このメッセージは相談者に届いていません。').then(() => true);
  if (!c.advisor) return tellWriter(env, r, '相談者に届けるには、先にカードの「担当する」を押してください。このメッセージは相談者に届いていません。').then(() => true);
  if (c.advisor.id !== r.user) return tellWriter(env, r, `相談者に届くのは担当の <@${c.advisor.id}> さんの返信だけです。このメッセージは届いていません（社内メモとして残ります）。`).then(() => true);
  const plain = slackToPlain(r.text, c.advisor ? { [c.advisor.id]: c.advisor.name } : {});
  // LINE takes 5,000 characters a message: a longer reply is cut, and its writer told.
  const chars = Array.from(plain);
  const cutText = chars.length > MAX_ADVISOR_TEXT ? `${chars.slice(0, MAX_ADVISOR_TEXT).join('')}\n（以下省略）` : plain;
  const text = r.files ? `${cutText}\n（担当者がファイルを添付しましたが、ここではお送りできません。必要な場合は担当者にお尋ねください）`.trim() : cutText;
  if (cutText !== plain) await tellWriter(env, r, `長いメッセージのため、最初の${MAX_ADVISOR_TEXT.toLocaleString('ja-JP')}文字だけを相談者にお送りしました。続きは分けてお送りください。`);
  if (r.files) await tellWriter(env, r, '添付ファイルは相談者に届きません。必要な場合は、内容を文章でお送りいただくか、相談者の連絡先にお送りください。');
  if (text === '') return true;
  const told = await tellOwner(env, c.owner, { type: 'message', caseId, advisor: c.advisor.name, text }, payload.event_id ? `case-reply:${payload.event_id}` : undefined);
  if (told === 'delivered') await caseStub(env, caseId).touch();
  if (told === 'gone') {
    await closeCase(env, caseId, 'gone');
    await tellWriter(env, r, GONE_NOTE);
  } else if (told === 'failed') await tellWriter(env, r, '申し訳ありません。このメッセージを相談者に送れませんでした。少し時間をおいて、もう一度お送りください。');
  return true;
}
