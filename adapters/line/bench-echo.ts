// POST /bench/echo: the platform's floor for the end-to-end benchmark (`npm run bench`).
// It does what the LINE webhook does before a turn (readSignedWebhook: raw body,
// signature, JSON) and answers 200 without running a turn. Off unless BENCH_ECHO=true,
// which only the benchmark sets; everywhere else it is a 404.
import { Hono } from 'hono';
import type { Env } from '../../src/env';
import { readSignedWebhook } from './request';

export function benchEcho(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.post('/', async (c) => {
    const secret = c.env.LINE_CHANNEL_SECRET;
    if (c.env.BENCH_ECHO !== 'true' || !secret) return c.notFound();
    const read = await readSignedWebhook(c.req.raw, secret);
    if (!read.ok) return c.json({ error: read.error }, read.status);
    return c.json({ ok: true, events: read.body.events.length });
  });
  return app;
}
