// Slack payloads → dialogue turns and conversation keys. Shapes follow Slack's
// Events API (event_callback with app_mention / message.im), slash commands and
// block_actions interaction payloads.
import * as z from 'zod/mini';
import type { TurnInput } from '../../src/dialogue/types';

const id = () => z.string().check(z.minLength(1), z.maxLength(100));

// Schemas of the fields we read (zod/mini, unknown keys dropped). A signed payload that
// does not fit is logged and answered 200 without a turn, never a 500.
const SlackMessageEventSchema = z.object({
  type: z.string().check(z.maxLength(50)),
  subtype: z.optional(z.string()),
  user: z.optional(id()),
  bot_id: z.optional(z.string()),
  text: z.optional(z.string().check(z.maxLength(40_000))),
  ts: z.optional(id()),
  thread_ts: z.optional(id()),
  channel: z.optional(id()),
  channel_type: z.optional(z.string()),
  /** app_home_opened: 'home' or 'messages'. */
  tab: z.optional(z.string().check(z.maxLength(50))),
});

export const SlackEventCallbackSchema = z.object({
  type: z.literal('event_callback'),
  team_id: z.optional(id()),
  event_id: z.optional(id()),
  event: SlackMessageEventSchema,
});

export const UrlVerificationSchema = z.object({ type: z.literal('url_verification'), challenge: z.string().check(z.maxLength(200)) });

export type SlackMessageEvent = z.infer<typeof SlackMessageEventSchema>;
export type SlackEventCallback = z.infer<typeof SlackEventCallbackSchema>;

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

export const BlockActionsSchema = z.object({
  type: z.literal('block_actions'),
  team: z.optional(z.object({ id: id() })),
  // name/username: how the advisor who takes a case is named to the owner.
  user: z.optional(z.object({ id: id(), name: z.optional(z.string().check(z.maxLength(100))), username: z.optional(z.string().check(z.maxLength(100))) })),
  channel: z.optional(z.object({ id: id() })),
  container: z.optional(
    z.object({
      channel_id: z.optional(id()),
      thread_ts: z.optional(id()),
      message_ts: z.optional(id()),
      is_ephemeral: z.optional(z.boolean()),
    }),
  ),
  // The pressed message (absent for ephemeral messages): its blocks, to retire its buttons.
  message: z.optional(
    z.object({
      ts: z.optional(id()),
      thread_ts: z.optional(id()),
      text: z.optional(z.string().check(z.maxLength(40_000))),
      blocks: z.optional(z.array(z.looseObject({ type: z.string().check(z.maxLength(50)) })).check(z.maxLength(50))),
    }),
  ),
  response_url: z.optional(z.string().check(z.maxLength(500))),
  actions: z.optional(
    z.array(
      z.object({
        action_id: z.optional(z.string()),
        value: z.optional(z.string().check(z.maxLength(2_000))),
        type: z.optional(z.string()),
        text: z.optional(z.object({ text: z.string().check(z.maxLength(2_000)) })),
      }),
    ),
  ),
});

/** A message shortcut (type message_action): the selected message and where it is. */
export const MessageShortcutSchema = z.object({
  type: z.literal('message_action'),
  callback_id: z.string().check(z.maxLength(255)),
  team: z.optional(z.object({ id: id() })),
  user: z.optional(z.object({ id: id() })),
  channel: z.optional(z.object({ id: id() })),
  message: z.optional(z.object({ text: z.optional(z.string().check(z.maxLength(40_000))), ts: z.optional(id()), thread_ts: z.optional(id()) })),
  response_url: z.optional(z.string().check(z.maxLength(500))),
});
export type MessageShortcutPayload = z.infer<typeof MessageShortcutSchema>;

/** callback_id of the message shortcut 「補助金を調べる」 (manifest.yaml). */
export const LOOKUP_CALLBACK_ID = 'hojo_lookup';

/** A block_actions payload; private metadata we put in button values travels in actions[].value only. */
export type BlockActionsPayload = z.infer<typeof BlockActionsSchema>;

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
