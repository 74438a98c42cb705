// The benchmark's floor route: the webhook's signature check and parse, no turn; off by default.
import { describe, expect, it } from 'vitest';
import { benchEcho } from '../../adapters/line/bench-echo';
import { lineSignature } from '../../adapters/line/signature';

const SECRET = 'bench-secret';
const body = JSON.stringify({ destination: 'Ubench', events: [{ type: 'message', message: { type: 'text', id: '1', text: 'こんにちは' } }] });
const post = async (env: Record<string, string>, signature?: string) =>
  benchEcho().request('/', { method: 'POST', body, headers: { 'content-type': 'application/json', ...(signature ? { 'x-line-signature': signature } : {}) } }, env);

describe('POST /bench/echo', () => {
  it('is a 404 unless BENCH_ECHO=true', async () => {
    expect((await post({ LINE_CHANNEL_SECRET: SECRET }, await lineSignature(body, SECRET))).status).toBe(404);
    expect((await post({ LINE_CHANNEL_SECRET: SECRET, BENCH_ECHO: 'yes' }, await lineSignature(body, SECRET))).status).toBe(404);
  });

  it('verifies the signature like the webhook does', async () => {
    const env = { LINE_CHANNEL_SECRET: SECRET, BENCH_ECHO: 'true' };
    expect((await post(env)).status).toBe(401);
    expect((await post(env, await lineSignature(body, 'other-secret'))).status).toBe(401);
    const ok = await post(env, await lineSignature(body, SECRET));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, events: 1 });
  });
});
