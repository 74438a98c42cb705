// Issue 13: signed but malformed payloads, replays and bad events never give a 5xx,
// never lose state, and never run twice.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/dialogue/actions';
import { conversationStub } from '../../src/state/stub';
import { bindings, form, recorded as recordedCalls, signedLine, signedSlack, waitFor as waitForCalls } from './platform';

type Recorded = { url: string; body: { replyToken?: string; messages?: { text?: string }[]; text?: string } };
const recorded = () => recordedCalls<Recorded>();
const waitFor = (pred: (r: Recorded) => boolean, count = 1) => waitForCalls<Recorded>(pred, count);
const settle = () => new Promise((r) => setTimeout(r, 300));
const slack = signedSlack;

let n = 0;
const uniq = (p: string) => `${p}${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

beforeEach(async () => {
  await fetch('http://fake.test/__reset', { method: 'POST' });
});

describe('signed but malformed Slack payloads get 200 (or 400), never 500', () => {
  const callback = (event: unknown) => ({ type: 'event_callback', team_id: 'T1', event_id: uniq('Ev'), event });
  it.each<[string, string]>([
    ['body null', 'null'],
    ['event.text a number', JSON.stringify(callback({ type: 'app_mention', user: 'U1', text: 42, ts: '1.1', channel: 'C1' }))],
    ['event.text an object', JSON.stringify(callback({ type: 'app_mention', user: 'U1', text: { a: 1 }, ts: '1.1', channel: 'C1' }))],
    ['event.text an array', JSON.stringify(callback({ type: 'app_mention', user: 'U1', text: ['a'], ts: '1.1', channel: 'C1' }))],
    ['event missing', JSON.stringify({ type: 'event_callback', team_id: 'T1' })],
    ['a string', '"hello"'],
  ])('events: %s', async (_name, body) => {
    const res = await slack('events', body);
    expect(res.status).toBe(200);
  });

  it.each<[string, string]>([
    ['payload null', form({ payload: 'null' })],
    ['channel.id a number', form({ payload: JSON.stringify({ type: 'block_actions', channel: { id: 7 }, user: { id: 'U1' }, actions: [{ value: 'cmd:help' }] }) })],
    ['actions not an array', form({ payload: JSON.stringify({ type: 'block_actions', actions: 'x' }) })],
    ['value a number', form({ payload: JSON.stringify({ type: 'block_actions', actions: [{ value: 3 }] }) })],
  ])('interactions: %s', async (_name, body) => {
    const res = await slack('interactions', body, 'application/x-www-form-urlencoded');
    expect(res.status).toBeLessThan(500);
    await settle();
    expect(await recorded()).toEqual([]);
  });
});

describe('replays run once', () => {
  it('an exact replay of a slash command within the 5 minutes is not run again', async () => {
    const user = uniq('U');
    const body = form({ team_id: 'T9', channel_id: 'C9', user_id: user, command: '/hojo', text: '高岡市 製造業', response_url: 'http://fake.test/cmd/replay' });
    const ts = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 5; i++) expect((await slack('commands', body, 'application/x-www-form-urlencoded', ts)).status).toBe(200);
    await waitFor((r) => r.url === 'http://fake.test/cmd/replay');
    await settle();
    expect((await recorded()).filter((r) => r.url === 'http://fake.test/cmd/replay')).toHaveLength(1);
  });

  it('an exact replay of an interaction is not run again', async () => {
    const user = uniq('U');
    await slack('commands', form({ team_id: 'T9', channel_id: 'C9', user_id: user, command: '/hojo', text: '高岡市 製造業', response_url: 'http://fake.test/cmd/x' }), 'application/x-www-form-urlencoded');
    await waitFor((r) => r.url === 'http://fake.test/cmd/x');
    const payload = {
      type: 'block_actions',
      team: { id: 'T9' },
      user: { id: user },
      channel: { id: 'C9' },
      container: { channel_id: 'C9', message_ts: '1.2', is_ephemeral: true },
      response_url: 'http://fake.test/act/replay',
      actions: [{ action_id: 'hojo_1', value: encodeAction({ type: 'employees', employees: 20 }), type: 'button' }],
    };
    const body = form({ payload: JSON.stringify(payload) });
    const ts = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 3; i++) await slack('interactions', body, 'application/x-www-form-urlencoded', ts);
    await waitFor((r) => r.url === 'http://fake.test/act/replay');
    await settle();
    expect((await recorded()).filter((r) => r.url === 'http://fake.test/act/replay')).toHaveLength(1);
  });
});

describe('LINE: a malformed event is skipped; the others are answered', () => {
  it('text as a number, a source without a type, and a valid message in one body', async () => {
    const uid = `U${uniq('')}`.padEnd(33, '0');
    const ev = (extra: Record<string, unknown>) => ({ type: 'message', mode: 'active', timestamp: Date.now(), webhookEventId: uniq('01H'), replyToken: uniq('tok'), deliveryContext: { isRedelivery: false }, ...extra });
    const good = ev({ source: { type: 'user', userId: uid }, message: { id: '1', type: 'text', text: '高岡市で製造業' } });
    const body = JSON.stringify({
      destination: 'Uxxxxxxxxxxxxxx',
      events: [
        ev({ source: { type: 'user', userId: uid }, message: { id: '1', type: 'text', text: 12345 } }),
        ev({ source: { userId: uid }, message: { id: '1', type: 'text', text: 'x' } }),
        null,
        'event',
        good,
      ],
    });
    const res = await signedLine(body);
    expect(res.status).toBe(200);
    const replies = await waitFor((r) => r.body?.replyToken === good.replyToken);
    expect(replies).toHaveLength(1);
    await settle();
    expect((await recorded()).filter((r) => r.url.includes('/reply'))).toHaveLength(1);
    expect((await conversationStub(bindings, 'line', 'user', uid).snapshot())?.state.slots.industry).toBe('manufacturing');
  });
});
