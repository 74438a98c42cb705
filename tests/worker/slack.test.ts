// Slack on Workers end to end: documented payload shapes, signed like Slack signs
// them, through the Worker and the Durable Object to a fake Slack API.
import { env, exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { slackSignature } from '../../adapters/slack/verify';
import type { Env } from '../../src/env';
import { encodeAction } from '../../src/dialogue/actions';

const worker = (exports as unknown as { default: Fetcher }).default;
const SECRET = (env as unknown as Env).SLACK_SIGNING_SECRET!;

interface Recorded {
  url: string;
  headers: Record<string, string>;
  body: { channel?: string; thread_ts?: string; text?: string; blocks?: { type: string; text?: { text: string }; elements?: { value: string; text: { text: string } }[] }[]; response_type?: string };
}

async function send(path: string, body: string, contentType: string, opts: { ts?: number; signature?: string; headers?: Record<string, string> } = {}) {
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const signature = opts.signature ?? (await slackSignature(SECRET, ts, body));
  return worker.fetch(`http://hojo-navi.test/webhook/slack/${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': ts, 'x-slack-signature': signature, ...opts.headers },
    body,
  });
}
const sendJson = (path: string, payload: unknown, opts = {}) => send(path, JSON.stringify(payload), 'application/json', opts);
const sendForm = (path: string, form: Record<string, string>, opts = {}) => send(path, new URLSearchParams(form).toString(), 'application/x-www-form-urlencoded', opts);
const recorded = async (): Promise<Recorded[]> => (await (await fetch('http://fake.test/__recorded')).json()) as Recorded[];
async function waitFor(pred: (r: Recorded) => boolean, count = 1): Promise<Recorded[]> {
  for (let i = 0; i < 100; i++) {
    const r = (await recorded()).filter(pred);
    if (r.length >= count) return r;
    await new Promise((res) => setTimeout(res, 20));
  }
  return (await recorded()).filter(pred);
}
const allText = (r: Recorded) => JSON.stringify(r.body);

let n = 0;
const id = (p: string) => `${p}${(n++).toString(36).toUpperCase().padStart(8, '0')}`;
const eventCallback = (event: Record<string, unknown>) => ({
  token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
  team_id: 'T061EG9R6',
  api_app_id: 'A0MDYCDME',
  event,
  type: 'event_callback',
  event_id: id('Ev'),
  event_time: 1515449522,
  authorizations: [{ team_id: 'T061EG9R6', user_id: 'U0LAN0Z89', is_bot: true }],
});

beforeEach(async () => {
  await fetch('http://fake.test/__reset', { method: 'POST' });
});

describe('Slack request verification', () => {
  it('answers url_verification with the challenge', async () => {
    const res = await sendJson('events', { token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('answers ssl_check', async () => {
    expect((await sendForm('commands', { ssl_check: '1', token: 'x' })).status).toBe(200);
  });

  it('rejects stale, tampered and unsigned requests with 401 before anything else', async () => {
    const body = { challenge: 'c', type: 'url_verification' };
    expect((await sendJson('events', body, { ts: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
    expect((await sendJson('events', body, { signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503' })).status).toBe(401);
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = await slackSignature(SECRET, ts, JSON.stringify(body));
    const tampered = await worker.fetch('http://hojo-navi.test/webhook/slack/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig },
      body: JSON.stringify({ ...body, challenge: 'evil' }),
    });
    expect(tampered.status).toBe(401);
    const unsigned = await worker.fetch('http://hojo-navi.test/webhook/slack/commands', { method: 'POST', body: 'text=x' });
    expect(unsigned.status).toBe(401);
    expect(await recorded()).toHaveLength(0);
  });
});

describe('Slack events, commands and interactions end to end', () => {
  it('app_mention runs the dialogue in the message thread via chat.postMessage', async () => {
    const ts = '1515449522.000016';
    const res = await sendJson('events', eventCallback({ type: 'app_mention', user: 'U061F7AUR', text: '<@U0LAN0Z89> 金沢市で製造業、従業員8人', ts, channel: 'C0LAN2Q65', event_ts: ts }));
    expect(res.status).toBe(200);
    const [post] = await waitFor((r) => r.url.endsWith('/api/chat.postMessage'));
    expect(post!.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(post!.body).toMatchObject({ channel: 'C0LAN2Q65', thread_ts: ts });
    expect(allText(post!)).toContain('何をしたいですか');
  });

  it('message.im answers in the DM; bot messages and edits are ignored', async () => {
    const user = id('U');
    await sendJson('events', eventCallback({ type: 'message', channel: 'D024BE91L', user, text: '高岡市', ts: '1355517523.000005', event_ts: '1355517523.000005', channel_type: 'im' }));
    const [post] = await waitFor((r) => r.url.endsWith('/api/chat.postMessage'));
    expect(post!.body.channel).toBe('D024BE91L');
    expect(post!.body.thread_ts).toBeUndefined();
    await sendJson('events', eventCallback({ type: 'message', subtype: 'bot_message', bot_id: 'B123', channel: 'D024BE91L', text: 'loop?', ts: '1.2', channel_type: 'im' }));
    await sendJson('events', eventCallback({ type: 'message', subtype: 'message_changed', channel: 'D024BE91L', hidden: true, message: { text: 'edited' }, ts: '1.3', channel_type: 'im' }));
    await new Promise((r) => setTimeout(r, 200));
    expect(await recorded()).toHaveLength(1);
  });

  it('a retried event (same event_id, x-slack-retry-num) is processed once', async () => {
    const payload = eventCallback({ type: 'message', channel: 'D024BE91M', user: id('U'), text: '高岡市', ts: '1.1', channel_type: 'im' });
    await sendJson('events', payload);
    await waitFor((r) => r.url.endsWith('/api/chat.postMessage'));
    const retry = await sendJson('events', payload, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(await recorded()).toHaveLength(1);
  });

  it('/hojo with a whole query answers through response_url in Block Kit', async () => {
    const res = await sendForm('commands', {
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      team_id: 'T0001',
      team_domain: 'example',
      channel_id: 'C2147483705',
      channel_name: 'test',
      user_id: id('U'),
      user_name: 'Steve',
      command: '/hojo',
      text: '高岡市 製造業 20人 展示会 100万円',
      api_app_id: 'A123456',
      response_url: 'http://fake.test/commands/1234/5678',
      trigger_id: '13345224609.738474920.8088930838d88f008e0',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { text: string }).text).toContain('調べています');
    const [answer] = await waitFor((r) => r.url === 'http://fake.test/commands/1234/5678');
    expect(answer!.body.response_type).toBe('ephemeral');
    expect(answer!.body.blocks!.length).toBeLessThanOrEqual(50);
    // Missing details are asked with buttons (follow-up questions), or the answer arrives.
    const buttons = answer!.body.blocks!.filter((b) => b.type === 'actions').flatMap((b) => b.elements!);
    expect(buttons.length).toBeGreaterThan(0);
  });

  it('block_actions (form-encoded payload) continues the conversation through response_url', async () => {
    const user = id('U');
    await sendForm('commands', { team_id: 'T0001', channel_id: 'C2147483705', user_id: user, command: '/hojo', text: '高岡市 製造業', response_url: 'http://fake.test/commands/a' });
    await waitFor((r) => r.url === 'http://fake.test/commands/a');
    const payload = {
      type: 'block_actions',
      team: { id: 'T0001', domain: 'example' },
      user: { id: user, username: 'steve', team_id: 'T0001' },
      api_app_id: 'A123456',
      token: '9s8d9as89d8as9d8as989',
      container: { type: 'message', message_ts: '1548261231.000200', channel_id: 'C2147483705', is_ephemeral: true },
      trigger_id: '12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3',
      channel: { id: 'C2147483705', name: 'test' },
      response_url: 'http://fake.test/actions/b',
      actions: [{ action_id: 'hojo_1', block_id: 'choices_0', text: { type: 'plain_text', text: '6〜20人' }, value: encodeAction({ type: 'employees', employees: 20 }), type: 'button', action_ts: '1548426417.840180' }],
    };
    const res = await sendForm('interactions', { payload: JSON.stringify(payload) });
    expect(res.status).toBe(200);
    const [reply] = await waitFor((r) => r.url === 'http://fake.test/actions/b');
    expect(allText(reply!)).toContain('何をしたいですか');
  });
});
