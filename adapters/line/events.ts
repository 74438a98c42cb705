// LINE webhook events → dialogue turns. Only the fields we use are typed; the
// shapes follow the Messaging API reference (webhook event objects).
import type { TurnInput } from '../../src/dialogue/types';

export interface LineSource {
  type: 'user' | 'group' | 'room';
  userId?: string;
  groupId?: string;
  roomId?: string;
}

export interface LineEvent {
  type: string;
  mode?: 'active' | 'standby';
  timestamp?: number;
  webhookEventId?: string;
  deliveryContext?: { isRedelivery: boolean };
  replyToken?: string;
  source?: LineSource;
  message?: { id?: string; type: string; text?: string; address?: string; title?: string; latitude?: number; longitude?: number };
  postback?: { data: string };
}

export interface LineWebhookBody {
  destination?: string;
  events: LineEvent[];
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
