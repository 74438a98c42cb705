// The one turn pipeline: runTurn over a ConversationStore (memory here; the Durable
// Object in the worker tests).
import { describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../../src/state/memory-store';
import { runTurn, TURN_FAILED, type ConversationStore } from '../../src/state/store';
import { knowledge } from '../helpers';

const opts = { date: '2025-05-01' };

describe('runTurn', () => {
  it('returns the reply, then "duplicate" for the same event id', async () => {
    const store = new MemoryConversationStore(knowledge);
    const first = await runTurn(store, 'k1', { kind: 'text', text: '高岡市で製造業' }, { ...opts, eventId: 'e1' });
    expect(first !== 'duplicate' && first.question?.id).toBe('employees');
    expect(await runTurn(store, 'k1', { kind: 'text', text: '高岡市で製造業' }, { ...opts, eventId: 'e1' })).toBe('duplicate');
    expect(store.get('k1')?.slots.industry).toBe('manufacturing');
  });

  it('a turn that fails still answers with an apology, and the state stays as it was', async () => {
    const memory = new MemoryConversationStore(knowledge);
    await runTurn(memory, 'k2', { kind: 'text', text: '高岡市で製造業' }, opts);
    const failing: ConversationStore = { turn: () => Promise.reject(new Error('storage down')), forget: () => Promise.resolve() };
    const reply = await runTurn(failing, 'k2', { kind: 'text', text: '8人' }, { ...opts, eventId: 'e2' });
    expect(reply).toBe(TURN_FAILED);
    expect(TURN_FAILED.texts[0]).toContain('もう一度お送りください');
    expect(memory.get('k2')?.slots.employees).toBeUndefined();
    // The event was not used up: the platform's retry runs.
    const retried = await runTurn(memory, 'k2', { kind: 'text', text: '8人' }, { ...opts, eventId: 'e2' });
    expect(retried !== 'duplicate' && memory.get('k2')?.slots.employees).toBe(8);
  });

  it('forgets after 30 days of silence', async () => {
    let now = Date.parse('2025-05-01T00:00:00Z');
    const store = new MemoryConversationStore(knowledge, () => now);
    await runTurn(store, 'k3', { kind: 'text', text: '高岡市で製造業' }, opts);
    now += 31 * 86_400_000;
    const r = await runTurn(store, 'k3', { kind: 'text', text: 'ヘルプ' }, opts);
    expect(r !== 'duplicate' && r.question?.id).toBe('region');
  });

  it('an effect that fails is told, not hidden: the handoff offers itself again, a relay asks to resend, a follow setting asks to press again', async () => {
    const memory = new MemoryConversationStore(knowledge);
    const failing: ConversationStore = { turn: (k, i, o) => memory.turn(k, i, o), forget: () => Promise.resolve(), effect: () => Promise.reject(new Error('index down')) };
    const channel = { date: '2026-11-25', features: { handoff: true, follow: true }, address: { platform: 'line' as const, userId: 'U1' } };
    const answer = await runTurn(failing, 'k4', { kind: 'text', text: '金沢市で製造業、従業員8人、海外の見本市に出たい、300万円' }, channel);
    expect(answer !== 'duplicate' && answer.kind).toBe('answer');
    const saved = await runTurn(failing, 'k4', { kind: 'action', action: { type: 'watch', on: true } }, channel);
    expect(saved !== 'duplicate' && saved.texts.join()).toContain('お知らせの設定を保存できませんでした');
    expect(saved !== 'duplicate' && saved.effects).toBeUndefined();
    await runTurn(failing, 'k4', { kind: 'action', action: { type: 'handoff', step: 'offer' } }, channel);
    const sent = await runTurn(failing, 'k4', { kind: 'action', action: { type: 'handoff', step: 'consent' } }, channel);
    expect(sent !== 'duplicate' && sent.texts.join()).toContain('送信に失敗しました');
    expect(memory.get('k4')?.handoff).toBeUndefined();
  });
});
