// /api/v1/chat through the Worker and the Conversation Durable Object.
import { env, exports } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/dialogue/types';
import type { Env } from '../../src/env';
import { EXPIRY_MS, TOMBSTONE_MS, type Conversation } from '../../src/state/conversation';
import { conversationStub } from '../../src/state/stub';
import { encodeAction } from '../../src/dialogue/actions';

const worker = (exports as unknown as { default: Fetcher }).default;
const bindings = env as unknown as Env;
const chat = async (body: unknown): Promise<{ status: number; reply: Reply }> => {
  const res = await worker.fetch('http://hojo-navi.test/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, reply: (await res.json()) as Reply };
};
const stub = (userId: string) => conversationStub(bindings, 'api', userId) as unknown as DurableObjectStub<Conversation>;

describe('POST /api/v1/chat', () => {
  it('keeps the conversation across requests in the Durable Object', async () => {
    let r = await chat({ userId: 'u-persist', event: 'start' });
    expect(r.status).toBe(200);
    expect(r.reply.question?.id).toBe('region');
    r = await chat({ userId: 'u-persist', text: '石川県金沢市で製造業です' });
    expect(r.reply.question?.id).toBe('employees');
    r = await chat({ userId: 'u-persist', choice: encodeAction({ type: 'employees', employees: 20 }) });
    expect(r.reply.question?.id).toBe('goal');
    const snap = await stub('u-persist').snapshot();
    expect(snap?.state.slots).toMatchObject({ prefecture: '石川県', municipality: '金沢市', industry: 'manufacturing', employees: 20 });
    // The raw message text is never stored.
    expect(JSON.stringify(snap)).not.toContain('製造業です');
  });

  it('answers a sticker with the current question and keeps the state', async () => {
    await chat({ userId: 'u-sticker', text: '高岡市で製造業' });
    const r = await chat({ userId: 'u-sticker', event: 'sticker' });
    expect(r.reply.kind).toBe('fallback');
    expect(r.reply.question?.id).toBe('employees');
    expect((await stub('u-sticker').snapshot())?.state.slots.industry).toBe('manufacturing');
  });

  it('「データを削除」 deletes the stored state; only the tombstone and its removal alarm remain', async () => {
    await chat({ userId: 'u-delete', text: '高岡市で製造業、従業員8人' });
    expect(await stub('u-delete').snapshot()).not.toBeNull();
    const ask = await chat({ userId: 'u-delete', text: 'データを削除' });
    expect(ask.reply.texts.join()).toContain('本当に削除しますか');
    expect(await stub('u-delete').snapshot()).not.toBeNull();
    const r = await chat({ userId: 'u-delete', choice: encodeAction({ type: 'delete', confirmed: true }) });
    expect(r.reply.kind).toBe('deleted');
    expect(await stub('u-delete').snapshot()).toBeNull();
    // The event ids stay as a tombstone (no personal data) until the alarm removes them (tests/worker/deletion.test.ts).
    expect(await runInDurableObject(stub('u-delete'), (_o, state) => state.storage.getAlarm())).toBeGreaterThan(Date.now() + TOMBSTONE_MS - 60_000);
  });

  it('expires after 30 days of silence, and an early alarm keeps the state (idempotent)', async () => {
    await chat({ userId: 'u-expire', text: '高岡市で製造業' });
    const s = stub('u-expire');
    const alarm = await runInDurableObject(s, (_o, state) => state.storage.getAlarm());
    expect(alarm).toBeGreaterThan(Date.now() + EXPIRY_MS - 60_000);
    // An alarm delivered early (at-least-once) must not delete a live conversation.
    await runInDurableObject(s, (_o, state) => state.storage.setAlarm(Date.now()));
    await runDurableObjectAlarm(s);
    expect(await s.snapshot()).not.toBeNull();
    // 31 days of silence: the alarm deletes everything.
    await runInDurableObject(s, (_o, state) => {
      state.storage.sql.exec('UPDATE state SET updated_at = ?', Date.now() - EXPIRY_MS - 86_400_000);
      return state.storage.setAlarm(Date.now());
    });
    expect(await runDurableObjectAlarm(s)).toBe(true);
    expect(await s.snapshot()).toBeNull();
  });

  it('processes two turns arriving together one after the other, losing neither', async () => {
    await chat({ userId: 'u-race', text: '高岡市' });
    await Promise.all([chat({ userId: 'u-race', choice: encodeAction({ type: 'industry', industry: 'manufacturing' }) }), chat({ userId: 'u-race', choice: encodeAction({ type: 'employees', employees: 8 }) })]);
    const snap = await stub('u-race').snapshot();
    expect(snap?.state.slots).toMatchObject({ industry: 'manufacturing', employees: 8 });
  });

  it('ignores a repeated platform event id', async () => {
    const s = stub('u-dedupe');
    const first = await s.turn({ kind: 'text', text: '高岡市' }, { date: '2025-05-01', eventId: 'evt-1' });
    const again = await s.turn({ kind: 'text', text: '東京都' }, { date: '2025-05-01', eventId: 'evt-1' });
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect((await s.snapshot())?.state.slots.prefecture).toBe('富山県');
  });

  it('keeps a bounded window of recent event ids, still deduping the newest', async () => {
    const s = stub('u-window');
    for (let i = 0; i < 260; i++) await s.turn({ kind: 'text', text: 'ヘルプ' }, { date: '2025-05-01', eventId: `evt-w-${i}` });
    const count = await runInDurableObject(s, (_o, state) => state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM events').one().n);
    // Trimmed back to 200 every 32 new ids: never more than 231 held.
    expect(count).toBeGreaterThanOrEqual(200);
    expect(count).toBeLessThan(232);
    expect((await s.turn({ kind: 'text', text: 'ヘルプ' }, { date: '2025-05-01', eventId: 'evt-w-259' })).duplicate).toBe(true);
    expect((await s.turn({ kind: 'text', text: 'ヘルプ' }, { date: '2025-05-01', eventId: 'evt-w-60' })).duplicate).toBe(true);
  });

  it.each([
    ['no userId', { text: 'こんにちは' }],
    ['no message', { userId: 'u-bad' }],
    ['a bad userId', { userId: 'a b/c', text: 'x' }],
    ['a huge text', { userId: 'u-bad', text: 'あ'.repeat(20_000) }],
  ])('answers 400 for %s', async (_n, body) => {
    expect((await chat(body)).status).toBe(400);
  });
});
