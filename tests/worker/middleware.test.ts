// Issue 13: Hono's middleware around every route — the body limit before any
// signature work, secure headers, CORS and origins, bearer auth of /api/v1/chat,
// JSON bodies (415), and /api/v1/match's region check.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { lineSignature } from '../../adapters/line/signature';
import { slackSignature } from '../../adapters/slack/verify';
import { createApp } from '../../src/app';
import type { Env } from '../../src/env';
import { knowledge } from '../../src/knowledge';

const worker = (exports as unknown as { default: Fetcher }).default;
const bindings = env as unknown as Env;
const BASE = 'http://hojo-navi.test';
const call = (path: string, init?: RequestInit) => worker.fetch(`${BASE}${path}`, init);
const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** The app with other settings (production, API_TOKEN…), as another deployment would run it. */
const withEnv = (over: Partial<Env>) => {
  const app = createApp(knowledge);
  return (path: string, init?: RequestInit) => app.request(path, init, { ...bindings, ...over });
};

/** A body of `mb` megabytes streamed 1 MB at a time, counting the chunks the Worker pulled. */
function streamed(mb: number) {
  const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
  const stats = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= mb) return controller.close();
      stats.pulled++;
      controller.enqueue(chunk);
    },
  });
  return { body, stats };
}

describe('the body limit comes before any signature work (413 over 1 MB)', () => {
  it('a 120 MB LINE body is refused at once, unread (it was read in full and hashed before its 401)', async () => {
    const { body, stats } = streamed(120);
    const t0 = performance.now();
    const res = await call('/webhook/line', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(120 * 1024 * 1024), 'x-line-signature': 'c2lnbmF0dXJl' }, body });
    const ms = performance.now() - t0;
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large', message: expect.stringContaining('1MB'), messageEn: expect.stringContaining('1 MB') });
    // Not read: at most what the runtime buffers ahead, never the 120 chunks.
    expect(stats.pulled).toBeLessThan(10);
    console.log(`120 MB LINE body: 413 in ${ms.toFixed(1)} ms, ${stats.pulled} of 120 chunks pulled`);
  });

  it.each(['/webhook/line', '/webhook/slack/events', '/webhook/slack/commands', '/webhook/slack/interactions', '/api/v1/match', '/api/v1/chat', '/api/v1/web/chat'])(
    'a streamed body without Content-Length is cut at 1 MB on %s',
    async (path) => {
      const { body, stats } = streamed(50);
      const res = await call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(413);
      expect(stats.pulled).toBeLessThan(5);
    },
  );

  it('a correctly signed body over 1 MB is refused too; one under it is served', async () => {
    const big = JSON.stringify({ destination: 'U1', events: [], pad: 'x'.repeat(1_100_000) });
    expect((await call('/webhook/line', { method: 'POST', headers: { 'x-line-signature': await lineSignature(big, bindings.LINE_CHANNEL_SECRET!) }, body: big })).status).toBe(413);
    const ts = String(Math.floor(Date.now() / 1000));
    const slackBig = JSON.stringify({ type: 'url_verification', challenge: 'c', pad: 'x'.repeat(1_100_000) });
    const slack = await call('/webhook/slack/events', { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': await slackSignature(bindings.SLACK_SIGNING_SECRET!, ts, slackBig) }, body: slackBig });
    expect(slack.status).toBe(413);
    const fine = JSON.stringify({ destination: 'U1', events: [], pad: 'x'.repeat(900_000) });
    expect((await call('/webhook/line', { method: 'POST', headers: { 'x-line-signature': await lineSignature(fine, bindings.LINE_CHANNEL_SECRET!) }, body: fine })).status).toBe(200);
  });
});

describe('secure headers (Hono secureHeaders)', () => {
  it('on the API and the webhooks, refusals included', async () => {
    for (const res of [await call('/api/v1/taxonomy'), await call('/webhook/line', { method: 'POST', body: '{}' }), await call('/nothing')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
  });

  it('on the page, whose framing policy is its CSP (embeddable by WEB_CHAT_ORIGINS)', async () => {
    const res = await call('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'self' https://shokokai.example");
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('origins and CORS', () => {
  it('the web chat answers CORS to WEB_CHAT_ORIGINS only, preflight included', async () => {
    const pre = await call('/api/v1/web/chat', { method: 'OPTIONS', headers: { origin: 'https://shokokai.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://shokokai.example');
    expect(pre.headers.get('access-control-allow-headers')).toContain('content-type');
    const evil = await call('/api/v1/web/chat', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never `*`, even when WEB_CHAT_ORIGINS says so', async () => {
    const req = withEnv({ WEB_CHAT_ORIGINS: '*' });
    const res = await req('/api/v1/web/chat', json({ userId: 'cors-star', event: 'start' }, { origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
    const page = await req('/');
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
  });

  it('/api/v1/chat refuses a browser call from another site, in development too', async () => {
    const res = await call('/api/v1/chat', json({ userId: 'origin-dev', event: 'start' }, { origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'origin_not_allowed' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    // Same origin and non-browser clients (no Origin) are served.
    expect((await call('/api/v1/chat', json({ userId: 'origin-dev', event: 'start' }, { origin: BASE }))).status).toBe(200);
    expect((await call('/api/v1/chat', json({ userId: 'origin-dev', event: 'start' }))).status).toBe(200);
  });
});

describe('bearer auth of /api/v1/chat (Hono bearerAuth, constant-time)', () => {
  const body = json({ userId: 'bearer-1', event: 'start' });
  it('production without API_TOKEN: 404', async () => {
    expect((await withEnv({ ENVIRONMENT: 'production', API_TOKEN: undefined })('/api/v1/chat', body)).status).toBe(404);
  });
  it('production with API_TOKEN: the token only', async () => {
    const req = withEnv({ ENVIRONMENT: 'production', API_TOKEN: 's3cret-token' });
    const auth = (value?: string) => json({ userId: 'bearer-1', event: 'start' }, value ? { authorization: value } : {});
    for (const wrong of [undefined, 'Bearer wrong', 'Bearer s3cret-token2', 'Basic czNjcmV0', 'Bearer']) {
      const res = await req('/api/v1/chat', auth(wrong));
      expect(res.status, String(wrong)).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'unauthorized', message: '認証が必要です。' });
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
    const ok = await req('/api/v1/chat', auth('Bearer s3cret-token'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ question: { id: 'region' } });
  });
  it('development with API_TOKEN: the token is required there too', async () => {
    const req = withEnv({ API_TOKEN: 'dev-token' });
    expect((await req('/api/v1/chat', body)).status).toBe(401);
    expect((await req('/api/v1/chat', json({ userId: 'bearer-2', event: 'start' }, { authorization: 'Bearer dev-token' }))).status).toBe(200);
  });
});

describe('JSON bodies (Hono validator)', () => {
  const match = { prefecture: '石川県', municipality: '金沢市', industry: '製造業', employees: 8 };
  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['no content type', undefined],
    ['xml', 'application/xml'],
  ])('/api/v1/match answers 415 for %s (every content type was accepted)', async (_n, type) => {
    const res = await call('/api/v1/match', { method: 'POST', headers: type ? { 'content-type': type } : {}, body: JSON.stringify(match) });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: 'unsupported_media_type', message: expect.stringMatching(/JSON/), messageEn: expect.stringMatching(/JSON/) });
  });
  it('accepts application/json with a charset, and …+json', async () => {
    expect((await call('/api/v1/match', json(match, { 'content-type': 'application/json; charset=utf-8' }))).status).toBe(200);
    expect((await call('/api/v1/match', json(match, { 'content-type': 'application/vnd.api+json' }))).status).toBe(200);
  });
  it.each(['/api/v1/chat', '/api/v1/web/chat'])('%s answers 415 for text/plain, 400 naming the field for a bad body', async (path) => {
    expect((await call(path, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ userId: 'ct', event: 'start' }) })).status).toBe(415);
    const bad = await call(path, json({ userId: 'a b', text: 'x' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'bad_request', errors: [{ field: 'userId', message: expect.stringMatching(/[ぁ-ん]/), messageEn: expect.stringContaining('userId') }] });
    const broken = await call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ errors: [{ field: '(body)', message: 'リクエスト本文が正しいJSONではありません。' }] });
  });
});

describe('/api/v1/match: the region as given, never replaced', () => {
  const match = (region: Record<string, string>) => call('/api/v1/match', json({ ...region, industry: '製造業', employees: 8, date: '2025-05-01' }));
  type Err = { field: string; message: string; messageEn: string; suggestions?: string[] };
  const errorsOf = async (res: Response) => ((await res.json()) as { errors: Err[] }).errors;

  it('「存在しない県」 with 金沢市 is a 400 naming the prefecture (it became 石川県), suggesting 石川県', async () => {
    const res = await match({ prefecture: '存在しない県', municipality: '金沢市' });
    expect(res.status).toBe(400);
    const [e] = await errorsOf(res);
    expect(e).toMatchObject({ field: 'prefecture', message: expect.stringContaining('存在しない県'), messageEn: expect.stringContaining('unknown prefecture') });
    expect(e!.suggestions![0]).toBe('石川県');
    expect(e!.message).toContain('もしかして：石川県');
  });
  it('a misspelt prefecture gets the close names', async () => {
    const [e] = await errorsOf(await match({ prefecture: '石河県' }));
    expect(e).toMatchObject({ field: 'prefecture' });
    expect(e!.suggestions).toContain('石川県');
  });
  it('an unknown municipality of a listed prefecture is a 400 with close names', async () => {
    const res = await match({ prefecture: '石川県', municipality: '金沢町' });
    expect(res.status).toBe(400);
    const [e] = await errorsOf(res);
    expect(e).toMatchObject({ field: 'municipality', message: expect.stringContaining('金沢町') });
    expect(e!.suggestions).toContain('金沢市');
    expect((await errorsOf(await match({ prefecture: '石川県', municipality: 'どこでもない市' })))[0]).toMatchObject({ field: 'municipality' });
  });
  it('a municipality of another prefecture says where it is', async () => {
    const [e] = await errorsOf(await match({ prefecture: '富山県', municipality: '金沢市' }));
    expect(e).toMatchObject({ field: 'municipality', message: expect.stringContaining('石川県'), suggestions: ['金沢市'] });
  });
  it('a municipality alone must be a listed one', async () => {
    const res = await match({ municipality: '存在しない市' });
    expect(res.status).toBe(400);
    expect((await errorsOf(res)).map((e) => e.field)).toContain('municipality');
    const ok = await match({ municipality: '金沢' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ profile: { prefecture: '石川県', municipality: '金沢市' } });
  });
  it('in a prefecture with no municipal programs (no list), a municipality-shaped name passes; anything else does not', async () => {
    const ok = await match({ prefecture: '東京都', municipality: '新宿区' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ profile: { prefecture: '東京都', municipality: '新宿区' } });
    expect((await match({ prefecture: '東京都', municipality: '<script>' })).status).toBe(400);
  });
  it('known names still pass as before (short names, NFKC)', async () => {
    const res = await match({ prefecture: '石川', municipality: '金沢市' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ profile: { prefecture: '石川県', municipality: '金沢市' } });
  });
});
