// POST /api/v1/web/chat: the browser channel. Same dialogue and Durable Object as
// the other channels (keyed by an anonymous id kept in the browser), plus the LINE
// and Slack renderings of the same reply for the preview switch. Enabled in local
// development, in production only with WEB_CHAT_ENABLED=true. Browser calls from
// another site only from WEB_CHAT_ORIGINS (Hono's cors answers them and their
// preflight; any other origin gets 403, in every environment); the body is checked
// with the validator; turns are rate-limited globally per id and per client address
// (a Durable Object, src/state/rate-limit.ts).
import { Hono, type MiddlewareHandler } from 'hono';
import { turnBody, type TurnRequest } from '../../src/api/chat';
import { allowedOrigins, chatRateLimit, checkOrigin } from '../../src/api/middleware';
import type { Env } from '../../src/env';
import { conversationKey, runTurn } from '../../src/state/store';
import { durableStore } from '../../src/state/stub';
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
    const reply = await runTurn(durableStore(c.env), conversationKey('web', turn.userId), turn.input, { date: turn.date });
    if (reply === 'duplicate') return c.json({ duplicate: true });
    return c.json({ reply, preview: { line: renderLine(reply), slack: renderSlack(reply) } });
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
