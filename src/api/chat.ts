// POST /api/v1/chat: the dialogue over JSON, for local testing, the simulator and
// `npm run chat`. Enabled in local development; in production only when
// API_TOKEN is configured, and then with `Authorization: Bearer <API_TOKEN>`.
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { todayJst } from '../core/status';
import type { TurnInput } from '../dialogue/types';
import type { Env } from '../env';
import { conversationKey, runTurn } from '../state/store';
import { durableStore } from '../state/stub';
import { badRequest, DATE_ERROR, isValidDate, JSON_ERROR, zodErrors } from './validation';
import { RESTART } from '../dialogue/actions';

const ChatBody = z.object({
  userId: z.string().check(z.minLength(1), z.maxLength(100), z.regex(/^[\w.:@-]+$/)),
  text: z.optional(z.string().check(z.maxLength(10_000))),
  choice: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
  location: z.optional(z.object({ address: z.string().check(z.maxLength(300)) })),
  event: z.optional(z.enum(['start', 'restart', 'sticker', 'image', 'audio', 'video', 'file'])),
  date: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
});

export function chatAccess(env: Env, authorization: string | undefined): 'ok' | 'disabled' | 'unauthorized' {
  if (env.API_TOKEN) return authorization === `Bearer ${env.API_TOKEN}` ? 'ok' : 'unauthorized';
  return env.ENVIRONMENT === 'production' ? 'disabled' : 'ok';
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

/** Reads a turn request (JSON body); a 400 Response when it is not one. */
export async function readTurn(c: Context<{ Bindings: Env }>): Promise<{ userId: string; input: TurnInput; date: string } | Response> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return c.json(badRequest([JSON_ERROR]), 400);
  }
  const parsed = ChatBody.safeParse(raw);
  if (!parsed.success) return c.json(badRequest(zodErrors(parsed.error)), 400);
  const input = inputOf(parsed.data);
  if (!input)
    return c.json(badRequest([{ field: 'text', message: 'text・choice・location・event のいずれかを指定してください。', messageEn: 'One of text, choice, location or event is required.' }]), 400);
  const date = parsed.data.date ?? todayJst();
  if (!isValidDate(date)) return c.json(badRequest([DATE_ERROR]), 400);
  return { userId: parsed.data.userId, input, date };
}

export function chatRoutes(): Hono<{ Bindings: Env }> {
  const chat = new Hono<{ Bindings: Env }>();
  chat.post('/', async (c) => {
    const access = chatAccess(c.env, c.req.header('authorization'));
    if (access === 'disabled') return c.json({ error: 'disabled', message: 'このAPIは本番環境では無効です（API_TOKENを設定すると有効になります）。', messageEn: 'Disabled in production unless API_TOKEN is set.' }, 404);
    if (access === 'unauthorized') return c.json({ error: 'unauthorized', message: '認証が必要です。', messageEn: 'Missing or wrong bearer token.' }, 401);
    const turn = await readTurn(c);
    if (turn instanceof Response) return turn;
    const reply = await runTurn(durableStore(c.env), conversationKey('api', turn.userId), turn.input, { date: turn.date });
    if (reply === 'duplicate') return c.json({ duplicate: true });
    return c.json(reply);
  });
  return chat;
}
