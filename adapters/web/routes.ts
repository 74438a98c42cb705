// POST /api/v1/web/chat: the browser channel. Same dialogue and Durable Object as
// the other channels (keyed by an anonymous id kept in the browser), plus the LINE
// and Slack renderings of the same reply for the preview switch. Enabled in local
// development, in production only with WEB_CHAT_ENABLED=true. Browser calls from
// another site only from WEB_CHAT_ORIGINS (Hono's cors answers them and their
// preflight; any other origin gets 403, in every environment); the body is checked
// with the validator; turns are rate-limited globally per id and per client address
// (a Durable Object, src/state/rate-limit.ts).
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { turnBody, USER_ID, type TurnRequest } from '../../src/api/chat';
import { allowedOrigins, chatRateLimit, checkOrigin } from '../../src/api/middleware';
import type { Env } from '../../src/env';
import { conversationKey, runTurn } from '../../src/state/store';
import { durableStore, stubOf } from '../../src/state/stub';
import type { Reply } from '../../src/dialogue/types';
import { handoffEnabled } from '../handoff/desk';

const preview = (reply: Reply) => ({ line: renderLine(reply), slack: renderSlack(reply) });
import { renderLine } from '../line/render';
import { renderSlack } from '../slack/render';

export function webChatEnabled(env: Env): boolean {
  return env.ENVIRONMENT !== 'production' || env.WEB_CHAT_ENABLED === 'true';
}

const enabled: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  if (!webChatEnabled(c.env)) return c.json({ error: 'disabled', message: 'Webチャットは無効です。', messageEn: 'Web chat is disabled (WEB_CHAT_ENABLED).' }, 404);
  return next();
};

export function webChatRoutes(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.use('/chat', checkOrigin({ embeddable: true }));
  app.post('/chat', enabled, ...turnBody(), chatRateLimit('web', (c) => (c.req.valid('json' as never) as TurnRequest).userId), async (c) => {
    const turn = c.req.valid('json');
    const key = conversationKey('web', turn.userId);
    // The web chat offers the handoff; a case's news waits in the conversation's inbox.
    const reply = await runTurn(durableStore(c.env), key, turn.input, { date: turn.date, features: { handoff: handoffEnabled(c.env) }, address: { platform: 'web', userId: turn.userId } });
    if (reply === 'duplicate') return c.json({ duplicate: true });
    const caseOpen = await stubOf(c.env, key).caseOpen();
    return c.json({ reply, preview: preview(reply), caseOpen });
  });
  // POST /inbox {userId}: replies that came from the advisor side (a case claimed, a message, closed), once each.
  app.use('/inbox', checkOrigin({ embeddable: true }));
  const inboxUser = async (c: Context<{ Bindings: Env }>) => {
    const body = (await c.req.json().catch(() => undefined)) as { userId?: unknown } | undefined;
    return typeof body?.userId === 'string' && USER_ID.test(body.userId) ? body.userId : undefined;
  };
  app.post('/inbox', enabled, async (c, next) => ((await inboxUser(c)) ? next() : c.json({ error: 'bad_request', message: 'userId が正しくありません。', messageEn: 'A valid userId is required.' }, 400)), chatRateLimit('inbox', async (c) => (await inboxUser(c))!, { perAddress: false }), async (c) => {
    const userId = (await inboxUser(c))!;
    const stub = stubOf(c.env, conversationKey('web', userId));
    const replies = await stub.takeOutbox();
    return c.json({ replies: replies.map((reply) => ({ reply, preview: preview(reply) })), caseOpen: await stub.caseOpen() });
  });
  return app;
}

/** The chat page, through the Worker: enabled check and the framing policy (embeds). */
export function webChatPage(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.get('/', async (c) => {
    if (!webChatEnabled(c.env) || !c.env.ASSETS) return c.json({ ok: true, service: 'hojo-navi', message: 'Webチャットは無効です。' });
    const page = await c.env.ASSETS.fetch(new Request(new URL('/index.html', c.req.url)));
    const headers = new Headers(page.headers);
    headers.set('content-security-policy', `frame-ancestors 'self' ${allowedOrigins(c.env).join(' ')}`.trim());
    return new Response(page.body, { status: page.status, headers });
  });
  return app;
}
