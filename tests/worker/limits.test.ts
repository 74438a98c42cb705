// Issue 13: the chat endpoints are rate-limited globally — per client id and per
// client address, counted in the RateLimit Durable Object, not in an isolate's memory.
import { env, exports } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CHAT_LIMITS } from '../../src/api/limits';
import { createApp } from '../../src/app';
import type { Env } from '../../src/env';
import { knowledge } from '../../src/knowledge';
import type { RateLimit } from '../../src/state/rate-limit';

const worker = (exports as unknown as { default: Fetcher }).default;
const bindings = env as unknown as Env;
const init = (body: unknown, address?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(address ? { 'cf-connecting-ip': address } : {}) },
  body: JSON.stringify(body),
});
const web = (body: unknown, address?: string) => worker.fetch('http://hojo-navi.test/api/v1/web/chat', init(body, address));
const api = (body: unknown, address?: string) => worker.fetch('http://hojo-navi.test/api/v1/chat', init(body, address));
const limiter = (key: string) => bindings.RATE_LIMIT.get(bindings.RATE_LIMIT.idFromName(key)) as unknown as DurableObjectStub<RateLimit>;

describe('rate limits', () => {
  it(`rotating client ids from one address get a 429 after ${CHAT_LIMITS.perAddress} messages (100 went through)`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await web({ userId: `rotating-${i}`, text: 'ヘルプ' }, '203.0.113.10')).status);
    expect(statuses.slice(0, CHAT_LIMITS.perAddress).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(CHAT_LIMITS.perAddress).every((s) => s === 429)).toBe(true);
    const res = await web({ userId: 'rotating-new', text: 'ヘルプ' }, '203.0.113.10');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await res.json()).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/[ぁ-ん]/), messageEn: 'Too many requests.' });
    // Another address is not affected.
    expect((await web({ userId: 'rotating-0', text: 'ヘルプ' }, '203.0.113.11')).status).toBe(200);
  });

  it(`/api/v1/chat is limited per userId: ${CHAT_LIMITS.perId} a minute (it had no limit)`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < CHAT_LIMITS.perId + 2; i++) statuses.push((await api({ userId: 'api-flood', text: 'ヘルプ' })).status);
    expect(statuses.slice(0, CHAT_LIMITS.perId).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(CHAT_LIMITS.perId)).toEqual([429, 429]);
    // Another id is served; the web chat's id of the same name is another client.
    expect((await api({ userId: 'api-other', text: 'ヘルプ' })).status).toBe(200);
    expect((await web({ userId: 'api-flood', text: 'ヘルプ' })).status).toBe(200);
  });

  it('one id is limited from every address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < CHAT_LIMITS.perId + 1; i++) statuses.push((await web({ userId: 'roaming', text: 'ヘルプ' }, `198.51.100.${i}`)).status);
    expect(statuses.at(-1)).toBe(429);
  });

  it('an address counts both chat endpoints together', async () => {
    const address = '203.0.113.20';
    for (let i = 0; i < CHAT_LIMITS.perAddress / 2; i++) expect((await web({ userId: `both-w${i}`, text: 'ヘルプ' }, address)).status).toBe(200);
    for (let i = 0; i < CHAT_LIMITS.perAddress / 2; i++) expect((await api({ userId: `both-a${i}`, text: 'ヘルプ' }, address)).status).toBe(200);
    expect((await api({ userId: 'both-last', text: 'ヘルプ' }, address)).status).toBe(429);
  });

  it('the count is global: another app instance (another isolate) sees the same count, kept in the Durable Object', async () => {
    for (let i = 0; i < 20; i++) expect((await web({ userId: 'global-1', text: 'ヘルプ' })).status).toBe(200);
    const other = createApp(knowledge);
    const post = () => other.request('/api/v1/web/chat', init({ userId: 'global-1', text: 'ヘルプ' }), bindings);
    for (let i = 20; i < CHAT_LIMITS.perId; i++) expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(429);
    const held = await runInDurableObject(limiter('id:web:global-1'), (o) => (o as unknown as { hits: number[] }).hits.length);
    expect(held).toBe(CHAT_LIMITS.perId);
  });

  it('a refused request runs no turn', async () => {
    for (let i = 0; i < CHAT_LIMITS.perId; i++) await api({ userId: 'no-turn', text: i === 0 ? '高岡市' : 'ヘルプ' });
    expect((await api({ userId: 'no-turn', text: '金沢市' })).status).toBe(429);
    const snap = await (bindings.CONVERSATION.get(bindings.CONVERSATION.idFromName('api:no-turn')) as unknown as { snapshot(): Promise<{ state: { slots: { prefecture?: string } } } | null> }).snapshot();
    expect(snap?.state.slots.prefecture).toBe('富山県');
  });
});

describe('the RateLimit Durable Object', () => {
  it('is a sliding window: a hit leaves it after the window', async () => {
    const s = limiter('unit:window');
    expect(await s.hit(2, 200)).toEqual({ ok: true, retryAfterS: 0 });
    expect(await s.hit(2, 200)).toEqual({ ok: true, retryAfterS: 0 });
    expect(await s.hit(2, 200)).toMatchObject({ ok: false, retryAfterS: 1 });
    await new Promise((r) => setTimeout(r, 250));
    expect(await s.hit(2, 200)).toEqual({ ok: true, retryAfterS: 0 });
  });
});
