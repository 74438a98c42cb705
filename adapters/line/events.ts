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

export type LineAction = { kind: 'turn'; input: TurnInput } | { kind: 'forget' } | { kind: 'ignore' };

const UNSUPPORTED: Record<string, TurnInput & { kind: 'unsupported' }> = {
  sticker: { kind: 'unsupported', what: 'sticker' },
  image: { kind: 'unsupported', what: 'image' },
  video: { kind: 'unsupported', what: 'video' },
  audio: { kind: 'unsupported', what: 'audio' },
  file: { kind: 'unsupported', what: 'file' },
};

export function actionOf(event: LineEvent): LineAction {
  if (event.mode === 'standby') return { kind: 'ignore' };
  switch (event.type) {
    case 'follow':
      return { kind: 'turn', input: { kind: 'start' } };
    case 'unfollow':
      return { kind: 'forget' };
    case 'postback':
      return event.postback?.data ? { kind: 'turn', input: { kind: 'choice', value: event.postback.data } } : { kind: 'ignore' };
    case 'message': {
      const m = event.message;
      if (!m) return { kind: 'ignore' };
      if (m.type === 'text') return { kind: 'turn', input: { kind: 'text', text: m.text ?? '' } };
      if (m.type === 'location') return { kind: 'turn', input: { kind: 'location', address: `${m.address ?? ''} ${m.title ?? ''}`.trim() } };
      return { kind: 'turn', input: UNSUPPORTED[m.type] ?? { kind: 'unsupported', what: 'other' } };
    }
    default:
      return { kind: 'ignore' };
  }
}

/**
 * The conversation key: one per user; in a group or room, one per user within
 * that group (so that members do not overwrite each other's answers).
 */
export function conversationParts(source: LineSource | undefined): string[] | undefined {
  if (!source?.userId) return undefined;
  if (source.type === 'group' && source.groupId) return ['group', source.groupId, source.userId];
  if (source.type === 'room' && source.roomId) return ['room', source.roomId, source.userId];
  return ['user', source.userId];
}
