// POST /bench/echo: the platform's floor for the end-to-end benchmark (`npm run bench`).
// It does what the LINE webhook does before a turn (the body limit, then
// readSignedWebhook: raw body, signature, JSON) and answers 200 without running a turn.
// Only the benchmark's own Worker entry (bench/worker.ts) mounts it; the production
// app (src/index.ts) has no such route.
import { Hono } from 'hono';
import type { Env } from '../../src/env';
import { readSignedWebhook } from './request';

export function benchEcho(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.post('/', async (c) => {
    const secret = c.env.LINE_CHANNEL_SECRET;
    if (!secret) return c.json({ error: 'line_not_configured' }, 503);
    const read = await readSignedWebhook(c.req.raw, secret);
    if (!read.ok) return c.json({ error: read.error }, read.status);
    return c.json({ ok: true, events: read.body.events.length });
  });
  return app;
}
