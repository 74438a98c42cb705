// POST /api/v1/web/chat: the browser channel. Same dialogue and Durable Object as
// the other channels (keyed by an anonymous id kept in the browser), plus the LINE
// and Slack renderings of the same reply for the preview switch. Enabled in local
// development, in production only with WEB_CHAT_ENABLED=true; cross-origin use
// (the embed) only from WEB_CHAT_ORIGINS; rate-limited per client.
import { Hono, type Context } from 'hono';
import { readTurn } from '../../src/api/chat';
import type { Env } from '../../src/env';
import { conversationKey, runTurn } from '../../src/state/store';
import { durableStore } from '../../src/state/stub';
import { renderLine } from '../line/render';
import { renderSlack } from '../slack/render';
import { RateLimiter } from './rate-limit';

type C = Context<{ Bindings: Env }>;

const limiter = new RateLimiter({ perMinute: 30 });

export function webChatEnabled(env: Env): boolean {
  return env.ENVIRONMENT !== 'production' || env.WEB_CHAT_ENABLED === 'true';
}

/** The origin allowed to call from another site, or null (same-origin calls need none). */
export function allowedOrigin(env: Env, origin: string | undefined, self: string): string | null | false {
  if (!origin || origin === self) return null;
  const allowed = (env.WEB_CHAT_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  return allowed.includes(origin) ? origin : false;
}

function cors(c: C): Response | Record<string, string> {
  const origin = allowedOrigin(c.env, c.req.header('origin'), new URL(c.req.url).origin);
  if (origin === false) return c.json({ error: 'origin_not_allowed', message: 'このサイトからは利用できません。', messageEn: 'Origin not allowed (WEB_CHAT_ORIGINS).' }, 403);
  return origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
}

export function webChatRoutes(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.options('/chat', (c) => {
    const headers = cors(c);
    if (headers instanceof Response) return headers;
    return c.body(null, 204, { ...headers, 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '86400' });
  });
  app.post('/chat', async (c) => {
    if (!webChatEnabled(c.env)) return c.json({ error: 'disabled', message: 'Webチャットは無効です。', messageEn: 'Web chat is disabled (WEB_CHAT_ENABLED).' }, 404);
    const headers = cors(c);
    if (headers instanceof Response) return headers;
    const turn = await readTurn(c);
    if (turn instanceof Response) {
      for (const [k, v] of Object.entries(headers)) turn.headers.set(k, v);
      return turn;
    }
    const client = `${c.req.header('cf-connecting-ip') ?? 'local'}:${turn.userId}`;
    if (!limiter.allow(client)) return c.json({ error: 'rate_limited', message: '短時間に多くのメッセージが送られました。少し待ってからお試しください。', messageEn: 'Too many requests.' }, 429, { ...headers, 'retry-after': '60' });
    const reply = await runTurn(durableStore(c.env), conversationKey('web', turn.userId), turn.input, { date: turn.date });
    if (reply === 'duplicate') return c.json({ duplicate: true }, 200, headers);
    return c.json({ reply, preview: { line: renderLine(reply), slack: renderSlack(reply) } }, 200, headers);
  });
  return app;
}

/** The chat page, through the Worker: enabled check and the framing policy (embeds). */
export function webChatPage(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.get('/', async (c) => {
    if (!webChatEnabled(c.env) || !c.env.ASSETS) return c.json({ ok: true, service: 'hojo-navi', message: 'Webチャットは無効です。' });
    const page = await c.env.ASSETS.fetch(new Request(new URL('/index.html', c.req.url)));
    const origins = (c.env.WEB_CHAT_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
    const headers = new Headers(page.headers);
    headers.set('content-security-policy', `frame-ancestors 'self' ${origins.join(' ')}`.trim());
    headers.set('x-content-type-options', 'nosniff');
    return new Response(page.body, { status: page.status, headers });
  });
  return app;
}
