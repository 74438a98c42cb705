// Deletion by person over the in-memory store (the Bolt runner) and runTurn's part:
// a turn that deletes deletes every conversation of its person.
import { describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../../src/state/memory-store';
import { FORGET_INCOMPLETE, runTurn, type ConversationStore } from '../../src/state/store';
import { knowledge } from '../helpers';

const opts = { date: '2025-05-01' };
/** 「削除する」 under 「本当に削除しますか？」: the text 「データを削除」 only asks (tests/core/dialogue.test.ts). */
const CONFIRMED = { kind: 'action', action: { type: 'delete', confirmed: true } } as const;

describe('deletion by person', () => {
  it('「データを削除」 deletes every conversation registered to the person, not another person’s', async () => {
    const store = new MemoryConversationStore(knowledge);
    const me = { ...opts, person: 'slack:T1:U1' };
    await runTurn(store, 'slack:T1:im:U1', { kind: 'text', text: '高岡市で製造業' }, me);
    await runTurn(store, 'slack:T1:C1:U1:command', { kind: 'text', text: '金沢市で製造業' }, me);
    await runTurn(store, 'slack:T1:C2:111.1', { kind: 'text', text: '石川県' }, me);
    // A thread started by someone else stays theirs even when U1 answers in it.
    await runTurn(store, 'slack:T1:C2:222.2', { kind: 'text', text: '富山県' }, { ...opts, person: 'slack:T1:U2' });
    await runTurn(store, 'slack:T1:C2:222.2', { kind: 'text', text: '製造業' }, me);
    const reply = await runTurn(store, 'slack:T1:im:U1', CONFIRMED, { ...me, eventId: 'del' });
    expect(reply !== 'duplicate' && reply.kind).toBe('deleted');
    expect(store.get('slack:T1:im:U1')).toBeUndefined();
    expect(store.get('slack:T1:C1:U1:command')).toBeUndefined();
    expect(store.get('slack:T1:C2:111.1')).toBeUndefined();
    expect(store.get('slack:T1:C2:222.2')).toBeDefined();
  });

  it('an event id seen before the deletion stays a duplicate after it', async () => {
    const store = new MemoryConversationStore(knowledge);
    const me = { ...opts, person: 'line:U1' };
    await runTurn(store, 'line:group:G1:U1', { kind: 'text', text: '高岡市で製造業' }, { ...me, eventId: 'e1' });
    await runTurn(store, 'line:user:U1', CONFIRMED, { ...me, eventId: 'e2' });
    expect(await runTurn(store, 'line:group:G1:U1', { kind: 'text', text: '高岡市で製造業' }, { ...me, eventId: 'e1' })).toBe('duplicate');
    expect(store.get('line:group:G1:U1')).toBeUndefined();
  });

  it('says so when the other conversations could not be deleted', async () => {
    const memory = new MemoryConversationStore(knowledge);
    const failing: ConversationStore = { turn: (k, i, o) => memory.turn(k, i, o), forget: (k) => memory.forget(k), forgetPerson: () => Promise.reject(new Error('registry down')) };
    const reply = await runTurn(failing, 'line:user:U1', CONFIRMED, { ...opts, person: 'line:U1' });
    expect(reply).toBe(FORGET_INCOMPLETE);
    expect(FORGET_INCOMPLETE.texts[0]).toContain('もう一度「データを削除」');
  });
});
