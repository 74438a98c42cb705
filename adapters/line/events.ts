// LINE webhook events → dialogue turns. Only the fields we use are typed; the
// shapes follow the Messaging API reference (webhook event objects).
import * as z from 'zod/mini';
import type { TurnInput } from '../../src/dialogue/types';

// Schemas of the fields we read (zod/mini, unknown keys dropped). An event that does not
// fit is logged and skipped: it never reaches the conversation.
const LineSourceSchema = z.object({
  type: z.enum(['user', 'group', 'room']),
  userId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  groupId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  roomId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

export const LineEventSchema = z.object({
  type: z.string().check(z.maxLength(50)),
  mode: z.optional(z.enum(['active', 'standby'])),
  timestamp: z.optional(z.number()),
  webhookEventId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  deliveryContext: z.optional(z.object({ isRedelivery: z.boolean() })),
  replyToken: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  source: z.optional(LineSourceSchema),
  message: z.optional(
    z.object({
      id: z.optional(z.string()),
      type: z.string().check(z.maxLength(50)),
      text: z.optional(z.string().check(z.maxLength(10_000))),
      address: z.optional(z.string().check(z.maxLength(1_000))),
      title: z.optional(z.string().check(z.maxLength(1_000))),
      latitude: z.optional(z.number()),
      longitude: z.optional(z.number()),
      /** Quoting it in the reply shows which member's message is answered (groups). */
      quoteToken: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
      mention: z.optional(
        z.object({
          mentionees: z.array(
            z.object({
              index: z.number(),
              length: z.number(),
              type: z.optional(z.string().check(z.maxLength(20))),
              userId: z.optional(z.string().check(z.maxLength(100))),
              isSelf: z.optional(z.boolean()),
            }),
          ).check(z.maxLength(100)),
        }),
      ),
    }),
  ),
  postback: z.optional(z.object({ data: z.string().check(z.maxLength(1_000)) })),
});

export type LineSource = z.infer<typeof LineSourceSchema>;
export type LineEvent = z.infer<typeof LineEventSchema>;

export interface LineWebhookBody {
  destination?: string;
  /** As received: each is checked with LineEventSchema before use. */
  events: unknown[];
}

/** The event if it has the shape we read, else undefined (logged). */
export function parseLineEvent(raw: unknown): LineEvent | undefined {
  const parsed = LineEventSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  console.error('LINE event skipped: unexpected shape', (raw as { webhookEventId?: unknown } | null)?.webhookEventId ?? '', parsed.error.issues[0]?.path.join('.') ?? '');
  return undefined;
}

export type LineAction =
  | { kind: 'turn'; input: TurnInput }
  | { kind: 'forget' }
  /** The bot joined a group or room: greet it, with how to call the bot. */
  | { kind: 'join' }
  /** The bot left (or was removed from) a group or room: forget its conversations. */
  | { kind: 'leave' }
  | { kind: 'ignore' };

const UNSUPPORTED: Record<string, TurnInput & { kind: 'unsupported' }> = {
  sticker: { kind: 'unsupported', what: 'sticker' },
  image: { kind: 'unsupported', what: 'image' },
  video: { kind: 'unsupported', what: 'video' },
  audio: { kind: 'unsupported', what: 'audio' },
  file: { kind: 'unsupported', what: 'file' },
};

/** Words that call the bot in a group or room when they start a message (stated in the join greeting). */
export const GROUP_KEYWORDS = ['補助金ナビ', '補助金', 'ほじょきん', 'ホジョキン'] as const;

/** What the bot says when it joins a group or room. */
export const JOIN_GREETING =
  'こんにちは。補助金ナビです。グループに招待いただきありがとうございます。\n' +
  'このトークでは、私へのメンション（@補助金ナビ）か、「補助金」「ほじょきん」で始まるメッセージにだけお答えします。それ以外の会話には反応しません。\n' +
  '例：「補助金 金沢市で製造業、従業員8人、展示会に出たい」\n' +
  '入力いただいた条件はメンバーごとに別々に扱います。';

const isGroup = (event: LineEvent) => event.source?.type === 'group' || event.source?.type === 'room';

/**
 * The text addressed to the bot in a group or room, or undefined when the message is not for it:
 * the bot is mentioned (`isSelf`; the mention text is removed) or the message starts with a keyword.
 */
export function addressedText(text: string, mentionees: { index: number; length: number; isSelf?: boolean | undefined }[] = []): string | undefined {
  const self = mentionees.filter((m) => m.isSelf === true);
  if (self.length > 0) {
    let out = text;
    // Remove from the end so that earlier indexes (UTF-16 units) stay valid.
    for (const m of [...self].sort((a, b) => b.index - a.index)) out = out.slice(0, Math.max(0, m.index)) + out.slice(Math.max(0, m.index + m.length));
    return out.replace(/^[\s、,：:]+/, '').trim();
  }
  const trimmed = text.normalize('NFKC').trimStart();
  const keyword = GROUP_KEYWORDS.find((k) => trimmed.startsWith(k.normalize('NFKC')));
  if (!keyword) return undefined;
  return trimmed.slice(keyword.normalize('NFKC').length).replace(/^[\s、,：:。]+/, '').trim();
}

export function actionOf(event: LineEvent): LineAction {
  if (event.mode === 'standby') return { kind: 'ignore' };
  const group = isGroup(event);
  switch (event.type) {
    case 'follow':
      return group ? { kind: 'ignore' } : { kind: 'turn', input: { kind: 'start' } };
    case 'unfollow':
      return group ? { kind: 'ignore' } : { kind: 'forget' };
    case 'join':
      return group ? { kind: 'join' } : { kind: 'ignore' };
    case 'leave':
      return group ? { kind: 'leave' } : { kind: 'ignore' };
    case 'postback':
      return event.postback?.data ? { kind: 'turn', input: { kind: 'choice', value: event.postback.data } } : { kind: 'ignore' };
    case 'message': {
      const m = event.message;
      if (!m) return { kind: 'ignore' };
      if (group) {
        // In a group or room only text addressed to the bot is a turn; everything else is the members' own talk.
        if (m.type !== 'text') return { kind: 'ignore' };
        const text = addressedText(m.text ?? '', m.mention?.mentionees);
        if (text === undefined) return { kind: 'ignore' };
        // Only the bot's name: say what it is waiting for.
        if (text === '') return { kind: 'turn', input: { kind: 'action', action: { type: 'command', command: 'help' } } };
        return { kind: 'turn', input: { kind: 'text', text } };
      }
      if (m.type === 'text') return { kind: 'turn', input: { kind: 'text', text: m.text ?? '' } };
      if (m.type === 'location') return { kind: 'turn', input: { kind: 'location', address: `${m.address ?? ''} ${m.title ?? ''}`.trim() } };
      return { kind: 'turn', input: UNSUPPORTED[m.type] ?? { kind: 'unsupported', what: 'other' } };
    }
    default:
      return { kind: 'ignore' };
  }
}

/** The conversation part of a group or room member whose user id LINE does not give (LINE for PC, consent not given). */
export const SHARED_MEMBER = 'shared';

/** The group or room id of an event's source, if any. */
export function chatOf(source: LineSource | undefined): { type: 'group' | 'room'; id: string } | undefined {
  if (source?.type === 'group' && source.groupId) return { type: 'group', id: source.groupId };
  if (source?.type === 'room' && source.roomId) return { type: 'room', id: source.roomId };
  return undefined;
}

/**
 * The conversation key: one per user; in a group or room, one per user within
 * that group (so that members do not overwrite each other's answers). Members
 * without a user id share one conversation per group or room.
 */
export function conversationParts(source: LineSource | undefined): string[] | undefined {
  const chat = chatOf(source);
  if (chat) return [chat.type, chat.id, source?.userId ?? SHARED_MEMBER];
  if (source?.type === 'user' && source.userId) return ['user', source.userId];
  return undefined;
}
