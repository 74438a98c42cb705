// The benchmark's floor route: the webhook's body limit, signature check and parse, no
// turn; mounted only by the benchmark's Worker entry (bench/worker.ts).
import { describe, expect, it } from 'vitest';
import { benchEcho } from '../../adapters/line/bench-echo';
import { lineSignature } from '../../adapters/line/signature';
import { createApp } from '../../src/app';
import { knowledge } from '../../src/knowledge';

const SECRET = 'bench-secret';
const body = JSON.stringify({ destination: 'Ubench', events: [{ type: 'message', message: { type: 'text', id: '1', text: 'こんにちは' } }] });
const app = createApp(knowledge, { routes: { '/bench/echo': benchEcho() } });
const post = async (env: Record<string, string>, signature?: string, payload = body) =>
  app.request('/bench/echo', { method: 'POST', body: payload, headers: { 'content-type': 'application/json', ...(signature ? { 'x-line-signature': signature } : {}) } }, env);

describe('POST /bench/echo', () => {
  it('is not in the production app, whatever the environment says', async () => {
    const prod = createApp(knowledge);
    const res = await prod.request('/bench/echo', { method: 'POST', body, headers: { 'x-line-signature': await lineSignature(body, SECRET) } }, { LINE_CHANNEL_SECRET: SECRET, BENCH_ECHO: 'true' });
    expect(res.status).toBe(404);
  });

  it('verifies the signature like the webhook does', async () => {
    const env = { LINE_CHANNEL_SECRET: SECRET };
    expect((await post(env)).status).toBe(401);
    expect((await post(env, await lineSignature(body, 'other-secret'))).status).toBe(401);
    const ok = await post(env, await lineSignature(body, SECRET));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, events: 1 });
  });

  it('has the webhooks\' body limit', async () => {
    const big = JSON.stringify({ events: [], pad: 'x'.repeat(1_100_000) });
    expect((await post({ LINE_CHANNEL_SECRET: SECRET }, await lineSignature(big, SECRET), big)).status).toBe(413);
  });
});
