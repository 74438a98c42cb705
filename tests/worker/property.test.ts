// Issue 13, property test (fast-check): signed platform payloads built from arbitrary
// JSON values and strings — LINE webhook bodies, Slack events, slash commands and
// interactions — never get a 5xx, and a conversation under way keeps its slots
// whatever garbage arrives, including garbage aimed at it.
import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Env } from '../../src/env';
import { conversationStub } from '../../src/state/stub';
import { form, signedLine, signedSlack } from './platform';

const worker = (exports as unknown as { default: Fetcher }).default;
const bindings = env as unknown as Env;

const RUNS = 400;
const VICTIM_LINE = 'Uprop0000000000000000000000victim';
const VICTIM_TEAM = 'TPROPVICTIM';
const VICTIM_SLACK = 'UPROPVICTIM';

const line = signedLine;
const slack = signedSlack;

const lineSlots = async () => (await conversationStub(bindings, 'line', 'user', VICTIM_LINE).snapshot())?.state.slots;
const slackSlots = async () => (await conversationStub(bindings, 'slack', VICTIM_TEAM, 'im', VICTIM_SLACK).snapshot())?.state.slots;
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  return read();
}

// ---- arbitraries ------------------------------------------------------------------
const json = fc.jsonValue({ maxDepth: 3 });
const notString = json.filter((v) => typeof v !== 'string');
/** Some other user's id: never the victim's. */
const otherId = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('VICTIM') && !s.includes('victim'));
const str = fc.string({ maxLength: 60 });
/** A value that is usually of the documented type, sometimes anything. */
const loose = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: arb, weight: 3 }, { arbitrary: json, weight: 1 });

/** A LINE event from another user: documented fields, any values. */
const lineOtherEvent = fc.record(
  {
    type: loose(fc.constantFrom('message', 'postback', 'follow', 'unfollow', 'join', 'leave', 'memberJoined', 'beacon', 'accountLink')),
    mode: loose(fc.constantFrom('active', 'standby')),
    timestamp: loose(fc.integer()),
    webhookEventId: loose(str),
    replyToken: loose(str),
    source: loose(fc.record({ type: loose(fc.constantFrom('user', 'group', 'room')), userId: loose(otherId), groupId: loose(str), roomId: loose(str) }, { requiredKeys: ['userId'] })),
    message: loose(fc.record({ type: loose(fc.constantFrom('text', 'sticker', 'image', 'location', 'video')), id: loose(str), text: loose(str), address: loose(str), latitude: loose(fc.double()) })),
    postback: loose(fc.record({ data: loose(str) })),
    deliveryContext: loose(fc.record({ isRedelivery: loose(fc.boolean()) })),
  },
  { requiredKeys: [] },
);
/** Garbage aimed at the victim: its own source, but a message or postback that is not one. */
const lineVictimGarbage = fc.oneof(
  fc.record({ type: fc.constant('message'), message: fc.oneof(notString, fc.record({ type: fc.constant('text'), text: notString }), fc.record({ type: notString, text: str })) }),
  fc.record({ type: fc.constant('postback'), postback: fc.oneof(notString, fc.record({ data: notString })) }),
  fc.record({ type: notString, message: fc.record({ type: fc.constant('text'), text: str }) }),
  fc.record({ type: fc.constant('message'), mode: fc.constant('standby'), message: fc.record({ type: fc.constant('text'), text: str }) }),
).map((e) => ({ ...e, source: { type: 'user', userId: VICTIM_LINE }, replyToken: 'prop-victim', webhookEventId: `prop-${Math.random()}` }));

const lineBody = fc.oneof(
  { arbitrary: fc.record({ destination: loose(str), events: fc.array(fc.oneof(lineOtherEvent, lineVictimGarbage, json), { maxLength: 4 }) }), weight: 4 },
  { arbitrary: fc.record({ events: notString }), weight: 1 },
  { arbitrary: json, weight: 1 },
).map((b) => JSON.stringify(b));
const lineRaw = fc.oneof({ arbitrary: lineBody, weight: 5 }, { arbitrary: fc.string({ maxLength: 200 }), weight: 1 });

const slackOtherEvent = fc.record(
  {
    type: loose(fc.constantFrom('app_mention', 'message', 'reaction_added')),
    subtype: loose(fc.constantFrom('bot_message', 'message_changed')),
    user: loose(otherId),
    bot_id: loose(str),
    text: loose(str),
    ts: loose(str),
    thread_ts: loose(str),
    channel: loose(str),
    channel_type: loose(fc.constantFrom('im', 'channel')),
  },
  { requiredKeys: [] },
);
const slackVictimGarbage = fc
  .record({ text: notString, ts: loose(str), thread_ts: fc.oneof(notString, fc.constant(undefined)) })
  .map((e) => ({ type: 'message', channel_type: 'im', channel: 'DPROPVICTIM', user: VICTIM_SLACK, ...e }));
const slackEvents = fc
  .oneof(
    { arbitrary: fc.record({ type: loose(fc.constant('event_callback')), team_id: loose(str), event_id: loose(str), event: fc.oneof(slackOtherEvent, json) }, { requiredKeys: ['type'] }), weight: 3 },
    { arbitrary: fc.record({ type: fc.constant('event_callback'), team_id: fc.constant(VICTIM_TEAM), event_id: str, event: slackVictimGarbage }), weight: 2 },
    { arbitrary: fc.record({ type: loose(fc.constant('url_verification')), challenge: loose(str) }), weight: 1 },
    { arbitrary: json, weight: 1 },
  )
  .map((b) => JSON.stringify(b));

/** Slash commands: documented keys and any others, string values (a form has nothing else). */
const slackCommand = fc
  .record(
    {
      team_id: str,
      channel_id: str,
      user_id: otherId,
      command: fc.oneof(fc.constant('/hojo'), str),
      text: str,
      response_url: fc.oneof(fc.constant('http://fake.test/prop/cmd'), str),
      ssl_check: fc.constantFrom('0', '1', ''),
    },
    { requiredKeys: [] },
  )
  .chain((known) => fc.dictionary(str, str, { maxKeys: 3 }).map((extra) => form({ ...extra, ...known })));

const slackInteraction = fc
  .oneof(
    {
      arbitrary: fc.record(
        {
          type: loose(fc.constant('block_actions')),
          team: loose(fc.record({ id: loose(str) })),
          user: loose(fc.record({ id: loose(otherId) })),
          channel: loose(fc.record({ id: loose(str) })),
          container: loose(fc.record({ channel_id: loose(str), thread_ts: loose(str), is_ephemeral: loose(fc.boolean()) }, { requiredKeys: [] })),
          message: loose(fc.record({ ts: loose(str), thread_ts: loose(str) }, { requiredKeys: [] })),
          response_url: loose(fc.constant('http://fake.test/prop/act')),
          actions: loose(fc.array(fc.record({ action_id: loose(str), value: loose(str) }, { requiredKeys: [] }), { maxLength: 2 })),
        },
        { requiredKeys: ['type'] },
      ),
      weight: 3,
    },
    // Aimed at the victim's DM: a button press whose value is not a string.
    {
      arbitrary: fc.record({ actions: fc.array(fc.record({ value: notString }), { minLength: 1, maxLength: 2 }) }).map((p) => ({ type: 'block_actions', team: { id: VICTIM_TEAM }, user: { id: VICTIM_SLACK }, channel: { id: 'DPROPVICTIM' }, ...p })),
      weight: 2,
    },
    { arbitrary: json, weight: 1 },
  )
  .map((p) => form({ payload: JSON.stringify(p) }));
const slackInteractionRaw = fc.oneof({ arbitrary: slackInteraction, weight: 5 }, { arbitrary: fc.dictionary(str, str, { maxKeys: 3 }).map(form), weight: 1 });

type Sent = { kind: 'line' | 'events' | 'commands' | 'interactions'; body: string };
const payload: fc.Arbitrary<Sent> = fc.oneof(
  lineRaw.map((body) => ({ kind: 'line' as const, body })),
  slackEvents.map((body) => ({ kind: 'events' as const, body })),
  slackCommand.map((body) => ({ kind: 'commands' as const, body })),
  slackInteractionRaw.map((body) => ({ kind: 'interactions' as const, body })),
);

async function send(p: Sent): Promise<Response> {
  if (p.kind === 'line') return line(p.body);
  if (p.kind === 'events') return slack('events', p.body, 'application/json');
  return slack(p.kind, p.body, 'application/x-www-form-urlencoded');
}

describe('signed platform payloads from arbitrary values (fast-check)', () => {
  it('never get a 5xx, and a conversation under way keeps its slots', { timeout: 30_000 }, async () => {
    // Two conversations under way: a LINE user and a Slack DM, each with its slots.
    const start = (text: string) => ({ type: 'message', mode: 'active', timestamp: Date.now(), replyToken: 'prop-start', webhookEventId: `prop-start-${text}`, source: { type: 'user', userId: VICTIM_LINE }, message: { id: '1', type: 'text', text } });
    expect((await line(JSON.stringify({ destination: 'U', events: [start('金沢市で製造業、従業員8人')] }))).status).toBe(200);
    const dm = { type: 'event_callback', team_id: VICTIM_TEAM, event_id: 'EvPropStart', event: { type: 'message', channel_type: 'im', channel: 'DPROPVICTIM', user: VICTIM_SLACK, text: '高岡市で製造業、従業員20人', ts: '1.0' } };
    expect((await slack('events', JSON.stringify(dm), 'application/json')).status).toBe(200);
    const lineBefore = await eventually(lineSlots, (s) => s?.employees === 8);
    const slackBefore = await eventually(slackSlots, (s) => s?.employees === 20);
    expect(lineBefore).toMatchObject({ prefecture: '石川県', municipality: '金沢市', industry: 'manufacturing', employees: 8 });
    expect(slackBefore).toMatchObject({ prefecture: '富山県', municipality: '高岡市', industry: 'manufacturing', employees: 20 });

    const statuses = new Map<string, number>();
    // Skipped payloads are logged one line each: keep them out of the test output, but
    // look at them (an unhandled error would be a 500 anyway).
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const t0 = performance.now();
    await fc.assert(
      fc.asyncProperty(payload, async (p) => {
        const res = await send(p);
        await res.body?.cancel();
        statuses.set(`${p.kind} ${res.status}`, (statuses.get(`${p.kind} ${res.status}`) ?? 0) + 1);
        return res.status < 500;
      }),
      { numRuns: RUNS, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
    // Let the turns started in waitUntil finish, then the slots are as they were.
    await new Promise((r) => setTimeout(r, 500));
    errors.mockRestore();
    expect(errors.mock.calls.filter((c) => /unhandled|turn failed/.test(String(c[0])))).toEqual([]);
    expect(await lineSlots()).toEqual(lineBefore);
    expect(await slackSlots()).toEqual(slackBefore);
    console.log(`${RUNS} signed payloads in ${((performance.now() - t0) / 1000).toFixed(1)} s:`, Object.fromEntries([...statuses].sort()));
  });
});
