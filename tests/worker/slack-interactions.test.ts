// Slack threads, buttons, sharing, App Home and the message shortcut on Workers (issue 15):
// documented payload shapes, signed like Slack signs them, through the Worker and the
// Durable Object to the fake Slack API.
import { beforeEach, describe, expect, it } from 'vitest';
import { eventCallback, form, recorded as recordedCalls, signedSlack, waitFor as waitForCalls } from './platform';

interface Button {
  type: string;
  action_id: string;
  value: string;
  text: { text: string };
}
interface SlackBlock {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: (Button & { text: { text: string } | string })[];
  accessory?: Button;
}
interface Recorded {
  url: string;
  body: {
    channel?: string;
    ts?: string;
    thread_ts?: string;
    text?: string;
    blocks?: SlackBlock[];
    response_type?: string;
    replace_original?: boolean;
    user_id?: string;
    view?: { type: string; blocks: SlackBlock[] };
  };
}
const recorded = () => recordedCalls<Recorded>();
const waitFor = (pred: (r: Recorded) => boolean, count = 1) => waitForCalls<Recorded>(pred, count);
const buttons = (blocks: SlackBlock[] = []) => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Button[]);
const interaction = (payload: unknown) => signedSlack('interactions', form({ payload: JSON.stringify(payload) }), 'application/x-www-form-urlencoded');

let n = 0;
const id = (p: string) => `${p}${(n++).toString(36).toUpperCase().padStart(8, '0')}`;
const TEAM = 'T061EG9R6';
const BOT = 'U0LAN0Z89';

beforeEach(async () => {
  await fetch('http://fake.test/__reset', { method: 'POST' });
});

/** An @-mention in a channel; the bot's answer in its thread, as Slack would show it. */
async function mention(text: string, user: string, channel: string, ts: string) {
  await signedSlack(
    'events',
    JSON.stringify(eventCallback(TEAM, id('Ev'), { type: 'app_mention', user, text: `<@${BOT}> ${text}`, ts, channel, event_ts: ts })),
  );
  const [post] = await waitFor((r) => r.url.endsWith('/api/chat.postMessage') && r.body.thread_ts === ts);
  return post!;
}

/** A block_actions payload for a press on a message the bot posted in a channel thread (not ephemeral). */
function threadPress(opts: { user: string; channel: string; threadTs: string; messageTs: string; message: Recorded['body']; button: Button; responseUrl: string }) {
  return {
    type: 'block_actions',
    user: { id: opts.user, username: 'steve', name: 'steve', team_id: TEAM },
    api_app_id: 'A0MDYCDME',
    token: 'x',
    container: { type: 'message', message_ts: opts.messageTs, channel_id: opts.channel, is_ephemeral: false, thread_ts: opts.threadTs },
    trigger_id: '12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3',
    team: { id: TEAM, domain: 'example' },
    channel: { id: opts.channel, name: 'general' },
    message: { bot_id: 'B0', type: 'message', text: opts.message.text, user: BOT, ts: opts.messageTs, thread_ts: opts.threadTs, team: TEAM, blocks: opts.message.blocks },
    state: { values: {} },
    response_url: opts.responseUrl,
    actions: [{ action_id: opts.button.action_id, block_id: 'choices_0', text: { type: 'plain_text', text: opts.button.text.text, emoji: true }, value: opts.button.value, type: 'button', action_ts: '1548426417.840180' }],
  };
}

describe('Slack buttons in an @-mention thread', () => {
  it('answers in the thread (thread_ts) and replaces the pressed message: the choice shown, its buttons retired', async () => {
    const user = id('U');
    const channel = 'C0LAN2Q65';
    const threadTs = '1515449600.000016';
    const first = await mention('金沢市で製造業', user, channel, threadTs);
    const press = buttons(first.body.blocks).find((b) => b.text.text.includes('人'))!;
    expect(press).toBeDefined();
    await interaction(threadPress({ user, channel, threadTs, messageTs: '1515449601.000100', message: first.body, button: press, responseUrl: 'http://fake.test/actions/thread1' }));

    const [answer] = await waitFor((r) => r.url.endsWith('/api/chat.postMessage') && r.body.thread_ts === threadTs, 2).then((r) => r.slice(1));
    expect(answer!.body).toMatchObject({ channel, thread_ts: threadTs });
    expect(JSON.stringify(answer!.body.blocks)).toContain('何をしたいですか');

    const [replaced] = await waitFor((r) => r.url === 'http://fake.test/actions/thread1');
    expect(replaced!.body.replace_original).toBe(true);
    expect(buttons(replaced!.body.blocks)).toHaveLength(0);
    expect(JSON.stringify(replaced!.body.blocks)).toContain(`「${press.text.text}」を選びました`);
    // The question stays readable above the choice.
    expect(JSON.stringify(replaced!.body.blocks)).toContain(first.body.blocks![0]!.text!.text);
    expect((await recorded()).filter((r) => r.url === 'http://fake.test/actions/thread1')).toHaveLength(1);
  });
});

describe('/hojo: ephemeral answers', () => {
  const command = (user: string, text: string, url: string) =>
    signedSlack('commands', form({ team_id: 'T0001', team_domain: 'example', channel_id: 'C2147483705', channel_name: 'test', user_id: user, user_name: 'steve', command: '/hojo', text, response_url: url, trigger_id: 'x' }), 'application/x-www-form-urlencoded');
  const ephemeralPress = (user: string, button: Button, url: string) => ({
    type: 'block_actions',
    team: { id: 'T0001', domain: 'example' },
    user: { id: user, username: 'steve', team_id: 'T0001' },
    api_app_id: 'A123456',
    token: 'x',
    container: { type: 'message', message_ts: '1548261231.000200', channel_id: 'C2147483705', is_ephemeral: true },
    trigger_id: 'x',
    channel: { id: 'C2147483705', name: 'test' },
    response_url: url,
    actions: [{ action_id: button.action_id, block_id: 'choices_0', text: { type: 'plain_text', text: button.text.text }, value: button.value, type: 'button', action_ts: '1548426417.840180' }],
  });

  it('a press replaces the ephemeral message (replace_original) with the answer, headed by the choice', async () => {
    const user = id('U');
    await command(user, '高岡市 製造業', 'http://fake.test/commands/e1');
    const [question] = await waitFor((r) => r.url === 'http://fake.test/commands/e1');
    const press = buttons(question!.body.blocks).find((b) => b.text.text.includes('人'))!;
    await interaction(ephemeralPress(user, press, 'http://fake.test/actions/e1'));
    const [reply] = await waitFor((r) => r.url === 'http://fake.test/actions/e1');
    expect(reply!.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(JSON.stringify(reply!.body.blocks)).toContain(`「${press.text.text}」を選びました`);
    expect(JSON.stringify(reply!.body.blocks)).toContain('何をしたいですか');
  });

  it('an answer has 「チャンネルに共有」, which posts the answer in the channel without buttons', async () => {
    const user = id('U');
    await command(user, '金沢市 製造業 8人 海外展示会 300万円', 'http://fake.test/commands/s1');
    const [answer] = await waitFor((r) => r.url === 'http://fake.test/commands/s1');
    expect(answer!.body.response_type).toBe('ephemeral');
    const share = buttons(answer!.body.blocks).find((b) => b.text.text === 'チャンネルに共有')!;
    expect(share).toMatchObject({ action_id: 'hojo_share' });
    await interaction(ephemeralPress(user, share, 'http://fake.test/actions/s1'));
    const [shared] = await waitFor((r) => r.url === 'http://fake.test/actions/s1');
    expect(shared!.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(buttons(shared!.body.blocks)).toHaveLength(0);
    expect(JSON.stringify(shared!.body.blocks)).toContain(`<@${user}> さんが補助金ナビの結果を共有しました`);
    expect(JSON.stringify(shared!.body.blocks)).toContain('補助額の目安');
  });
});

describe('App Home and the message shortcut', () => {
  it('app_home_opened (home tab) publishes the Home view with views.publish', async () => {
    const user = id('U');
    await signedSlack(
      'events',
      JSON.stringify(eventCallback(TEAM, id('Ev'), { type: 'app_home_opened', user, channel: 'D0LAN2Q65', tab: 'home', event_ts: '1515449522000016' })),
    );
    const [publish] = await waitFor((r) => r.url.endsWith('/api/views.publish'));
    expect(publish!.body.user_id).toBe(user);
    expect(publish!.body.view!.type).toBe('home');
    expect(JSON.stringify(publish!.body.view)).toContain('/hojo 金沢市 製造業 8人 海外展示会 300万円');
    expect(JSON.stringify(publish!.body.view)).toContain('補助金を調べる');
  });

  it('the message shortcut 「補助金を調べる」 runs the selected message as a query, answered ephemerally', async () => {
    const user = id('U');
    const res = await interaction({
      type: 'message_action',
      token: 'x',
      action_ts: '1607081569.852971',
      team: { id: TEAM, domain: 'example' },
      user: { id: user, username: 'steve', team_id: TEAM, name: 'steve' },
      channel: { id: 'C0LAN2Q65', name: 'general' },
      is_enterprise_install: false,
      callback_id: 'hojo_lookup',
      trigger_id: '111.222.xxx',
      response_url: 'http://fake.test/app/T111/123/xyz',
      message_ts: '1607081557.000300',
      message: { client_msg_id: 'x', type: 'message', text: '高岡市の製造業で従業員20人、展示会に出たいそうです', user: 'W222', ts: '1607081557.000300', team: TEAM },
    });
    expect(res.status).toBe(200);
    const [answer] = await waitFor((r) => r.url === 'http://fake.test/app/T111/123/xyz');
    expect(answer!.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer!.body.blocks)).toContain('高岡市');
  });
});

describe('App Home: the advisor\'s last queries, rerun with 「もう一度調べる」', () => {
  const command = (user: string, text: string, url: string) =>
    signedSlack('commands', form({ team_id: TEAM, team_domain: 'example', channel_id: 'C2147483705', channel_name: 'test', user_id: user, user_name: 'steve', command: '/hojo', text, response_url: url, trigger_id: 'x' }), 'application/x-www-form-urlencoded');
  /** app_home_opened as Slack sends it; resolves with the views.publish call it caused (the `nth` one for that user). */
  const openHome = async (user: string, nth = 1) => {
    await signedSlack(
      'events',
      JSON.stringify(eventCallback(TEAM, id('Ev'), { type: 'app_home_opened', user, channel: 'D0LAN2Q65', tab: 'home', event_ts: '1515449522000016' })),
    );
    const published = await waitFor((r) => r.url.endsWith('/api/views.publish') && r.body.user_id === user, nth);
    return published[nth - 1]!;
  };
  const rerunButtons = (view: Recorded['body']['view']) => (view?.blocks ?? []).flatMap((b) => (b.accessory ? [b.accessory] : [])).filter((b) => b.action_id === 'hojo_rerun');
  /** A press on the Home tab (block_actions from a view: no channel, no message, no response_url). */
  const homePress = (user: string, button: Button) => ({
    type: 'block_actions',
    user: { id: user, username: 'steve', name: 'steve', team_id: TEAM },
    api_app_id: 'A0MDYCDME',
    token: 'x',
    container: { type: 'view', view_id: 'V0PKB1ZFV' },
    trigger_id: '12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3',
    team: { id: TEAM, domain: 'example' },
    is_enterprise_install: false,
    view: { id: 'V0PKB1ZFV', team_id: TEAM, type: 'home', blocks: [], private_metadata: '', callback_id: '', state: { values: {} }, hash: '1605664043.4pYoMB9t', app_id: 'A0MDYCDME', bot_id: 'B0' },
    actions: [{ action_id: button.action_id, block_id: 'recent_0', text: { type: 'plain_text', text: button.text.text, emoji: true }, value: button.value, type: 'button', action_ts: '1548426417.840180' }],
  });

  it('after a /hojo query the Home tab lists it (slots, not the typed text) with 「もう一度調べる」, and a press answers in the DM', async () => {
    const user = id('U');
    await command(user, '金沢市で製造業、従業員8人。海外の展示会に出たい 300万円', 'http://fake.test/commands/h1');
    await waitFor((r) => r.url === 'http://fake.test/commands/h1');
    const home = await openHome(user);
    const view = JSON.stringify(home.body.view);
    expect(view).toContain('*最近の検索*');
    // 「金沢市・製造業・8人・展示会・見本市への出展、海外展開・300万円」: from the slots.
    expect(view).toMatch(/"金沢市・製造業・8人・[^"]*展示会[^"]*・300万円"/);
    const recent = (home.body.view?.blocks ?? []).filter((b) => b.block_id?.startsWith('recent_'));
    expect(recent).toHaveLength(1);
    expect(recent[0]!.text!.text).not.toMatch(/出たい|従業員|海外の/);
    const [rerun, ...others] = rerunButtons(home.body.view);
    expect(others).toHaveLength(0);
    expect(rerun).toMatchObject({ action_id: 'hojo_rerun', text: { text: 'もう一度調べる' } });
    expect(rerun!.value).toMatch(/^[0-9a-f]{8}$/);

    await interaction(homePress(user, rerun!));
    const [answer] = await waitFor((r) => r.url.endsWith('/api/chat.postMessage') && r.body.channel === user);
    expect(JSON.stringify(answer!.body.blocks)).toContain('前回の条件でもう一度お調べします');
    expect(JSON.stringify(answer!.body.blocks)).toContain('補助額の目安');
    // The Home tab is published again, the query still listed once.
    const again = await waitFor((r) => r.url.endsWith('/api/views.publish') && r.body.user_id === user, 2);
    expect(rerunButtons(again[1]!.body.view)).toHaveLength(1);
  });

  it('keeps at most 5 queries, newest first, deduplicated', async () => {
    const user = id('U');
    const queries = ['高岡市 製造業 20人 展示会 100万円', '金沢市 製造業 8人 展示会 300万円', '富山市 小売業 3人 ホームページ 50万円', '金沢市 製造業 8人 展示会 300万円', '射水市 製造業 10人 設備 500万円', '小松市 建設業 5人 展示会 200万円', '白山市 製造業 30人 ホームページ 80万円'];
    for (const [i, q] of queries.entries()) {
      await command(user, q, `http://fake.test/commands/k${i}`);
      await waitFor((r) => r.url === `http://fake.test/commands/k${i}`);
    }
    const home = await openHome(user);
    const lines = (home.body.view?.blocks ?? []).filter((b) => b.block_id?.startsWith('recent_')).map((b) => b.text!.text);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('白山市');
    expect(lines[1]).toContain('小松市');
    expect(lines[2]).toContain('射水市');
    expect(lines[3]).toContain('金沢市');
    expect(lines[4]).toContain('富山市');
  });

  it('「データを削除」 removes the history: the next Home view lists none, and an old button finds nothing', async () => {
    const user = id('U');
    await command(user, '金沢市 製造業 8人 展示会 300万円', 'http://fake.test/commands/d1');
    await waitFor((r) => r.url === 'http://fake.test/commands/d1');
    const [rerun] = rerunButtons((await openHome(user)).body.view);
    expect(rerun).toBeDefined();

    await command(user, 'データを削除', 'http://fake.test/commands/d2');
    const [question] = await waitFor((r) => r.url === 'http://fake.test/commands/d2');
    const confirm = buttons(question!.body.blocks).find((b) => b.text.text === '削除する')!;
    await interaction({
      type: 'block_actions',
      team: { id: TEAM, domain: 'example' },
      user: { id: user, username: 'steve', team_id: TEAM },
      api_app_id: 'A0MDYCDME',
      token: 'x',
      container: { type: 'message', message_ts: '1548261231.000200', channel_id: 'C2147483705', is_ephemeral: true },
      trigger_id: 'x',
      channel: { id: 'C2147483705', name: 'test' },
      response_url: 'http://fake.test/actions/d3',
      actions: [{ action_id: confirm.action_id, block_id: 'choices_0', text: { type: 'plain_text', text: confirm.text.text }, value: confirm.value, type: 'button', action_ts: '1548426417.840180' }],
    });
    const [deleted] = await waitFor((r) => r.url === 'http://fake.test/actions/d3');
    expect(JSON.stringify(deleted!.body.blocks)).toContain('削除しました');

    const home = await openHome(user, 2);
    expect(rerunButtons(home.body.view)).toHaveLength(0);
    expect(JSON.stringify(home.body.view)).not.toContain('*最近の検索*');

    await interaction(homePress(user, rerun!));
    const [gone] = await waitFor((r) => r.url.endsWith('/api/chat.postMessage') && r.body.channel === user);
    expect(JSON.stringify(gone!.body.blocks)).toContain('見つかりませんでした');
  });
});
