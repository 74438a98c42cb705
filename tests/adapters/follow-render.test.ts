// Follow-up rendering within the platforms' limits (issue 16): answer cards with the
// 4th button 「この制度を保存」 (LINE footer, 50 KB carousel), and the notices as a LINE
// Flex bubble (with the unsubscribe postback) and a Slack DM (its buttons).
import { describe, expect, it } from 'vitest';
import { noticeLine, noticeSlack } from '../../adapters/follow/send';
import { LINE_LIMITS, renderLine } from '../../adapters/line/render';
import { renderSlack, SLACK_LIMITS } from '../../adapters/slack/render';
import { handleTurn } from '../../src/dialogue/engine';
import { planNotices } from '../../src/follow/notices';
import { knowledge } from '../helpers';

const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;
const answer = handleTurn({ knowledge, date: '2025-06-01', features: { follow: true } }, undefined, { kind: 'text', text: '金沢市で製造業、従業員8人、新製品を開発したい、費用300万円' }).reply;

describe('cards with 「この制度を保存」', () => {
  it('LINE shows the 4 buttons of each card; 12 cards with the longest texts stay within 50 KB', () => {
    const flex = (renderLine(answer) as Record<string, any>[]).find((m) => m.type === 'flex');
    const footer = flex!.contents.contents[0].footer.contents;
    expect(footer.map((b: any) => b.action.label)).toEqual(['計算の内訳', '詳しく', '他の枠（5件）', 'この制度を保存']);
    expect(footer[3].action).toMatchObject({ type: 'postback', data: 'sv:kanazawa-new-product:single', displayText: 'この制度を保存：新製品開発・改良促進事業' });
    const long = '長い説明の文章'.repeat(100);
    const fat = answer.cards.map((c) => ({ ...c, title: long, subtitle: long, issuer: long, headline: long, source: long, reason: long, fields: c.fields.map(() => ({ label: long, value: long })) }));
    const many = { ...answer, cards: Array.from({ length: 12 }, (_, i) => fat[i % fat.length]!) };
    const carousel = (renderLine(many) as Record<string, any>[]).find((m) => m.type === 'flex')!;
    expect(bytes(carousel.contents)).toBeLessThanOrEqual(LINE_LIMITS.carouselBytes);
    expect(carousel.contents.contents.every((b: any) => b.footer.contents.length === 4)).toBe(true);
  });

  it('Slack keeps within 50 blocks and 25 elements per actions block', () => {
    const m = renderSlack({ ...answer, cards: Array.from({ length: 30 }, (_, i) => answer.cards[i % answer.cards.length]!) });
    expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const b of m.blocks) if (b.type === 'actions') expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
  });
});

describe('notices', () => {
  const [notice] = planNotices({
    knowledge,
    entries: [{ person: 'line:U1', address: { platform: 'line', userId: 'U1' }, programs: [{ programId: 'kanazawa-new-product', trackId: 'single' }] }],
    sent: new Set(),
    lastVersion: 0,
    now: new Date('2025-06-20T09:00:00+09:00'),
  }).notices;

  it('LINE: a Flex bubble with the text and the unsubscribe postback first', () => {
    const m = noticeLine(notice!.message);
    expect(m.altText.length).toBeLessThanOrEqual(LINE_LIMITS.altText);
    expect(m.altText).toBe('【締切のお知らせ】保存された「新製品開発・改良促進事業（単独企業コース）」の受付は、2025年7月4日に締め切られます（あと14日です）。');
    const bubble = m.contents as Record<string, any>;
    expect(bubble.footer.contents.map((b: any) => [b.action.label, b.action.data])).toEqual([
      ['この制度の保存を解除', 'us:kanazawa-new-product:single'],
      ['保存した制度', 'cmd:saved'],
    ]);
    expect(bytes(m)).toBeLessThan(10_000);
  });

  it('Slack: the text (escaped) and the same buttons', () => {
    const m = noticeSlack(notice!.message);
    expect(m.text).toContain('詳しくは「新製品開発・改良促進事業の締切は？」と送ってください。');
    const buttons = m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])) as { value: string }[];
    expect(buttons.map((b) => b.value)).toEqual(['us:kanazawa-new-product:single', 'cmd:saved']);
  });
});
