// The one set of Slack handlers, shared by the Workers routes (webhook.ts) and the Bolt
// Socket Mode runner (bolt.ts): a parsed payload → the conversation key, the turn's
// input, where the answer goes and what it says. Each runtime supplies only the
// conversation store and `deliver` (fetch on Workers, Bolt's web client on Node).
//
// - An event (app_mention, message.im) answers in its thread (mentions) or DM;
//   app_home_opened publishes the Home tab.
// - /hojo and the message shortcut 「補助金を調べる」 restart the advisor's command
//   conversation, then read the text as a query; the answer is ephemeral (response_url),
//   and an answer gets 「チャンネルに共有」.
// - A button press continues the conversation it belongs to. On an ephemeral message the
//   answer replaces it (replace_original), headed by the choice; on a channel, thread or
//   DM message the pressed message is updated to show the choice without its buttons
//   (response_url replace_original, or chat.update), and the answer is posted beside it,
//   in the same thread (thread_ts).
// - 「チャンネルに共有」 posts the current answer, without buttons, in the channel.
import type { Block, HomeView, KnownBlock } from '@slack/types';
import { RESTART } from '../../src/dialogue/actions';
import type { Reply, TurnInput } from '../../src/dialogue/types';
import { conversationKey, personKey, runTurn, type ConversationStore, type TurnOptions } from '../../src/state/store';
import { actionKey, commandKey, eventTarget, LOOKUP_CALLBACK_ID, stripMentions, type BlockActionsPayload, type MessageShortcutPayload, type SlackEventCallback, type SlashCommand } from './events';
import { escape, homeView, renderSlack, SHARE_ACTION_ID, SLACK_LIMITS } from './render';

/** A message to send, possibly with blocks passed through from Slack (the pressed message). */
export interface OutgoingMessage {
  text: string;
  blocks: (KnownBlock | Block)[];
}

/** Where an answer goes. */
export type SlackDelivery =
  | { via: 'post'; channel: string; thread_ts?: string; message: OutgoingMessage }
  | { via: 'respond'; url: string; response_type?: 'ephemeral' | 'in_channel'; replace_original: boolean; message: OutgoingMessage }
  | { via: 'update'; channel: string; ts: string; message: OutgoingMessage }
  | { via: 'home'; user: string; view: HomeView };

export interface SlackDeps {
  store: ConversationStore;
  /** YYYY-MM-DD (JST). */
  today: () => string;
  /** Sends one delivery; `key` names the conversation in the log when it is given up. Never throws. */
  deliver: (d: SlackDelivery, key: string) => Promise<void>;
}

/** The immediate answer to /hojo (within Slack's 3 s), before the turn runs. */
export function commandAck(text: string): { response_type: 'ephemeral'; text: string } {
  return { response_type: 'ephemeral', text: `「${escape(text.trim()) || '（条件なし）'}」で調べています…` };
}

/** The query of a message shortcut: the selected message's text, without mentions. */
const MAX_QUERY = 2_000;

const RESULTS: TurnInput = { kind: 'action', action: { type: 'command', command: 'results' } };

const turnOptions = (deps: SlackDeps, person: string, extra: Partial<TurnOptions> = {}): TurnOptions => ({ date: deps.today(), person, ...extra });

/** Events: a mention (answered in its thread), a DM, or the Home tab opened. */
export async function handleEvent(deps: SlackDeps, payload: SlackEventCallback): Promise<void> {
  const e = payload.event;
  const team = payload.team_id ?? 'team';
  if (e.type === 'app_home_opened') {
    if (e.tab === 'home' && e.user) await deps.deliver({ via: 'home', user: e.user, view: homeView() }, conversationKey('slack', team, 'home', e.user));
    return;
  }
  const target = eventTarget(payload);
  if (!target) return;
  const key = conversationKey('slack', ...target.key);
  // A thread is registered to the user of its first event; 「データを削除」 deletes that user's DM,
  // command conversations and threads. The message's ts dates it against a deletion.
  const eventTime = Number(e.ts) * 1000;
  const reply = await runTurn(deps.store, key, target.input, turnOptions(deps, personKey('slack', team, e.user!), { ...(eventTime > 0 ? { eventTime } : {}), ...(payload.event_id ? { eventId: payload.event_id } : {}) }));
  if (reply === 'duplicate') return;
  await deps.deliver({ via: 'post', channel: target.channel, ...(target.threadTs ? { thread_ts: target.threadTs } : {}), message: renderSlack(reply) }, key);
}

/**
 * A one-line query in the advisor's command conversation (/hojo, the message shortcut):
 * start over, then read the text; the answer is ephemeral. `eventId` (the request's
 * signature on Workers) goes with the restart, so an exact replay is dropped there.
 */
async function query(deps: SlackDeps, where: SlashCommand, text: string, responseUrl: string, eventId?: string): Promise<void> {
  const key = conversationKey('slack', ...commandKey(where));
  const person = personKey('slack', where.team_id ?? 'team', where.user_id ?? 'user');
  const first = await runTurn(deps.store, key, text === '' ? { kind: 'start' } : RESTART, turnOptions(deps, person, eventId ? { eventId } : {}));
  if (first === 'duplicate') return;
  const reply = text === '' ? first : await runTurn(deps.store, key, { kind: 'text', text }, turnOptions(deps, person));
  if (reply === 'duplicate') return;
  await deps.deliver({ via: 'respond', url: responseUrl, response_type: 'ephemeral', replace_original: false, message: renderSlack(reply, { share: shareable(reply) }) }, key);
}

/** Only an answer is worth sharing (the share posts the current answer). */
const shareable = (reply: Reply) => reply.kind === 'answer';

/** /hojo [query]: a fresh query, answered only to the advisor. */
export async function handleCommand(deps: SlackDeps, form: SlashCommand, eventId?: string): Promise<void> {
  if (!form.response_url) return;
  await query(deps, form, (form.text ?? '').trim(), form.response_url, eventId);
}

/** The message shortcut 「補助金を調べる」: the selected message's text as a /hojo query. */
export async function handleShortcut(deps: SlackDeps, payload: MessageShortcutPayload, eventId?: string): Promise<void> {
  if (payload.callback_id !== LOOKUP_CALLBACK_ID || !payload.response_url) return;
  const text = stripMentions(payload.message?.text ?? '').slice(0, MAX_QUERY).trim();
  const where: SlashCommand = { ...(payload.team ? { team_id: payload.team.id } : {}), ...(payload.channel ? { channel_id: payload.channel.id } : {}), ...(payload.user ? { user_id: payload.user.id } : {}) };
  await query(deps, where, text, payload.response_url, eventId);
}

/** The pressed message with its buttons retired and the choice shown; undefined when Slack did not send it. */
export function retiredMessage(payload: BlockActionsPayload, chosen: string | undefined): OutgoingMessage | undefined {
  const blocks = payload.message?.blocks;
  if (!blocks) return undefined;
  const kept: (KnownBlock | Block)[] = blocks.filter((b) => b.type !== 'actions').slice(0, SLACK_LIMITS.blocks - 1);
  if (chosen) kept.push({ type: 'context', elements: [{ type: 'mrkdwn', text: chosen }] });
  return { text: payload.message?.text || chosen || '選択しました', blocks: kept };
}

/** A button press (block_actions). */
export async function handleAction(deps: SlackDeps, payload: BlockActionsPayload, eventId?: string): Promise<void> {
  const action = payload.actions?.[0];
  const value = action?.value;
  if (!action || !value) return;
  const user = payload.user?.id ?? 'user';
  const person = personKey('slack', payload.team?.id ?? 'team', user);
  const key = conversationKey('slack', ...actionKey(payload));
  const extra = eventId ? { eventId } : {};
  const ephemeral = payload.container?.is_ephemeral === true;

  if (action.action_id === SHARE_ACTION_ID) {
    if (!payload.response_url) return;
    const reply = await runTurn(deps.store, key, RESULTS, turnOptions(deps, person, extra));
    if (reply === 'duplicate') return;
    const shared = reply.kind === 'answer';
    const message = shared ? renderSlack(reply, { buttons: false, note: `<@${user}> さんが補助金ナビの結果を共有しました。` }) : renderSlack(reply);
    await deps.deliver({ via: 'respond', url: payload.response_url, response_type: shared ? 'in_channel' : 'ephemeral', replace_original: false, message }, key);
    return;
  }

  const reply = await runTurn(deps.store, key, { kind: 'choice', value }, turnOptions(deps, person, extra));
  if (reply === 'duplicate') return;
  const label = action.text?.text;
  const chosen = label ? `<@${user}> さんが「${escape(label)}」を選びました。` : undefined;

  if (ephemeral) {
    // The advisor's own message: the answer takes its place, headed by the choice.
    if (!payload.response_url) return;
    const message = renderSlack(reply, { share: shareable(reply), ...(label ? { note: `「${escape(label)}」を選びました。` } : {}) });
    await deps.deliver({ via: 'respond', url: payload.response_url, response_type: 'ephemeral', replace_original: true, message }, key);
    return;
  }

  // A message in a channel thread or a DM: retire the pressed buttons, then answer beside it.
  const channel = payload.channel?.id ?? payload.container?.channel_id;
  const thread = payload.container?.thread_ts ?? payload.message?.thread_ts;
  const retired = retiredMessage(payload, chosen);
  const pressedTs = payload.container?.message_ts ?? payload.message?.ts;
  if (retired && payload.response_url) await deps.deliver({ via: 'respond', url: payload.response_url, replace_original: true, message: retired }, key);
  else if (retired && channel && pressedTs) await deps.deliver({ via: 'update', channel, ts: pressedTs, message: retired }, key);
  const message = renderSlack(reply);
  if (channel) await deps.deliver({ via: 'post', channel, ...(thread ? { thread_ts: thread } : {}), message }, key);
  else if (payload.response_url) await deps.deliver({ via: 'respond', url: payload.response_url, response_type: 'in_channel', replace_original: false, message }, key);
}
