// The @slack/bolt runner's listeners, exercised without a network: events go in
// through app.processEvent, the web client and response_url point at a local
// server that records what it receives.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerListeners } from '../../adapters/slack/bolt';
import { conversationKey } from '../../src/state/store';
import { MemoryConversationStore } from '../../src/state/memory-store';
import { knowledge } from '../helpers';
import { encodeAction } from '../../src/dialogue/actions';

const calls: { url: string; body: Record<string, unknown> }[] = [];
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString();
  const body = req.headers['content-type']?.includes('json') ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
  calls.push({ url: req.url!, body });
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ ok: true, ts: '1.1', channel: 'C1' }));
});
let base = '';
let conversations: MemoryConversationStore;
let app: App;

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());
beforeEach(() => {
  calls.length = 0;
  conversations = new MemoryConversationStore(knowledge, () => Date.parse('2024-05-01T03:00:00Z'));
  app = new App({
    receiver: { init: () => {}, start: async () => {}, stop: async () => {} },
    authorize: async () => ({ botToken: 'xoxb-test', botId: 'B0', botUserId: 'U0LAN0Z89' }),
    clientOptions: { slackApiUrl: `${base}/api/` },
    logLevel: LogLevel.ERROR,
  });
  registerListeners(app, conversations, '/hojo', () => '2024-05-01');
});

const acks: unknown[] = [];
const ack = async (r?: unknown) => {
  acks.push(r);
};

describe('Bolt runner (Socket Mode listeners)', () => {
  it('/hojo with a whole query answers through respond() in Block Kit', async () => {
    await app.processEvent({
      body: { token: 't', team_id: 'T1', channel_id: 'C1', user_id: 'U1', command: '/hojo', text: '高岡市 製造業 20人 展示会 100万円', response_url: `${base}/respond/1`, trigger_id: 'x' },
      ack,
    });
    const r = calls.find((c) => c.url === '/respond/1')!;
    expect(r.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(r.body.blocks).length).toBeGreaterThan(100);
    // 「展示会 100万円」: the amount is for the exhibition, so it goes to the tracks that serve it.
    expect(conversations.get(conversationKey('slack', 'T1', 'C1', 'U1', 'command'))?.slots).toMatchObject({ municipality: '高岡市', industry: 'manufacturing', employees: 20, expenses: [{ yen: 1_000_000, goal: 'trade-show' }] });
  });

  it('app_mention answers in the thread with chat.postMessage', async () => {
    await app.processEvent({
      body: { type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: { type: 'app_mention', user: 'U2', text: '<@U0LAN0Z89> 金沢市で製造業', ts: '100.1', channel: 'C9', event_ts: '100.1' } },
      ack,
    });
    const post = calls.find((c) => c.url === '/api/chat.postMessage')!;
    expect(post.body.channel).toBe('C9');
    expect(post.body.thread_ts).toBe('100.1');
    expect(String(post.body.blocks)).toContain('従業員');
  });

  it('message.im answers in the DM and ignores bot messages', async () => {
    await app.processEvent({ body: { type: 'event_callback', team_id: 'T1', event_id: 'Ev2', event: { type: 'message', channel_type: 'im', channel: 'D1', user: 'U3', text: '高岡市', ts: '1.2' } }, ack });
    await app.processEvent({ body: { type: 'event_callback', team_id: 'T1', event_id: 'Ev3', event: { type: 'message', subtype: 'bot_message', bot_id: 'B9', channel_type: 'im', channel: 'D1', text: 'loop', ts: '1.3' } }, ack });
    expect(calls.filter((c) => c.url === '/api/chat.postMessage')).toHaveLength(1);
    expect(conversations.get(conversationKey('slack', 'T1', 'im', 'U3'))?.slots.prefecture).toBe('富山県');
  });

  it('a button press continues the slash-command conversation', async () => {
    await app.processEvent({ body: { team_id: 'T1', channel_id: 'C1', user_id: 'U4', command: '/hojo', text: '高岡市 製造業', response_url: `${base}/respond/2` }, ack });
    await app.processEvent({
      body: {
        type: 'block_actions',
        team: { id: 'T1' },
        user: { id: 'U4' },
        channel: { id: 'C1' },
        container: { type: 'message', channel_id: 'C1', is_ephemeral: true, message_ts: '2.2' },
        response_url: `${base}/respond/3`,
        actions: [{ action_id: 'hojo_1', block_id: 'choices_0', value: encodeAction({ type: 'employees', employees: 20 }), type: 'button' }],
      },
      ack,
    });
    expect(conversations.get(conversationKey('slack', 'T1', 'C1', 'U4', 'command'))?.slots.employees).toBe(20);
    expect(calls.some((c) => c.url === '/respond/3')).toBe(true);
  });
});

describe('Bolt runner: threads, buttons, share, App Home, shortcut (issue 15)', () => {
  const blocksOf = (body: Record<string, unknown>) => (typeof body.blocks === 'string' ? JSON.parse(body.blocks) : body.blocks) as { type: string; text?: { text: string }; elements?: { action_id: string; value: string; text: { text: string } }[] }[];
  const buttonsOf = (body: Record<string, unknown>) => blocksOf(body).filter((b) => b.type === 'actions').flatMap((b) => b.elements!);

  it('a press in an @-mention thread answers in the thread and replaces the pressed message', async () => {
    await app.processEvent({ body: { type: 'event_callback', team_id: 'T1', event_id: 'Ev10', event: { type: 'app_mention', user: 'U5', text: '<@U0LAN0Z89> 金沢市で製造業', ts: '200.1', channel: 'C9', event_ts: '200.1' } }, ack });
    const first = calls.find((c) => c.url === '/api/chat.postMessage')!;
    const press = buttonsOf(first.body).find((b) => b.text.text.includes('人'))!;
    await app.processEvent({
      body: {
        type: 'block_actions',
        team: { id: 'T1', domain: 'example' },
        user: { id: 'U5', username: 'steve', team_id: 'T1' },
        container: { type: 'message', message_ts: '200.2', channel_id: 'C9', is_ephemeral: false, thread_ts: '200.1' },
        channel: { id: 'C9', name: 'general' },
        message: { type: 'message', user: 'U0LAN0Z89', bot_id: 'B0', ts: '200.2', thread_ts: '200.1', text: first.body.text, blocks: blocksOf(first.body) },
        response_url: `${base}/respond/thread`,
        actions: [{ action_id: press.action_id, block_id: 'choices_0', text: { type: 'plain_text', text: press.text.text }, value: press.value, type: 'button' }],
      },
      ack,
    });
    const posts = calls.filter((c) => c.url === '/api/chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toMatchObject({ channel: 'C9', thread_ts: '200.1' });
    expect(JSON.stringify(blocksOf(posts[1]!.body))).toContain('何をしたいですか');
    const replaced = calls.find((c) => c.url === '/respond/thread')!;
    expect(replaced.body.replace_original).toBe(true);
    expect(buttonsOf(replaced.body)).toHaveLength(0);
    expect(JSON.stringify(replaced.body.blocks)).toContain(`「${press.text.text}」を選びました`);
  });

  it('a press on the /hojo answer replaces it (replace_original); 「チャンネルに共有」 posts the answer in the channel', async () => {
    await app.processEvent({ body: { team_id: 'T1', channel_id: 'C1', user_id: 'U6', command: '/hojo', text: '金沢市 製造業 8人 海外展示会', response_url: `${base}/respond/10` }, ack });
    const first = calls.find((c) => c.url === '/respond/10')!;
    const expense = buttonsOf(first.body).find((b) => b.action_id !== 'hojo_share' && b.text.text.includes('万円'))!;
    const press = (button: { action_id: string; value: string; text: { text: string } }, url: string) =>
      app.processEvent({
        body: {
          type: 'block_actions',
          team: { id: 'T1' },
          user: { id: 'U6' },
          channel: { id: 'C1' },
          container: { type: 'message', channel_id: 'C1', is_ephemeral: true, message_ts: '3.3' },
          response_url: `${base}${url}`,
          actions: [{ action_id: button.action_id, block_id: 'choices_0', text: { type: 'plain_text', text: button.text.text }, value: button.value, type: 'button' }],
        },
        ack,
      });
    await press(expense, '/respond/11');
    const replaced = calls.find((c) => c.url === '/respond/11')!;
    expect(replaced.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    const share = buttonsOf(replaced.body).find((b) => b.text.text === 'チャンネルに共有')!;
    expect(share.action_id).toBe('hojo_share');
    await press(share, '/respond/12');
    const shared = calls.find((c) => c.url === '/respond/12')!;
    expect(shared.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(buttonsOf(shared.body)).toHaveLength(0);
    expect(JSON.stringify(shared.body.blocks)).toContain('<@U6> さんが補助金ナビの結果を共有しました');
  });

  it('a press in a DM without response_url updates the pressed message with chat.update and answers in the DM', async () => {
    await app.processEvent({ body: { type: 'event_callback', team_id: 'T1', event_id: 'Ev12', event: { type: 'message', channel_type: 'im', channel: 'D5', user: 'U9', text: '金沢市で製造業', ts: '500.1' } }, ack });
    const first = calls.find((c) => c.url === '/api/chat.postMessage')!;
    const press = buttonsOf(first.body).find((b) => b.text.text.includes('人'))!;
    await app.processEvent({
      body: {
        type: 'block_actions',
        team: { id: 'T1' },
        user: { id: 'U9' },
        container: { type: 'message', message_ts: '500.2', channel_id: 'D5', is_ephemeral: false },
        channel: { id: 'D5', name: 'directmessage' },
        message: { type: 'message', user: 'U0LAN0Z89', ts: '500.2', text: first.body.text, blocks: blocksOf(first.body) },
        actions: [{ action_id: press.action_id, block_id: 'choices_0', text: { type: 'plain_text', text: press.text.text }, value: press.value, type: 'button' }],
      },
      ack,
    });
    const update = calls.find((c) => c.url === '/api/chat.update')!;
    expect(update.body).toMatchObject({ channel: 'D5', ts: '500.2' });
    expect(buttonsOf(update.body)).toHaveLength(0);
    const posts = calls.filter((c) => c.url === '/api/chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body.channel).toBe('D5');
    expect(posts[1]!.body.thread_ts).toBeUndefined();
    expect(conversations.get(conversationKey('slack', 'T1', 'im', 'U9'))?.slots.employees).toBeDefined();
  });

  it('app_home_opened publishes the Home tab (views.publish)', async () => {
    await app.processEvent({ body: { type: 'event_callback', team_id: 'T1', event_id: 'Ev11', event: { type: 'app_home_opened', user: 'U7', channel: 'D7', tab: 'home', event_ts: '300.1' } }, ack });
    const publish = calls.find((c) => c.url === '/api/views.publish')!;
    expect(publish.body.user_id).toBe('U7');
    expect(JSON.parse(String(publish.body.view))).toMatchObject({ type: 'home' });
  });

  it('the message shortcut 「補助金を調べる」 runs the message text as a query', async () => {
    await app.processEvent({
      body: {
        type: 'message_action',
        callback_id: 'hojo_lookup',
        team: { id: 'T1', domain: 'example' },
        user: { id: 'U8', name: 'steve' },
        channel: { id: 'C1', name: 'general' },
        trigger_id: 'x',
        action_ts: '400.2',
        message_ts: '400.1',
        response_url: `${base}/respond/20`,
        message: { type: 'message', text: '高岡市の製造業で従業員20人', user: 'W2', ts: '400.1' },
      },
      ack,
    });
    const answer = calls.find((c) => c.url === '/respond/20')!;
    expect(answer.body.response_type).toBe('ephemeral');
    expect(conversations.get(conversationKey('slack', 'T1', 'C1', 'U8', 'command'))?.slots).toMatchObject({ municipality: '高岡市', employees: 20 });
  });

  it('App Home lists the /hojo query with 「もう一度調べる」; a press answers in the DM; 「データを削除」 removes the history', async () => {
    const homeOf = (publish: { body: Record<string, unknown> }) => JSON.parse(String(publish.body.view)) as { blocks: { block_id?: string; text?: { text: string }; accessory?: { action_id: string; value: string; text: { text: string } } }[] };
    const openHome = async (eventId: string) => {
      await app.processEvent({ body: { type: 'event_callback', team_id: 'T1', event_id: eventId, event: { type: 'app_home_opened', user: 'U20', channel: 'D20', tab: 'home', event_ts: '600.1' } }, ack });
      return homeOf(calls.filter((c) => c.url === '/api/views.publish').at(-1)!);
    };
    const homePress = (button: { action_id: string; value: string; text: { text: string } }) =>
      app.processEvent({
        body: {
          type: 'block_actions',
          user: { id: 'U20', username: 'steve', team_id: 'T1' },
          team: { id: 'T1', domain: 'example' },
          container: { type: 'view', view_id: 'V1' },
          view: { id: 'V1', type: 'home', team_id: 'T1', blocks: [], state: { values: {} } },
          trigger_id: 'x',
          actions: [{ action_id: button.action_id, block_id: 'recent_0', text: { type: 'plain_text', text: button.text.text }, value: button.value, type: 'button', action_ts: '600.3' }],
        },
        ack,
      });

    await app.processEvent({ body: { team_id: 'T1', channel_id: 'C1', user_id: 'U20', command: '/hojo', text: '金沢市で製造業、従業員8人。海外の展示会に出たい 300万円', response_url: `${base}/respond/30` }, ack });
    expect(calls.some((c) => c.url === '/respond/30')).toBe(true);
    const home = await openHome('Ev30');
    const recent = home.blocks.filter((b) => b.block_id?.startsWith('recent_'));
    expect(recent).toHaveLength(1);
    expect(recent[0]!.text!.text).toMatch(/^金沢市・製造業・8人・.*展示会.*・300万円$/);
    const rerun = recent[0]!.accessory!;
    expect(rerun).toMatchObject({ action_id: 'hojo_rerun', text: { text: 'もう一度調べる' } });

    await homePress(rerun);
    const answer = calls.find((c) => c.url === '/api/chat.postMessage' && c.body.channel === 'U20')!;
    expect(JSON.stringify(answer.body.blocks)).toContain('補助額の目安');
    expect(conversations.get(conversationKey('slack', 'T1', 'im', 'U20'))?.slots).toMatchObject({ municipality: '金沢市', employees: 8 });

    await app.processEvent({ body: { team_id: 'T1', channel_id: 'C1', user_id: 'U20', command: '/hojo', text: 'データを削除', response_url: `${base}/respond/31` }, ack });
    await app.processEvent({
      body: {
        type: 'block_actions',
        team: { id: 'T1' },
        user: { id: 'U20' },
        channel: { id: 'C1' },
        container: { type: 'message', channel_id: 'C1', is_ephemeral: true, message_ts: '6.6' },
        response_url: `${base}/respond/32`,
        actions: [{ action_id: 'hojo_0', block_id: 'choices_0', text: { type: 'plain_text', text: '削除する' }, value: encodeAction({ type: 'delete', confirmed: true }), type: 'button' }],
      },
      ack,
    });
    expect(JSON.stringify(calls.find((c) => c.url === '/respond/32')!.body.blocks)).toContain('削除しました');
    expect((await openHome('Ev31')).blocks.filter((b) => b.block_id?.startsWith('recent_'))).toHaveLength(0);
  });
});
