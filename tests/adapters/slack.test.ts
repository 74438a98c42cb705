// Slack adapter pieces in Node: Slack's documented signature vector, and every
// rendered Block Kit message within Slack's limits.
import { describe, expect, it } from 'vitest';
import { renderSlack, SLACK_LIMITS } from '../../adapters/slack/render';
import { slackSignature, verifySlackRequest } from '../../adapters/slack/verify';
import { actionKey, commandKey, eventTarget, stripMentions } from '../../adapters/slack/events';
import { sampleReplies } from '../sample-replies';

// From Slack's "Verifying requests from Slack" (also bolt-js ExpressReceiver.spec.ts).
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TS = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

describe('Slack request verification', () => {
  it("reproduces Slack's documented signature", async () => {
    expect(await slackSignature(SECRET, TS, BODY)).toBe(SIGNATURE);
    expect(await verifySlackRequest(SECRET, { timestamp: TS, signature: SIGNATURE }, BODY, Number(TS) + 10)).toEqual({ ok: true });
  });
  it('rejects a timestamp over 5 minutes old or in the future, a tampered body, a missing header', async () => {
    expect(await verifySlackRequest(SECRET, { timestamp: TS, signature: SIGNATURE }, BODY, Number(TS) + 301)).toEqual({ ok: false, reason: 'stale' });
    expect(await verifySlackRequest(SECRET, { timestamp: TS, signature: SIGNATURE }, BODY, Number(TS) - 301)).toEqual({ ok: false, reason: 'stale' });
    expect(await verifySlackRequest(SECRET, { timestamp: TS, signature: SIGNATURE }, BODY.replace('roadrunner', 'coyote'), Number(TS))).toEqual({ ok: false, reason: 'mismatch' });
    expect(await verifySlackRequest(SECRET, { timestamp: TS }, BODY, Number(TS))).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('Slack payload mapping', () => {
  it('strips the mention and keys mentions by thread, DMs by user', () => {
    expect(stripMentions('<@U0LAN0Z89> 金沢市で製造業')).toBe('金沢市で製造業');
    const mention = eventTarget({ type: 'event_callback', team_id: 'T1', event: { type: 'app_mention', user: 'U1', text: '<@U0LAN0Z89> hi', ts: '1.1', channel: 'C1' } });
    expect(mention).toMatchObject({ key: ['T1', 'C1', '1.1'], threadTs: '1.1' });
    const inThread = eventTarget({ type: 'event_callback', team_id: 'T1', event: { type: 'app_mention', user: 'U1', text: 'x', ts: '1.5', thread_ts: '1.1', channel: 'C1' } });
    expect(inThread?.key).toEqual(['T1', 'C1', '1.1']);
    expect(eventTarget({ type: 'event_callback', team_id: 'T1', event: { type: 'message', user: 'U1', text: 'x', channel: 'D1', channel_type: 'im' } })?.key).toEqual(['T1', 'im', 'U1']);
    expect(eventTarget({ type: 'event_callback', event: { type: 'message', bot_id: 'B1', text: 'x', channel: 'D1', channel_type: 'im' } })).toBeUndefined();
    expect(eventTarget({ type: 'event_callback', event: { type: 'message', user: 'U1', text: 'x', channel: 'C1', channel_type: 'channel' } })).toBeUndefined();
  });
  it('button presses continue the conversation they came from', () => {
    expect(actionKey({ type: 'block_actions', team: { id: 'T1' }, user: { id: 'U1' }, channel: { id: 'C1' }, container: { is_ephemeral: true } })).toEqual(commandKey({ team_id: 'T1', channel_id: 'C1', user_id: 'U1' }));
    expect(actionKey({ type: 'block_actions', team: { id: 'T1' }, user: { id: 'U1' }, channel: { id: 'C1' }, container: { thread_ts: '1.1', message_ts: '1.9' } })).toEqual(['T1', 'C1', '1.1']);
    expect(actionKey({ type: 'block_actions', team: { id: 'T1' }, user: { id: 'U1' }, channel: { id: 'D9' }, container: {} })).toEqual(['T1', 'im', 'U1']);
  });
});

describe('Block Kit renderer respects every limit', () => {
  const all = sampleReplies();
  it('includes an answer with program sections and a comparison table', () => {
    // The answer computed with the expense (the first answer shows rates and caps only).
    const answer = all.find((r) => r.kind === 'answer' && r.cards.some((c) => c.working.length > 0))!;
    const { blocks } = renderSlack(answer);
    const text = JSON.stringify(blocks);
    expect(text).toContain('補助額の目安');
    expect(text).toContain('番号 判定');
  });
  it.each(all.map((r, i) => [i, r.kind, r] as const))('reply %i (%s)', (_i, _k, reply) => {
    const { text, blocks } = renderSlack(reply);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const b of blocks as Record<string, any>[]) {
      if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      if (b.type === 'section' && b.fields) {
        expect(b.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
        for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
      }
      if (b.type === 'actions') {
        expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
        for (const e of b.elements) {
          expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
          expect(e.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
        }
      }
    }
    expect(JSON.stringify(blocks)).not.toContain('<script>');
  });
});

describe('Block Kit renderer: dropped cards, escaped fallback, share (issue 15)', () => {
  const answer = sampleReplies().find((r) => r.kind === 'answer' && r.cards.length > 0)!;
  const many = { ...answer, cards: Array.from({ length: 14 }, (_, i) => ({ ...answer.cards[0]!, title: `制度${i + 1}`, actions: [{ label: '詳しく', value: `detail-${i + 1}` }] })) };
  const buttonsOf = (blocks: unknown[]) =>
    (blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements!);

  it('says 「ほか N 件」 for the cards that do not fit, with a button to see each', () => {
    const { blocks } = renderSlack(many);
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    const text = JSON.stringify(blocks);
    const shown = many.cards.filter((c) => text.includes(`. ${c.title}*`)).length;
    expect(shown).toBeLessThan(14);
    expect(text).toContain(`ほか ${14 - shown} 件の制度があります（上の一覧の ${shown + 1}〜14 番）`);
    const more = buttonsOf(blocks).filter((b) => b.value.startsWith('detail-') && b.text.text.includes('制度'));
    expect(more.map((b) => b.value)).toEqual(expect.arrayContaining(many.cards.slice(shown).map((c) => c.actions[0]!.value)));
    expect(more.find((b) => b.value === 'detail-14')!.text.text).toBe('14. 制度14');
  });

  it('every card fits without a 「ほか」 line when there is room', () => {
    expect(JSON.stringify(renderSlack({ ...many, cards: many.cards.slice(0, 3) }).blocks)).not.toContain('ほか');
  });

  it('escapes &, <, > in the fallback text', () => {
    const { text } = renderSlack({ kind: 'info', texts: ['<!channel> A&B <https://evil.example|こちら>'], cards: [], choices: [] });
    expect(text).toBe('&lt;!channel&gt; A&amp;B &lt;https://evil.example|こちら&gt;');
  });

  it('adds 「チャンネルに共有」 on request, and a shared message has no buttons', () => {
    const shared = buttonsOf(renderSlack(answer, { share: true }).blocks).filter((b) => b.text.text === 'チャンネルに共有');
    expect(shared).toEqual([expect.objectContaining({ action_id: 'hojo_share' })]);
    expect(buttonsOf(renderSlack(answer).blocks).some((b) => b.action_id === 'hojo_share')).toBe(false);
    expect(buttonsOf(renderSlack(many, { buttons: false }).blocks)).toHaveLength(0);
  });
});
