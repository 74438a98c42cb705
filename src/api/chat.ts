// POST /api/v1/chat: the dialogue over JSON, for local testing, the simulator and
// `npm run chat`. Enabled in local development; in production only when
// API_TOKEN is configured, and then with `Authorization: Bearer <API_TOKEN>` (Hono's
// bearer auth). Browser calls from another origin are refused in every environment,
// and turns are rate-limited globally per userId and per client address.
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { todayJst } from '../core/status';
import type { TurnInput } from '../dialogue/types';
import type { Env } from '../env';
import { conversationKey, runTurn } from '../state/store';
import { durableStore } from '../state/stub';
import { chatAuth, chatRateLimit, checkOrigin, jsonBody } from './middleware';
import { badRequest, DATE_ERROR, isValidDate } from './validation';
import { RESTART } from '../dialogue/actions';

/** A chat user id (web chat, API): letters, digits and . : @ - _, at most 100. */
export const USER_ID = /^[\w.:@-]{1,100}$/;

export const ChatBody = z.object({
  userId: z.string().check(z.minLength(1), z.maxLength(100), z.regex(USER_ID)),
  text: z.optional(z.string().check(z.maxLength(10_000))),
  choice: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
  location: z.optional(z.object({ address: z.string().check(z.maxLength(300)) })),
  event: z.optional(z.enum(['start', 'restart', 'sticker', 'image', 'audio', 'video', 'file'])),
  date: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
});

export interface TurnRequest {
  userId: string;
  input: TurnInput;
  date: string;
}

function inputOf(body: z.infer<typeof ChatBody>): TurnInput | undefined {
  if (body.choice !== undefined) return { kind: 'choice', value: body.choice };
  if (body.location) return { kind: 'location', address: body.location.address };
  if (body.event === 'start') return { kind: 'start' };
  if (body.event === 'restart') return RESTART;
  if (body.event) return { kind: 'unsupported', what: body.event };
  if (body.text !== undefined) return { kind: 'text', text: body.text };
  return undefined;
}

/** The checked body of a turn request (validator): 415 unless JSON, 400 naming the field. */
export const turnBody = () =>
  jsonBody(ChatBody, (body, c: Context<{ Bindings: Env }>): TurnRequest | Response => {
    const input = inputOf(body);
    if (!input)
      return c.json(badRequest([{ field: 'text', message: 'text・choice・location・event のいずれかを指定してください。', messageEn: 'One of text, choice, location or event is required.' }]), 400);
    const date = body.date ?? todayJst();
    if (!isValidDate(date)) return c.json(badRequest([DATE_ERROR]), 400);
    return { userId: body.userId, input, date };
  });

export function chatRoutes(): Hono<{ Bindings: Env }> {
  const chat = new Hono<{ Bindings: Env }>();
  chat.post('/', chatAuth(), checkOrigin({ embeddable: false }), ...turnBody(), chatRateLimit('api', (c) => (c.req.valid('json' as never) as TurnRequest).userId), async (c) => {
    const turn = c.req.valid('json');
    const reply = await runTurn(durableStore(c.env), conversationKey('api', turn.userId), turn.input, { date: turn.date });
    if (reply === 'duplicate') return c.json({ duplicate: true });
    return c.json(reply);
  });
  return chat;
}
