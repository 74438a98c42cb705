// POST /bench/echo: the platform's floor for the end-to-end benchmark (`npm run bench`).
// It does what the LINE webhook does before a turn — read the raw body, verify the
// signature, parse the JSON — and answers 200 without running a turn. Off unless
// BENCH_ECHO=true, which only the benchmark sets; everywhere else it is a 404.
import { Hono } from 'hono';
import type { Env } from '../../src/env';
import type { LineWebhookBody } from './events';
import { verifyLineSignature } from './signature';

export function benchEcho(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.post('/', async (c) => {
    const secret = c.env.LINE_CHANNEL_SECRET;
    if (c.env.BENCH_ECHO !== 'true' || !secret) return c.notFound();
    const body = await c.req.text();
    if (!(await verifyLineSignature(body, secret, c.req.header('x-line-signature')))) return c.json({ error: 'bad_signature' }, 401);
    let parsed: LineWebhookBody;
    try {
      parsed = JSON.parse(body) as LineWebhookBody;
    } catch {
      return c.json({ error: 'bad_json' }, 400);
    }
    return c.json({ ok: true, events: Array.isArray(parsed?.events) ? parsed.events.length : 0 });
  });
  return app;
}
