// The Hono app: routes only; the platform adapters mount here.
import { Hono } from 'hono';
import { benchEcho } from '../adapters/line/bench-echo';
import { lineWebhook } from '../adapters/line/webhook';
import { slackWebhook } from '../adapters/slack/webhook';
import { webChatPage, webChatRoutes } from '../adapters/web/routes';
import { chatRoutes } from './api/chat';
import { apiRoutes } from './api/routes';
import type { Knowledge } from './core/knowledge/types';
import type { Env } from './env';

export type { Env };

export function createApp(k: Knowledge): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.get('/health', (c) => c.json({ ok: true, programs: k.programs.length }));
  app.route('/api/v1', apiRoutes(k));
  app.route('/api/v1/chat', chatRoutes());
  app.route('/api/v1/web', webChatRoutes());
  app.route('/', webChatPage());
  app.route('/webhook/line', lineWebhook());
  app.route('/webhook/slack', slackWebhook());
  app.route('/bench/echo', benchEcho());
  app.notFound((c) => c.json({ error: 'not_found', message: 'ページが見つかりません。', messageEn: 'Not found.' }, 404));
  app.onError((err, c) => {
    console.error('unhandled error', err);
    return c.json({ error: 'internal', message: '申し訳ありません。サーバーでエラーが発生しました。', messageEn: 'Internal error.' }, 500);
  });
  return app;
}
