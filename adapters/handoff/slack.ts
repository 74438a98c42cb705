// The advisors' side of a case in Slack (issue 16), on Workers: 「担当する」 (the first
// press wins; a later one is told who has it), 「対応済み」, and replies in the case's
// thread, which reach the owner when they come from the advisor who has the case.
// Other replies stay in Slack (internal notes), and the writer is told so.
import type { BlockActionsPayload, SlackEventCallback } from '../slack/events';
import { callApi, respond } from '../slack/send';
import type { Env } from '../../src/env';
import { CASE_CLAIM_ACTION, CASE_CLOSE_ACTION } from './card';
import { caseStub, threadStub } from './refs';
import { closeCase, handoffChannels, tellOwner, updateCard } from './desk';

export const isCaseAction = (actionId: string | undefined) => actionId === CASE_CLAIM_ACTION || actionId === CASE_CLOSE_ACTION;

/** Slack's message markup as plain text for the owner: mentions dropped, links kept, entities decoded. */
export function slackToPlain(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, '')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)[^>]*>/g, '')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2（$1）')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/<mailto:([^|>]+)(\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** An ephemeral note to the one who pressed (response_url), never to the channel. */
async function tellPresser(payload: BlockActionsPayload, text: string): Promise<void> {
  if (!payload.response_url) return;
  await respond(payload.response_url, { response_type: 'ephemeral', replace_original: false, text, blocks: [] }, { key: 'case' });
}

/** 「担当する」 and 「対応済み」 on a case card. */
export async function handleCaseAction(env: Env, payload: BlockActionsPayload): Promise<void> {
  const action = payload.actions?.[0];
  const caseId = action?.value;
  const user = payload.user;
  if (!action || !caseId || !user) return;
  const stub = caseStub(env, caseId);
  if (action.action_id === CASE_CLAIM_ACTION) {
    const name = user.name ?? user.username ?? '担当者';
    const r = await stub.claim({ id: user.id, name });
    if (r.outcome === 'missing' || r.outcome === 'closed') return tellPresser(payload, 'この相談は対応済みか、相談者により取り下げられました。');
    if (r.outcome === 'held') return tellPresser(payload, `この相談はすでに <@${r.case.advisor!.id}> さんが担当しています。`);
    if (r.outcome === 'mine') return tellPresser(payload, 'この相談はあなたが担当しています。');
    await updateCard(env, r.case);
    const told = await tellOwner(env, r.case.owner, { type: 'claimed', advisor: name });
    if (!told) await tellPresser(payload, '担当になりました。ただし、相談者へのお知らせを送れませんでした。スレッドの返信はあらためて送られます。');
    return;
  }
  const c = await stub.get();
  if (!c || c.status === 'closed') return tellPresser(payload, 'この相談はすでに対応済みか、取り下げられています。');
  if (c.advisor && c.advisor.id !== user.id) return tellPresser(payload, `対応済みにできるのは、担当の <@${c.advisor.id}> さんだけです。`);
  const closed = await closeCase(env, caseId, 'advisor', user.id);
  if (closed) await tellOwner(env, closed.owner, { type: 'closed' });
}

/** Whether an event is a reply in a thread of a channel where cases are posted. */
function threadReply(env: Env, payload: SlackEventCallback): { channel: string; thread: string; user: string; text: string } | undefined {
  const e = payload.event;
  if (e.type !== 'message' || e.subtype || e.bot_id || !e.user || !e.channel || !e.thread_ts || e.thread_ts === e.ts) return undefined;
  if (!handoffChannels(env).has(e.channel)) return undefined;
  return { channel: e.channel, thread: e.thread_ts, user: e.user, text: e.text ?? '' };
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
  const caseId = await threadStub(env, r.channel, r.thread).pointee();
  if (!caseId) return false;
  const c = await caseStub(env, caseId).get();
  if (!c) return true;
  if (c.status === 'closed') return tellWriter(env, r, 'この相談は対応済みのため、このメッセージは相談者に届いていません。').then(() => true);
  if (!c.advisor) return tellWriter(env, r, '相談者に届けるには、先にカードの「担当する」を押してください。このメッセージは相談者に届いていません。').then(() => true);
  if (c.advisor.id !== r.user) return tellWriter(env, r, `相談者に届くのは担当の <@${c.advisor.id}> さんの返信だけです。このメッセージは届いていません（社内メモとして残ります）。`).then(() => true);
  const text = slackToPlain(r.text);
  if (text === '') return true;
  const told = await tellOwner(env, c.owner, { type: 'message', advisor: c.advisor.name, text }, payload.event_id ? `case-reply:${payload.event_id}` : undefined);
  if (!told) await tellWriter(env, r, '申し訳ありません。このメッセージを相談者に送れませんでした。少し時間をおいて、もう一度お送りください。');
  return true;
}
