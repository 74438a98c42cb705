// The handoff to a 商工会 advisor end to end (issue 16): a LINE owner and a web chat
// owner, the advisors' Slack channel, through the Worker, the conversation and case
// Durable Objects and the fake LINE/Slack APIs. Real payload shapes: LINE webhook
// events, Slack block_actions and Events API message events.
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/dialogue/actions';
import { bindings, eventCallback, form, recorded, signedLine, signedSlack, waitFor, worker } from './platform';

interface Rec {
  url: string;
  headers: Record<string, string>;
  body: {
    replyToken?: string;
    to?: string;
    channel?: string;
    ts?: string;
    thread_ts?: string;
    user?: string;
    text?: string;
    response_type?: string;
    blocks?: { type: string; elements?: { action_id?: string; value?: string; text?: { text: string } }[] }[];
    messages?: { type: string; text?: string; quickReply?: { items: { action: { data?: string; label: string } }[] } }[];
  };
}

const TEAM = 'T0ADVISOR';
const KANAZAWA = 'CKANAZAWA1';
const DEFAULT = 'CCASES0001';
const FIRST = '金沢市で製造業をしています。従業員は8人です。海外の見本市に出展したいです。費用は300万円くらいです。';

let n = 0;
const uid = () => `U${Date.now().toString(16)}${(n++).toString().padStart(8, '0')}`.padEnd(33, '0');
const event = (user: string, type: string, extra: Record<string, unknown>) => ({
  type,
  mode: 'active',
  timestamp: Date.now(),
  source: { type: 'user', userId: user },
  webhookEventId: `01HANDOFF${Date.now()}${n++}`,
  deliveryContext: { isRedelivery: false },
  replyToken: `token-${user}-${n++}`,
  ...extra,
});
const text = (user: string, t: string) => event(user, 'message', { message: { id: String(n++), type: 'text', quoteToken: 'q', text: t } });
const press = (user: string, data: string) => event(user, 'postback', { postback: { data } });

/** Sends one LINE event and waits for its reply (or returns undefined when none comes). */
async function line(e: ReturnType<typeof event>, expectReply = true): Promise<Rec | undefined> {
  expect((await signedLine(JSON.stringify({ destination: 'Ubot', events: [e] }))).status).toBe(200);
  const [r] = await waitFor<Rec>((x) => x.body?.replyToken === e.replyToken, 1, expectReply ? 150 : 15);
  return r;
}
const replyText = (r: Rec | undefined) => (r?.body.messages ?? []).map((m) => m.text ?? '').join('\n');
const quick = (r: Rec | undefined) => r?.body.messages?.at(-1)?.quickReply?.items.map((i) => i.action) ?? [];

const api = (method: string) => (x: Rec) => x.url.endsWith(`/api/${method}`);
const pushesTo = (user: string) => (x: Rec) => x.url.endsWith('/v2/bot/message/push') && x.body.to === user;

/** An owner on LINE with an answer, then consent given: the case card posted. */
async function openCase(user: string, contact?: string): Promise<{ card: Rec; caseId: string }> {
  const answer = await line(text(user, FIRST));
  expect(quick(answer).map((a) => a.label)).toContain('商工会に相談する');
  const consent = await line(press(user, encodeAction({ type: 'handoff', step: 'offer' })));
  expect(replyText(consent)).toContain('次の内容をお送りします');
  if (contact) expect(replyText(await line(text(user, contact)))).toContain('連絡先を追加しました');
  const sent = await line(press(user, encodeAction({ type: 'handoff', step: 'consent' })));
  expect(replyText(sent)).toContain('相談内容をお送りしました');
  const [card] = await waitFor<Rec>((x) => api('chat.postMessage')(x) && !x.body.thread_ts && x.body.text?.includes('補助金ナビからの相談') === true);
  const claim = card!.body.blocks!.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'hojo_case_claim')!;
  return { card: card!, caseId: claim.value! };
}

/** The card's channel and ts (chat.postMessage answered them; the card's updates name them). */
async function cardTs(caseId: string): Promise<{ channel: string; ts: string }> {
  const [u] = await waitFor<Rec>((x) => api('chat.update')(x) && JSON.stringify(x.body).includes(caseId));
  if (!u) throw new Error('no card update');
  return { channel: u.body.channel!, ts: u.body.ts! };
}

const casePress = (user: string, name: string, action: 'hojo_case_claim' | 'hojo_case_close', caseId: string, channel: string, url: string) => ({
  type: 'block_actions',
  user: { id: user, username: name, name, team_id: TEAM },
  api_app_id: 'A0MDYCDME',
  token: 'x',
  container: { type: 'message', message_ts: '1700000000.000001', channel_id: channel, is_ephemeral: false },
  trigger_id: 'x',
  team: { id: TEAM, domain: 'shokokai' },
  channel: { id: channel, name: 'soudan' },
  response_url: url,
  actions: [{ action_id: action, block_id: 'b', text: { type: 'plain_text', text: action === 'hojo_case_claim' ? '担当する' : '対応済み' }, value: caseId, type: 'button', action_ts: '1700000000.1' }],
});
const interact = async (payload: unknown) => expect((await signedSlack('interactions', form({ payload: JSON.stringify(payload) }), 'application/x-www-form-urlencoded')).status).toBe(200);
const threadReply = async (user: string, channel: string, threadTs: string, t: string, eventId = `Ev${n++}`) =>
  expect((await signedSlack('events', JSON.stringify(eventCallback(TEAM, eventId, { type: 'message', channel, channel_type: 'channel', user, text: t, ts: `1700000100.${String(n++).padStart(6, '0')}`, thread_ts: threadTs })))).status).toBe(200);

beforeEach(async () => {
  await fetch('http://fake.test/__reset', { method: 'POST' });
});

describe('handoff: offer → consent → case → claim → relay both ways → close', () => {
  it('goes the whole way for a LINE owner, sharing only what was shown in the consent step', async () => {
    const owner = uid();
    const { card, caseId } = await openCase(owner, '山田太郎 090-1234-5678');
    // Routed to 金沢市's channel; the card has the conditions, the programs with amounts, the contact, and no message text.
    expect(card.body.channel).toBe(KANAZAWA);
    const cardJson = JSON.stringify(card.body.blocks);
    expect(cardJson).toContain('石川県金沢市');
    expect(cardJson).toContain('海外販路開拓支援事業');
    expect(cardJson).toMatch(/1,000,000円/);
    expect(cardJson).toContain('山田太郎');
    expect(cardJson).toContain('090-1234-5678');
    expect(cardJson).not.toContain('出展したい');
    expect(cardJson).not.toContain('くらい');

    // 担当する: the card shows who has it, the owner is told by push.
    await interact(casePress('UADV00001', 'sato', 'hojo_case_claim', caseId, KANAZAWA, 'http://fake.test/actions/claim1'));
    const [update] = await waitFor<Rec>((x) => api('chat.update')(x) && JSON.stringify(x.body).includes('UADV00001'));
    expect(update!.body.channel).toBe(KANAZAWA);
    const [claimed] = await waitFor<Rec>(pushesTo(owner));
    expect(JSON.stringify(claimed!.body.messages)).toContain('satoさんが担当します');
    expect(claimed!.headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);

    // The owner's message goes to the thread (the first one gets a notice, later ones no reply).
    const { ts } = await cardTs(caseId);
    const first = await line(text(owner, '来週、窓口に伺ってもよいですか'));
    expect(replyText(first)).toContain('担当者宛てにお送りしました');
    const [relayed] = await waitFor<Rec>((x) => api('chat.postMessage')(x) && x.body.thread_ts === ts && x.body.text?.includes('来週、窓口に伺ってもよいですか') === true);
    expect(relayed!.body.channel).toBe(KANAZAWA);
    expect(await line(text(owner, '資料も持っていきます'), false)).toBeUndefined();
    await waitFor<Rec>((x) => x.body.thread_ts === ts && x.body.text?.includes('資料も持っていきます') === true);

    // The advisor's reply in the thread reaches the owner, markup made plain; a colleague's note does not.
    await threadReply('UADV00001', KANAZAWA, ts, 'はい、<@UADV00002> と一緒にお待ちしています。詳細は <https://example.jp/a|案内> をご覧ください &amp; お気軽に');
    const pushes = await waitFor<Rec>(pushesTo(owner), 2);
    const said = JSON.stringify(pushes[1]!.body.messages);
    expect(said).toContain('【担当 satoさんより】');
    expect(said).toContain('案内（https://example.jp/a）');
    expect(said).toContain('& お気軽に');
    expect(said).not.toContain('<@');
    await threadReply('UADV00002', KANAZAWA, ts, '社内メモ：前回の申請書あり');
    const [note] = await waitFor<Rec>((x) => api('chat.postEphemeral')(x) && x.body.user === 'UADV00002');
    expect(note!.body.text).toContain('届いていません');
    expect((await recorded<Rec>()).filter(pushesTo(owner))).toHaveLength(2);

    // 対応済み by the advisor: the card loses its buttons, the thread and the owner are told; later replies stay in Slack.
    await interact(casePress('UADV00001', 'sato', 'hojo_case_close', caseId, KANAZAWA, 'http://fake.test/actions/close1'));
    const closedPush = (await waitFor<Rec>(pushesTo(owner), 3))[2]!;
    expect(JSON.stringify(closedPush.body.messages)).toContain('担当者が相談を終了しました');
    const finalCard = (await recorded<Rec>()).filter((x) => api('chat.update')(x)).at(-1)!;
    expect(JSON.stringify(finalCard.body.blocks)).toContain('対応済み');
    expect(JSON.stringify(finalCard.body.blocks)).not.toContain('hojo_case_claim');
    // The owner's next message is a normal turn again (not relayed).
    const after = await line(text(owner, '従業員は30人に変更'));
    expect(replyText(after)).toContain('30人');
  });

  it('the owner can end the case: 「相談を終了」 tells the thread and updates the card', async () => {
    const owner = uid();
    const { caseId } = await openCase(owner);
    const ended = await line(text(owner, '相談を終了'));
    expect(replyText(ended)).toContain('相談を終了しました');
    const [note] = await waitFor<Rec>((x) => api('chat.postMessage')(x) && x.body.text?.includes('相談者が相談を終了しました') === true);
    expect(note!.body.thread_ts).toBeDefined();
    const [card] = await waitFor<Rec>((x) => api('chat.update')(x) && JSON.stringify(x.body).includes('相談者が終了しました'));
    expect(JSON.stringify(card!.body.blocks)).not.toContain('hojo_case_close');
    expect(JSON.stringify(card!.body.blocks)).toContain(caseId.slice(0, 8));
  });
});

describe('handoff: consent', () => {
  it('「やめる」 sends nothing to Slack, and nothing is sent before 「同意して相談する」', async () => {
    const owner = uid();
    await line(text(owner, FIRST));
    await line(press(owner, encodeAction({ type: 'handoff', step: 'offer' })));
    await line(text(owner, '山田 03-1234-5678'));
    expect((await recorded<Rec>()).filter((x) => x.url.includes('/api/'))).toHaveLength(0);
    const cancelled = await line(press(owner, encodeAction({ type: 'handoff', step: 'cancel' })));
    expect(replyText(cancelled)).toContain('何も送信していません');
    // A stale consent button after cancelling shows the content again instead of sending.
    const stale = await line(press(owner, encodeAction({ type: 'handoff', step: 'consent' })));
    expect(replyText(stale)).toContain('もう一度ご確認ください');
    expect((await recorded<Rec>()).filter((x) => x.url.includes('/api/'))).toHaveLength(0);
  });

  it('a failed post to Slack sends nothing and offers the consent again', async () => {
    const owner = uid();
    await line(text(owner, FIRST));
    await line(press(owner, encodeAction({ type: 'handoff', step: 'offer' })));
    await fetch('http://fake.test/__fail?count=1&error=channel_not_found&match=chat.postMessage', { method: 'POST' });
    const failed = await line(press(owner, encodeAction({ type: 'handoff', step: 'consent' })));
    expect(replyText(failed)).toContain('送信に失敗しました');
    expect(quick(failed).map((a) => a.label)).toContain('商工会に相談する');
    // The owner's messages are not relayed anywhere: no case is open.
    const next = await line(text(owner, '従業員は9人に変更'));
    expect(replyText(next)).toContain('9人');
  });

  it('a group chat is not offered the handoff (its members are not one owner)', async () => {
    const owner = uid();
    const mention = { mentionees: [{ index: 0, length: 6, type: 'user', isSelf: true }] };
    const e = { ...event(owner, 'message', { message: { id: String(n++), type: 'text', text: `@補助金ナビ ${FIRST}`, mention } }), source: { type: 'group', groupId: 'Cgroup0001', userId: owner } };
    const r = await line(e);
    expect(quick(r).map((a) => a.label)).not.toContain('商工会に相談する');
  });
});

describe('handoff: the claim race', () => {
  it('two advisors press 「担当する」 at once: one has it, the other is told who', async () => {
    const owner = uid();
    const { caseId } = await openCase(owner);
    await Promise.all([
      interact(casePress('UADVRACE1', 'tanaka', 'hojo_case_claim', caseId, KANAZAWA, 'http://fake.test/actions/race1')),
      interact(casePress('UADVRACE2', 'suzuki', 'hojo_case_claim', caseId, KANAZAWA, 'http://fake.test/actions/race2')),
    ]);
    const [told] = await waitFor<Rec>((x) => x.url.startsWith('http://fake.test/actions/race'));
    const loser = told!.url.endsWith('race1') ? 'UADVRACE1' : 'UADVRACE2';
    const winner = loser === 'UADVRACE1' ? 'UADVRACE2' : 'UADVRACE1';
    expect(told!.body.text).toContain(`<@${winner}>`);
    expect(told!.body.response_type).toBe('ephemeral');
    const pushes = await waitFor<Rec>(pushesTo(owner));
    expect(pushes).toHaveLength(1);
    expect(JSON.stringify(pushes[0]!.body.messages)).toContain(winner === 'UADVRACE1' ? 'tanakaさん' : 'suzukiさん');
    // Pressing again is harmless: no second push.
    await interact(casePress(winner, 'x', 'hojo_case_claim', caseId, KANAZAWA, 'http://fake.test/actions/again'));
    await waitFor<Rec>((x) => x.url === 'http://fake.test/actions/again');
    expect((await recorded<Rec>()).filter(pushesTo(owner))).toHaveLength(1);
  });
});

describe('handoff: deletion during an open case', () => {
  it('「データを削除」 withdraws the case: the card is scrubbed, the owner’s posts deleted, the thread told; nothing reaches the owner afterwards', async () => {
    const owner = uid();
    const { caseId } = await openCase(owner, '佐藤花子 0761234567');
    await interact(casePress('UADVDEL01', 'kato', 'hojo_case_claim', caseId, KANAZAWA, 'http://fake.test/actions/del'));
    const { ts } = await cardTs(caseId);
    await line(text(owner, '見積書を送ります'));
    const [post] = await waitFor<Rec>((x) => x.body.thread_ts === ts && x.body.text?.includes('見積書') === true);
    expect(post).toBeDefined();

    const ask = await line(text(owner, 'データを削除'));
    expect(replyText(ask)).toContain('本当に削除しますか');
    const done = await line(press(owner, encodeAction({ type: 'delete', confirmed: true })));
    expect(replyText(done)).toContain('削除しました');

    const scrubbed = (await waitFor<Rec>((x) => api('chat.update')(x) && x.body.text?.includes('取り下げられました') === true))[0]!;
    expect(JSON.stringify(scrubbed.body)).not.toContain('佐藤花子');
    expect(JSON.stringify(scrubbed.body)).not.toContain('金沢市');
    const [deleted] = await waitFor<Rec>(api('chat.delete'));
    expect(deleted!.body.channel).toBe(KANAZAWA);
    const [told] = await waitFor<Rec>((x) => api('chat.postMessage')(x) && x.body.thread_ts === ts && x.body.text === '相談者がこの相談を取り下げました。');
    expect(told).toBeDefined();

    // The advisor's later reply finds no case: nothing is pushed; buttons say it is gone.
    const before = (await recorded<Rec>()).filter(pushesTo(owner)).length;
    await threadReply('UADVDEL01', KANAZAWA, ts, 'ご連絡ありがとうございます');
    await interact(casePress('UADVDEL01', 'kato', 'hojo_case_close', caseId, KANAZAWA, 'http://fake.test/actions/gone'));
    const [gone] = await waitFor<Rec>((x) => x.url === 'http://fake.test/actions/gone');
    expect(gone!.body.text).toContain('取り下げ');
    expect((await recorded<Rec>()).filter(pushesTo(owner))).toHaveLength(before);
  });
});

describe('handoff: the web chat', () => {
  const chat = (userId: string, body: Record<string, unknown>) =>
    worker.fetch('http://hojo-navi.test/api/v1/web/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, date: '2026-11-25', ...body }) });
  const inbox = (userId: string) => worker.fetch('http://hojo-navi.test/api/v1/web/inbox', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });

  it('routes by prefecture default, relays, and the advisor’s news waits in the inbox once', async () => {
    const user = `web-${uid()}`;
    const answer = (await (await chat(user, { text: 'ひたちなか市で小売業、従業員3人、ホームページを作りたい、費用50万円' })).json()) as { reply: { choices: { label: string }[] }; caseOpen: boolean };
    expect(answer.reply.choices.map((c) => c.label)).toContain('商工会に相談する');
    expect(answer.caseOpen).toBe(false);
    await chat(user, { choice: encodeAction({ type: 'handoff', step: 'offer' }) });
    const sent = (await (await chat(user, { choice: encodeAction({ type: 'handoff', step: 'consent' }) })).json()) as { reply: { texts: string[] }; caseOpen: boolean };
    expect(sent.reply.texts.join()).toContain('相談内容をお送りしました');
    expect(sent.caseOpen).toBe(true);
    const [card] = await waitFor<Rec>((x) => api('chat.postMessage')(x) && x.body.text?.includes('補助金ナビからの相談') === true);
    expect(card!.body.channel).toBe(DEFAULT);
    const caseId = card!.body.blocks!.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'hojo_case_claim')!.value!;

    // Named to the owner by the Slack display name (users.info), not the handle.
    await interact(casePress('UNAMEDWEB1', 'ito.t', 'hojo_case_claim', caseId, DEFAULT, 'http://fake.test/actions/web'));
    await waitFor<Rec>((x) => api('chat.update')(x) && JSON.stringify(x.body).includes('UNAMEDWEB1'));
    const { ts } = await cardTs(caseId);
    const relayed = (await (await chat(user, { text: 'よろしくお願いします' })).json()) as { reply: { kind: string } };
    expect(relayed.reply.kind).toBe('info');
    await waitFor<Rec>((x) => x.body.thread_ts === ts && x.body.text?.includes('よろしくお願いします') === true);
    await threadReply('UNAMEDWEB1', DEFAULT, ts, '承知しました。明日お電話します。');

    let got: { replies: { reply: { texts: string[] } }[]; caseOpen: boolean } = { replies: [], caseOpen: true };
    for (let i = 0; i < 100 && got.replies.length < 2; i++) {
      const r = (await (await inbox(user)).json()) as typeof got;
      got = { replies: [...got.replies, ...r.replies], caseOpen: r.caseOpen };
      if (got.replies.length < 2) await new Promise((res) => setTimeout(res, 20));
    }
    const texts = got.replies.map((r) => r.reply.texts.join());
    expect(texts[0]).toContain('佐藤（商工会）さんが担当します');
    expect(texts[0]).not.toContain('ito.t');
    expect(texts[1]).toContain('【担当 佐藤（商工会）さんより】');
    expect(texts[1]).toContain('明日お電話します');
    // Taken once: the next poll is empty.
    expect(((await (await inbox(user)).json()) as typeof got).replies).toHaveLength(0);
    expect((await inbox('bad id!')).status).toBe(400);
  });
});

describe('handoff: what the reviews found', () => {
  it('two presses of 「同意して相談する」 at once open one case', async () => {
    const owner = uid();
    await line(text(owner, FIRST));
    await line(press(owner, encodeAction({ type: 'handoff', step: 'offer' })));
    const a = press(owner, encodeAction({ type: 'handoff', step: 'consent' }));
    const b = press(owner, encodeAction({ type: 'handoff', step: 'consent' }));
    await Promise.all([signedLine(JSON.stringify({ destination: 'Ubot', events: [a] })), signedLine(JSON.stringify({ destination: 'Ubot', events: [b] }))]);
    await waitFor<Rec>((x) => x.body?.replyToken === a.replyToken || x.body?.replyToken === b.replyToken, 2);
    const cards = (await recorded<Rec>()).filter((x) => api('chat.postMessage')(x) && x.body.text?.includes('補助金ナビからの相談') === true);
    expect(cards).toHaveLength(1);
  });

  it('a withdrawal removes the owner’s data at once; a Slack clean-up Slack refuses is retried by the case’s alarm until done', async () => {
    const owner = uid();
    const { caseId } = await openCase(owner, '鈴木一郎 029-123-4567');
    const { ts } = await claimedTs(owner, caseId);
    await line(text(owner, 'データを削除'));
    await fetch('http://fake.test/__fail?count=1&error=invalid_auth&match=chat.update', { method: 'POST' });
    const done = await line(press(owner, encodeAction({ type: 'delete', confirmed: true })));
    expect(replyText(done)).toContain('商工会への相談');
    const stub = bindings.CASE.get(bindings.CASE.idFromName(`case:${caseId}`));
    expect(await stub.get()).toBeUndefined();
    // The first clean-up was refused: nothing said in the thread yet, the alarm is set again.
    await waitFor<Rec>((x) => api('chat.update')(x) && x.body.text?.includes('取り下げられました') === true);
    expect((await recorded<Rec>()).filter((x) => x.body.thread_ts === ts && x.body.text === '相談者がこの相談を取り下げました。')).toHaveLength(0);
    expect(await runInDurableObject(stub, (_o, state) => state.storage.getAlarm())).toBeGreaterThan(Date.now());
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const scrubbed = (await recorded<Rec>()).filter((x) => api('chat.update')(x) && x.body.text?.includes('取り下げられました') === true);
    expect(scrubbed).toHaveLength(2);
    expect(JSON.stringify(scrubbed[1]!.body)).not.toContain('鈴木一郎');
    expect((await recorded<Rec>()).filter((x) => x.body.thread_ts === ts && x.body.text === '相談者がこの相談を取り下げました。')).toHaveLength(1);
    expect(await caseGone(caseId)).toBe(true);
  });

  it('「データを削除」 after the case was closed still removes it from Slack and storage', async () => {
    const owner = uid();
    const { caseId } = await openCase(owner, '鈴木一郎 029-123-4567');
    await interact(casePress('UADVCLS01', 'mori', 'hojo_case_claim', caseId, KANAZAWA, 'http://fake.test/actions/c1'));
    const { ts } = await cardTs(caseId);
    await line(text(owner, '重機は1台の予定です'));
    await waitFor<Rec>((x) => x.body.thread_ts === ts && x.body.text?.includes('重機') === true);
    await interact(casePress('UADVCLS01', 'mori', 'hojo_case_close', caseId, KANAZAWA, 'http://fake.test/actions/c2'));
    await waitFor<Rec>(pushesTo(owner), 2);
    const ask = await line(text(owner, 'データを削除'));
    expect(replyText(ask)).toContain('商工会への相談も取り下げ');
    await line(press(owner, encodeAction({ type: 'delete', confirmed: true })));
    const [scrubbed] = await waitFor<Rec>((x) => api('chat.update')(x) && x.body.text?.includes('取り下げられました') === true);
    expect(JSON.stringify(scrubbed!.body)).not.toContain('029-123-4567');
    expect(await waitFor<Rec>(api('chat.delete'))).toHaveLength(1);
    // A closed case's thread is not told again.
    expect((await recorded<Rec>()).filter((x) => x.body.text === '相談者がこの相談を取り下げました。')).toHaveLength(0);
    expect(await caseGone(caseId)).toBe(true);
  });

  it('an advisor pressing 「担当する」 after the owner’s conversation expired is told, and the case closes', async () => {
    const owner = uid();
    const { caseId } = await openCase(owner);
    const conversation = await expireConversation(owner);
    await interact(casePress('UADVGONE1', 'abe', 'hojo_case_claim', caseId, KANAZAWA, 'http://fake.test/actions/gone1'));
    const [told] = await waitFor<Rec>((x) => x.url === 'http://fake.test/actions/gone1');
    expect(told!.body.text).toContain('相談者とのトークが終了しているため');
    expect((await recorded<Rec>()).filter(pushesTo(owner))).toHaveLength(0);
    const [card] = await waitFor<Rec>((x) => api('chat.update')(x) && JSON.stringify(x.body).includes('相談者とのトークが終了していました'));
    expect(JSON.stringify(card!.body.blocks)).not.toContain('hojo_case_claim');
    // Finding the owner gone recreated nothing: no state (the registration stays only for the kept case id).
    expect(await conversation.snapshot()).toBeNull();
    expect(await bindings.PERSON.get(bindings.PERSON.idFromName(`line:${owner}`)).keys()).toEqual([`line:user:${owner}`]);
  });

  it('「データを削除」 after the conversation expired still withdraws its cases (their ids outlive the state)', async () => {
    const owner = uid();
    const { caseId } = await openCase(owner, '鈴木一郎 029-123-4567');
    await line(text(owner, '相談を終了'));
    await waitFor<Rec>((x) => x.body.text?.includes('相談者が相談を終了しました') === true);
    const conversation = await expireConversation(owner);
    expect(await conversation.snapshot()).toBeNull();
    const ask = await line(text(owner, 'データを削除'));
    expect(replyText(ask)).toContain('商工会への相談も取り下げ');
    await line(press(owner, encodeAction({ type: 'delete', confirmed: true })));
    const [scrubbed] = await waitFor<Rec>((x) => api('chat.update')(x) && x.body.text?.includes('取り下げられました') === true);
    expect(JSON.stringify(scrubbed!.body)).not.toContain('鈴木一郎');
    expect(await caseGone(caseId)).toBe(true);
  });

  it('an open case idle for 90 days is closed: the card and the thread say so, the owner is told; a case in use is not', async () => {
    const owner = uid();
    const { caseId } = await openCase(owner);
    const stub = bindings.CASE.get(bindings.CASE.idFromName(`case:${caseId}`));
    // An early alarm (at-least-once) closes nothing.
    await runInDurableObject(stub, (_o, state) => state.storage.setAlarm(Date.now()));
    await runDurableObjectAlarm(stub);
    expect((await stub.get())!.status).toBe('open');
    await runInDurableObject(stub, (_o, state) => {
      const row = state.storage.sql.exec<{ json: string }>('SELECT json FROM kase').one();
      const c = JSON.parse(row.json) as { activeAt: number; createdAt: number };
      c.activeAt = c.createdAt = Date.now() - 91 * 86_400_000;
      state.storage.sql.exec('UPDATE kase SET json = ?', JSON.stringify(c));
      return state.storage.setAlarm(Date.now());
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await stub.get())).toMatchObject({ status: 'closed', closedBy: 'idle' });
    const [card] = await waitFor<Rec>((x) => api('chat.update')(x) && JSON.stringify(x.body).includes('90日間やり取りがなかったため自動で終了しました'));
    expect(JSON.stringify(card!.body.blocks)).not.toContain('hojo_case_claim');
    const [push] = await waitFor<Rec>(pushesTo(owner));
    expect(JSON.stringify(push!.body.messages)).toContain('90日間やり取りがなかったため、商工会への相談を終了しました');
  });

  it('a reply in the thread of a withdrawn case is answered: the writer learns it did not reach the owner', async () => {
    const owner = uid();
    const { caseId } = await openCase(owner);
    const { ts } = await claimedTs(owner, caseId);
    await line(text(owner, 'データを削除'));
    await line(press(owner, encodeAction({ type: 'delete', confirmed: true })));
    await waitFor<Rec>((x) => x.body.thread_ts === ts && x.body.text === '相談者がこの相談を取り下げました。');
    await threadReply('UADVWDR01', KANAZAWA, ts, '山本様、資料をご用意ください');
    const [note] = await waitFor<Rec>((x) => api('chat.postEphemeral')(x) && x.body.user === 'UADVWDR01');
    expect(note!.body.text).toContain('取り下げられた');
    expect((await recorded<Rec>()).filter(pushesTo(owner))).toHaveLength(1);
  });

  it('an advisor’s file reply reaches the owner as text with a note that the file stays in Slack', async () => {
    const owner = uid();
    const { caseId } = await openCase(owner);
    const { ts } = await claimedTs(owner, caseId);
    const e = eventCallback(TEAM, `Ev${n++}`, { type: 'message', subtype: 'file_share', channel: KANAZAWA, channel_type: 'channel', user: 'UADVWDR01', text: '様式のPDFです', ts: `1700000200.${String(n++).padStart(6, '0')}`, thread_ts: ts });
    expect((await signedSlack('events', JSON.stringify(e))).status).toBe(200);
    const pushes = await waitFor<Rec>(pushesTo(owner), 2);
    expect(JSON.stringify(pushes[1]!.body.messages)).toContain('ファイルを添付しましたが、ここではお送りできません');
  });

  it('「データを削除」 sent from a group reaches the cases of an expired 1:1 conversation (it stays registered while it keeps case ids)', async () => {
    const owner = uid();
    const { caseId } = await openCase(owner, '鈴木一郎 029-123-4567');
    await line(text(owner, '相談を終了'));
    await waitFor<Rec>((x) => x.body.text?.includes('相談者が相談を終了しました') === true);
    const conversation = await expireConversation(owner);
    expect(await conversation.exists()).toBe(true);
    const inGroup = <T extends ReturnType<typeof event>>(e: T) => ({ ...e, source: { type: 'group', groupId: 'Cgroupdel01', userId: owner } });
    const mention = { mentionees: [{ index: 0, length: 6, type: 'user', isSelf: true }] };
    await line(inGroup(event(owner, 'message', { message: { id: String(n++), type: 'text', text: '@補助金ナビ データを削除', mention } })));
    await line(inGroup(press(owner, encodeAction({ type: 'delete', confirmed: true }))));
    const [scrubbed] = await waitFor<Rec>((x) => api('chat.update')(x) && x.body.text?.includes('取り下げられました') === true);
    expect(JSON.stringify(scrubbed!.body)).not.toContain('鈴木一郎');
    expect(await caseGone(caseId)).toBe(true);
    expect(await conversation.exists()).toBe(false);
  });

  it('the web inbox of an id never seen answers empty, not 500', async () => {
    const res = await worker.fetch('http://hojo-navi.test/api/v1/web/inbox', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: `web-never-${uid()}` }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ replies: [], caseOpen: false });
  });
});

/** Claims the case for an advisor and returns the card's channel and ts. */
async function claimedTs(owner: string, caseId: string): Promise<{ channel: string; ts: string }> {
  await interact(casePress('UADVWDR01', 'ueda', 'hojo_case_claim', caseId, KANAZAWA, `http://fake.test/actions/${owner}`));
  return cardTs(caseId);
}

/** 31 days of silence: the owner's LINE conversation expires (its alarm), and is returned. */
async function expireConversation(owner: string) {
  const conversation = bindings.CONVERSATION.get(bindings.CONVERSATION.idFromName(`line:user:${owner}`));
  await runInDurableObject(conversation, (_o, state) => {
    state.storage.sql.exec('UPDATE state SET updated_at = ?', Date.now() - 31 * 86_400_000);
    return state.storage.setAlarm(Date.now());
  });
  expect(await runDurableObjectAlarm(conversation)).toBe(true);
  return conversation;
}

/** Whether the case's Durable Object holds nothing any more. */
async function caseGone(caseId: string): Promise<boolean> {
  const stub = bindings.CASE.get(bindings.CASE.idFromName(`case:${caseId}`));
  return (await stub.get()) === undefined && (await runInDurableObject(stub, (_o, state) => state.storage.sql.exec("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").one().n)) === 0;
}
