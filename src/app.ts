// The Hono app: the middleware (Hono's own: secure headers, body limit, CORS,
// bearer auth, validator; src/api/middleware.ts), then the routes; the platform
// adapters mount here.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { lineWebhook } from '../adapters/line/webhook';
import { slackWebhook } from '../adapters/slack/webhook';
import { webChatPage, webChatRoutes } from '../adapters/web/routes';
import { chatRoutes } from './api/chat';
import { limitBody, secure } from './api/middleware';
import { apiRoutes } from './api/routes';
import { badRequest, JSON_ERROR } from './api/validation';
import type { Knowledge } from './core/knowledge/types';
import type { Env } from './env';

export type { Env };

export interface AppOptions {
  /** Extra routes mounted with the webhooks' middleware, e.g. the benchmark's /bench/echo (bench/worker.ts); none in production. */
  routes?: Record<string, Hono<{ Bindings: Env }>>;
}

export function createApp(k: Knowledge, opts: AppOptions = {}): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  const extra = Object.entries(opts.routes ?? {});
  app.use(secure(['/', '/index.html']));
  // 413 over 1 MB before any handler reads a body: before the webhooks' signature checks.
  for (const path of ['/api/*', '/webhook/*', ...extra.map(([p]) => `${p}/*`), ...extra.map(([p]) => p)]) app.use(path, limitBody());
  app.get('/health', (c) => c.json({ ok: true, programs: k.programs.length }));
  app.route('/api/v1', apiRoutes(k));
  app.route('/api/v1/chat', chatRoutes());
  app.route('/api/v1/web', webChatRoutes());
  app.route('/', webChatPage());
  app.route('/webhook/line', lineWebhook());
  app.route('/webhook/slack', slackWebhook());
  for (const [path, routes] of extra) app.route(path, routes);
  app.notFound((c) => c.json({ error: 'not_found', message: 'ページが見つかりません。', messageEn: 'Not found.' }, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      // The validator's malformed JSON: the API's usual 400 body.
      if (err.status === 400 && err.message.startsWith('Malformed JSON')) return c.json(badRequest([JSON_ERROR]), 400);
      return err.getResponse();
    }
    console.error('unhandled error', err);
    return c.json({ error: 'internal', message: '申し訳ありません。サーバーでエラーが発生しました。', messageEn: 'Internal error.' }, 500);
  });
  return app;
}
