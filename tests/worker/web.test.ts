// The web chat endpoint and page through the Worker: previews, allowed origins,
// framing policy, rate limit.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { webChatEnabled } from '../../adapters/web/routes';

const worker = (exports as unknown as { default: Fetcher }).default;
const chat = (body: unknown, headers: Record<string, string> = {}) =>
  worker.fetch('http://hojo-navi.test/api/v1/web/chat', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('web chat', () => {
  it('answers with the reply and its LINE and Slack renderings', async () => {
    const res = await chat({ userId: 'web-a', text: '金沢市で製造業、従業員8人' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reply: { question?: { id: string } }; preview: { line: { type: string }[]; slack: { blocks: unknown[] } } };
    expect(body.reply.question?.id).toBe('goal');
    expect(body.preview.line[0]!.type).toBe('text');
    expect(body.preview.slack.blocks.length).toBeGreaterThan(0);
  });

  it('allows configured origins only (CORS), and answers the preflight', async () => {
    const ok = await chat({ userId: 'web-b', event: 'start' }, { origin: 'https://shokokai.example' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shokokai.example');
    expect((await chat({ userId: 'web-b', event: 'start' }, { origin: 'https://evil.example' })).status).toBe(403);
    const pre = await worker.fetch('http://hojo-navi.test/api/v1/web/chat', { method: 'OPTIONS', headers: { origin: 'https://shokokai.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('serves the page with a framing policy for the configured origins', async () => {
    const res = await worker.fetch('http://hojo-navi.test/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'self' https://shokokai.example");
    expect(await res.text()).toContain('補助金ナビ');
  });

  it('rate-limits one client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await chat({ userId: 'web-flood', text: 'ヘルプ' })).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('is off in production unless enabled', () => {
    expect(webChatEnabled({ ENVIRONMENT: 'production' } as never)).toBe(false);
    expect(webChatEnabled({ ENVIRONMENT: 'production', WEB_CHAT_ENABLED: 'true' } as never)).toBe(true);
    expect(webChatEnabled({ ENVIRONMENT: 'development' } as never)).toBe(true);
  });
});
