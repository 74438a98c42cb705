// Slack payloads → dialogue turns and conversation keys. Shapes follow Slack's
// Events API (event_callback with app_mention / message.im), slash commands and
// block_actions interaction payloads.
import type { TurnInput } from '../../src/dialogue/types';

export interface SlackMessageEvent {
  type: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  channel?: string;
  channel_type?: string;
}

export interface SlackEventCallback {
  type: 'event_callback';
  team_id?: string;
  event_id?: string;
  event: SlackMessageEvent;
}

export interface SlackEventTarget {
  /** Conversation key parts: team, channel, thread (mentions) or user (DMs). */
  key: string[];
  channel: string;
  /** Reply in this thread (mentions); DMs answer in the channel. */
  threadTs?: string;
  input: TurnInput;
}

/** Removes the bot mention (<@U123ABC>) from a message. */
export function stripMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, '').trim();
}

/** Decides what an event means; undefined for what the bot must ignore (its own messages, edits, …). */
export function eventTarget(body: SlackEventCallback): SlackEventTarget | undefined {
  const e = body.event;
  if (!e || e.bot_id || e.subtype || !e.user || !e.channel) return undefined;
  const team = body.team_id ?? 'team';
  const text = stripMentions(e.text ?? '');
  const input: TurnInput = text === '' ? { kind: 'start' } : { kind: 'text', text };
  if (e.type === 'app_mention') {
    const thread = e.thread_ts ?? e.ts ?? '';
    return { key: [team, e.channel, thread], channel: e.channel, threadTs: thread, input };
  }
  if (e.type === 'message' && e.channel_type === 'im') return { key: [team, 'im', e.user], channel: e.channel, input };
  return undefined;
}

export interface SlashCommand {
  team_id?: string;
  channel_id?: string;
  user_id?: string;
  command?: string;
  text?: string;
  response_url?: string;
  ssl_check?: string;
}

export interface BlockActionsPayload {
  type: 'block_actions';
  team?: { id: string };
  user?: { id: string };
  channel?: { id: string };
  container?: { channel_id?: string; thread_ts?: string; message_ts?: string; is_ephemeral?: boolean };
  message?: { ts?: string; thread_ts?: string };
  response_url?: string;
  actions?: { action_id?: string; value?: string; type?: string }[];
  /** Private metadata we put in button values travels in actions[].value only. */
}

/** Slash commands keep one conversation per user and channel. */
export const commandKey = (c: SlashCommand) => [c.team_id ?? 'team', c.channel_id ?? 'channel', c.user_id ?? 'user', 'command'];

/**
 * Button presses continue the conversation they belong to: in a thread (mention),
 * in a DM, or the slash-command conversation (ephemeral messages carry no thread).
 */
export function actionKey(p: BlockActionsPayload): string[] {
  const team = p.team?.id ?? 'team';
  const channel = p.channel?.id ?? p.container?.channel_id ?? 'channel';
  const user = p.user?.id ?? 'user';
  if (p.container?.is_ephemeral) return [team, channel, user, 'command'];
  if (channel.startsWith('D')) return [team, 'im', user];
  const thread = p.container?.thread_ts ?? p.message?.thread_ts ?? p.container?.message_ts ?? p.message?.ts ?? '';
  return [team, channel, thread];
}
