// The handoff dialogue (src/dialogue/handoff.ts) through the engine: the offer, the
// consent step (what is shared, the optional contact), the open case (messages
// relayed, not answered) and the case's events. Platform-neutral: no Slack, no LINE.
import { describe, expect, it } from 'vitest';
import { slackToPlain } from '../../adapters/handoff/slack';
import { readContact } from '../../src/dialogue/handoff';
import type { Reply, ReplyEffect } from '../../src/dialogue/types';
import { text, Transcript } from '../transcript';

const FIRST = '金沢市で製造業をしています。従業員は8人です。海外の見本市に出展したいです。費用は300万円くらいです。';
const labels = (r: Reply) => r.choices.map((c) => c.label);
const effect = <T extends ReplyEffect['type']>(r: Reply, type: T) => r.effects?.find((e): e is Extract<ReplyEffect, { type: T }> => e.type === type);

function openCase(): Transcript {
  const t = new Transcript('2026-11-25', { handoff: true });
  t.send(FIRST);
  t.act({ type: 'handoff', step: 'offer' });
  const sent = t.act({ type: 'handoff', step: 'consent' });
  expect(effect(sent, 'handoff')).toBeDefined();
  t.send({ kind: 'case', event: { type: 'opened', caseId: 'case-1' } });
  return t;
}

describe('the offer and the consent step', () => {
  it('is offered under an answer only where the channel offers it', () => {
    expect(labels(new Transcript('2026-11-25', { handoff: true }).send(FIRST))).toContain('商工会に相談する');
    expect(labels(new Transcript('2026-11-25').send(FIRST))).not.toContain('商工会に相談する');
    const t = new Transcript('2026-11-25');
    t.send(FIRST);
    expect(text(t.act({ type: 'handoff', step: 'offer' }))).toContain('このトークからは商工会への相談をお送りできません');
  });

  it('shows exactly what will be shared; the draft carries the same conditions and programs, never the message', () => {
    const t = new Transcript('2026-11-25', { handoff: true });
    const answer = t.send(FIRST);
    const consent = t.act({ type: 'handoff', step: 'offer' });
    expect(consent.effects).toBeUndefined();
    expect(labels(consent)).toEqual(['同意して相談する', 'やめる']);
    const shown = text(consent);
    expect(shown).toContain('所在地：石川県金沢市');
    expect(shown).toContain(`1. ${answer.cards[0]!.title}（${answer.cards[0]!.subtitle}）`);
    expect(shown).toContain(answer.cards[0]!.headline);
    expect(shown).toContain('これまでのメッセージの文面はお送りしません');
    const draft = effect(t.act({ type: 'handoff', step: 'consent' }), 'handoff')!.draft;
    expect(draft.conditions).toContainEqual({ label: '所在地', value: '石川県金沢市' });
    expect(draft.programs.map((p) => p.name)).toEqual(answer.cards.map((c) => c.title));
    expect(draft.programs[0]!.amount).toBe(answer.cards[0]!.headline);
    expect(draft).toMatchObject({ prefecture: '石川県', municipality: '金沢市', contact: {}, date: '2026-11-25' });
    // What is 要確認 travels with each program: the unchecked condition behind a 要確認 verdict, and the amount's caveats.
    expect(draft.programs[0]!.checks.join()).toContain('金沢市内に主たる事業所または生産施設を有すること（未確認）');
    expect(shown).toContain('要確認：要件：引き続き1年以上、金沢市内');
    expect(draft.programs.flatMap((p) => p.checks).join()).toContain('インボイス特例');
    expect(JSON.stringify(draft)).not.toContain('出展したい');
  });

  it('takes a name and a phone typed in the step, and leaves it for an ordinary message', () => {
    const t = new Transcript('2026-11-25', { handoff: true });
    t.send(FIRST);
    t.act({ type: 'handoff', step: 'offer' });
    expect(text(t.send('山田太郎 090-1234-5678'))).toContain('お名前：山田太郎\n電話番号：090-1234-5678');
    expect(text(t.send('090-12'))).toContain('電話番号として読み取れませんでした');
    expect(effect(t.send('同意します'), 'handoff')!.draft.contact).toEqual({ name: '山田太郎', phone: '090-1234-5678' });
    // A condition change in the consent step leaves it: nothing is sent, the change is made.
    const u = new Transcript('2026-11-25', { handoff: true });
    u.send(FIRST);
    u.act({ type: 'handoff', step: 'offer' });
    const changed = u.send('従業員は30人に変更');
    expect(text(changed)).toContain('30人');
    expect(changed.effects).toBeUndefined();
    expect(u.state!.handoff).toBeUndefined();
  });

  it.each([
    ['山田太郎 090-1234-5678', { name: '山田太郎', phone: '090-1234-5678' }],
    ['電話は０７６－２２０－２１１１です', { phone: '076-220-2111' }],
    ['名前は佐藤です', { name: '佐藤' }],
    ['山田太郎　０９０ー１２３４ー５６７８', { name: '山田太郎', phone: '090-1234-5678' }],
    ['(076)123-4567', { phone: '076-123-4567' }],
    ['090.1234.5678', { phone: '090-1234-5678' }],
    ['鈴木 03-1234-5678 内線12', { name: '鈴木', phone: '03-1234-5678' }],
    ['+81 90 1234 5678', { phone: '090-1234-5678' }],
    ['締め切りはいつですか', {}],
    ['ありがとうございます。電話 090-1234-5678', { phone: '090-1234-5678' }],
    ['よろしくお願いします 0766-12-3456', { phone: '0766-12-3456' }],
    ['担当者様へ 090-1234-5678', { phone: '090-1234-5678' }],
    ['０７６６（１２）３４５６', { phone: '0766-12-3456' }],
    ['連絡は平日の午後にお願いします　０７６６（１２）３４５６', { phone: '0766-12-3456' }],
    ['０９０１１１１２２２', {}],
    ['たなか 090-1234-5678', { name: 'たなか', phone: '090-1234-5678' }],
    ['はるか 090-1234-5678', { name: 'はるか', phone: '090-1234-5678' }],
    ['ますだ 090-1234-5678', { name: 'ますだ', phone: '090-1234-5678' }],
    ['からさわ 090-1234-5678', { name: 'からさわ', phone: '090-1234-5678' }],
    ['増田時計店 090-1234-5678', { name: '増田時計店', phone: '090-1234-5678' }],
    ['株式会社山田工業 山田太郎 090-1234-5678', { name: '株式会社山田工業 山田太郎', phone: '090-1234-5678' }],
    ['午後なら電話に出られます 090-1234-5678', { phone: '090-1234-5678' }],
    ['金沢市です', {}],
    ['インボイスは登録済みです', {}],
    ['佐藤と申します。携帯 08012345678', { name: '佐藤', phone: '08012345678' }],
    ['よろしくお願いします', {}],
    ['来週行きます', {}],
    ['090-12', {}],
  ])('readContact(%s)', (input, expected) => {
    expect(readContact(input)).toEqual(expected);
  });

  it('the contact can be taken back; leaving the step by a button says nothing was sent', () => {
    const t = new Transcript('2026-11-25', { handoff: true, follow: true });
    const answer = t.send(FIRST);
    t.act({ type: 'handoff', step: 'offer' });
    t.send('山田太郎 090-1234-5678');
    const cleared = t.send('連絡先は消してください');
    expect(text(cleared)).toContain('連絡先を消しました');
    expect(text(cleared)).toContain('お名前：（未入力）');
    const saved = t.act({ type: 'save', programId: answer.cards[0]!.programId, trackId: answer.cards[0]!.trackId });
    expect(text(saved)).toContain('商工会への相談は送らずに取りやめました');
    expect(t.state!.handoff).toBeUndefined();
  });

  it('「やめる」 sends nothing and forgets the contact', () => {
    const t = new Transcript('2026-11-25', { handoff: true });
    t.send(FIRST);
    t.act({ type: 'handoff', step: 'offer' });
    t.send('山田 090-1234-5678');
    const r = t.send('やめる');
    expect(r.effects).toBeUndefined();
    expect(text(r)).toContain('何も送信していません');
    expect(JSON.stringify(t.state)).not.toContain('090-1234-5678');
  });
});

describe('the open case', () => {
  it('relays typed messages (a notice the first time only) and keeps the slots', () => {
    const t = openCase();
    const slots = JSON.stringify(t.state!.slots);
    const first = t.send('来週伺います');
    expect(effect(first, 'relay')).toEqual({ type: 'relay', caseId: 'case-1', text: '来週伺います' });
    expect(text(first)).toContain('担当者宛てにお送りしました');
    const second = t.send('従業員は30人に変更');
    expect(second).toMatchObject({ kind: 'relayed', texts: [], cards: [] });
    expect(effect(second, 'relay')!.text).toBe('従業員は30人に変更');
    expect(JSON.stringify(t.state!.slots)).toBe(slots);
    // The message text is never kept in the state.
    expect(JSON.stringify(t.state)).not.toContain('来週伺います');
  });

  it('cuts a 5,000-character message to 2,000 and says so; stickers are not relayed', () => {
    const t = openCase();
    t.send('はじめまして');
    const long = t.send('あ'.repeat(5000));
    const cut = effect(long, 'relay')!.text;
    expect(cut.startsWith('あ'.repeat(2000))).toBe(true);
    expect(cut).not.toContain('あ'.repeat(2001));
    expect(cut).toContain('（以下省略：長いメッセージのため、最初の2,000文字です）');
    expect(text(long)).toContain('最初の2,000文字');
    const sticker = t.send({ kind: 'unsupported', what: 'sticker' });
    expect(sticker.effects).toBeUndefined();
    expect(text(sticker)).toContain('担当者にお送りできません');
  });

  it.each([
    ['相談を終了します。ありがとうございました', true],
    ['ありがとうございました。相談を終了します', true],
    ['相談終了', true],
    ['終わります！', true],
    ['相談を終了したいのですが、その前に一つ質問です', false],
    ['終了した補助金はありますか？', false],
    ['終了です。書類は明日出します', false],
    ['終わりです', false],
  ])('「%s」 ends the case: %s', (message, ends) => {
    const t = openCase();
    const r = t.send(message);
    expect(r.effects?.[0]?.type).toBe(ends ? 'close-case' : 'relay');
  });

  it('「相談を終了」 closes it; 「データを削除」 still asks first and is not relayed', () => {
    const t = openCase();
    const ask = t.send('データを削除');
    expect(ask.effects).toBeUndefined();
    expect(text(ask)).toContain('本当に削除しますか');
    const end = t.send('相談を終了');
    expect(effect(end, 'close-case')).toEqual({ type: 'close-case', caseId: 'case-1' });
    expect(t.state!.handoff).toBeUndefined();
    expect(t.send('従業員は30人に変更').effects).toBeUndefined();
  });

  it('最初から keeps the open case; the case events speak to the owner, once the case is open', () => {
    const t = openCase();
    t.act({ type: 'command', command: 'restart' });
    expect(t.state!.handoff).toMatchObject({ phase: 'open', caseId: 'case-1' });
    // News of another case (an earlier one, a stray card) says nothing.
    expect(t.send({ kind: 'case', event: { type: 'claimed', caseId: 'case-0', advisor: '田中' } })).toMatchObject({ kind: 'relayed', texts: [] });
    expect(text(t.send({ kind: 'case', event: { type: 'claimed', caseId: 'case-1', advisor: '佐藤' } }))).toContain('担当者が決まりました。佐藤さんが担当します');
    expect(text(t.send({ kind: 'case', event: { type: 'message', caseId: 'case-1', advisor: '佐藤', text: '明日お電話します' } }))).toContain('【担当 佐藤さんより】\n明日お電話します');
    expect(t.send({ kind: 'case', event: { type: 'closed', caseId: 'case-0' } })).toMatchObject({ kind: 'relayed', texts: [] });
    expect(text(t.send({ kind: 'case', event: { type: 'closed', caseId: 'case-1' } }))).toContain('担当者が相談を終了しました');
    // After closing, news of the old case says nothing; its id is kept for deletion.
    expect(t.send({ kind: 'case', event: { type: 'message', caseId: 'case-1', advisor: '佐藤', text: 'x' } })).toMatchObject({ kind: 'relayed', texts: [] });
    expect(t.state!.cases).toEqual(['case-1']);
  });

  it('a failed send sends nothing and offers the handoff again from the start', () => {
    const t = new Transcript('2026-11-25', { handoff: true });
    t.send(FIRST);
    t.act({ type: 'handoff', step: 'offer' });
    t.act({ type: 'handoff', step: 'consent' });
    const failed = t.send({ kind: 'case', event: { type: 'failed' } });
    expect(labels(failed)).toEqual(['商工会に相談する']);
    expect(t.state!.handoff).toBeUndefined();
  });
});

describe('consent is to exactly what was shown, once', () => {
  it('a button pressed in the consent step leaves it; a later 「はい」 answers the question and sends nothing', () => {
    const t = new Transcript('2026-11-25', { handoff: true });
    t.send(FIRST);
    expect(text(t.act({ type: 'handoff', step: 'offer' }))).toContain('従業員：8人');
    const changed = t.act({ type: 'employees', employees: 30 });
    expect(t.state!.handoff).toBeUndefined();
    expect(changed.question?.id).toMatch(/^q:/);
    const yes = t.send('はい');
    expect(yes.effects).toBeUndefined();
    // A stale 「同意して相談する」 shows the new content instead of sending it.
    const stale = t.act({ type: 'handoff', step: 'consent' });
    expect(stale.effects).toBeUndefined();
    expect(text(stale)).toContain('従業員：30人');
    expect(effect(t.act({ type: 'handoff', step: 'consent' }), 'handoff')!.draft.conditions).toContainEqual({ label: '従業員', value: '30人（中小企業者（小規模企業者を除く））' });
  });

  it('「はい」 and 「お願いします」 are not consent; 「同意します」 is', () => {
    const t = new Transcript('2026-11-25', { handoff: true });
    t.send(FIRST);
    t.act({ type: 'handoff', step: 'offer' });
    expect(t.send('はい').effects).toBeUndefined();
    t.act({ type: 'handoff', step: 'offer' });
    expect(t.send('お願いします').effects).toBeUndefined();
    t.act({ type: 'handoff', step: 'offer' });
    expect(effect(t.send('同意します'), 'handoff')).toBeDefined();
  });

  it('a name typed with 「です」 alone is asked about, not dropped', () => {
    const t = new Transcript('2026-11-25', { handoff: true });
    t.send(FIRST);
    t.act({ type: 'handoff', step: 'offer' });
    const asked = t.send('山田太郎です');
    expect(text(asked)).toContain('「名前は山田太郎」と送ってください');
    expect(t.state!.handoff?.phase).toBe('consent');
    expect(text(t.send('名前は山田太郎'))).toContain('お名前：山田太郎');
  });

  it('while sending (or stuck sending) there is always a way out', () => {
    const t = new Transcript('2026-11-25', { handoff: true });
    t.send(FIRST);
    t.act({ type: 'handoff', step: 'offer' });
    t.act({ type: 'handoff', step: 'consent' });
    const again = t.act({ type: 'handoff', step: 'offer' });
    expect(labels(again)).toEqual(['やめる']);
    expect(text(t.send('やめる'))).toContain('取りやめました');
    expect(t.state!.handoff).toBeUndefined();
  });

  it('a second press while the case is being sent sends nothing', () => {
    const t = new Transcript('2026-11-25', { handoff: true });
    t.send(FIRST);
    t.act({ type: 'handoff', step: 'offer' });
    expect(effect(t.act({ type: 'handoff', step: 'consent' }), 'handoff')).toBeDefined();
    const again = t.act({ type: 'handoff', step: 'consent' });
    expect(again.effects).toBeUndefined();
    expect(text(again)).toContain('お送りしています');
    t.send({ kind: 'case', event: { type: 'opened', caseId: 'case-9' } });
    expect(t.state!.handoff).toMatchObject({ phase: 'open', caseId: 'case-9' });
  });
});

describe('an advisor’s Slack markup, as the owner reads it', () => {
  it.each([
    ['<@U123> さん、*ECサイト* は _対象_ です :ok_hand:', '担当者さん、ECサイト は 対象 です'],
    ['詳細は <https://example.jp/a|案内> &amp; <https://example.jp/b>', '詳細は 案内（https://example.jp/a） & https://example.jp/b'],
    ['単価 3*4=12 のまま', '単価 3*4=12 のまま'],
    ['面談は14:00-15:00でいかがでしょうか', '面談は14:00-15:00でいかがでしょうか'],
    ['10:00-12:00 か 13:00-17:00', '10:00-12:00 か 13:00-17:00'],
    ['資料_2024_最終版.pdf と 月~水、金~土', '資料_2024_最終版.pdf と 月~水、金~土'],
    ['これは _とても_ 大事です', 'これは とても 大事です'],
    ['<!channel> 確認お願いします', '確認お願いします'],
  ])('%s', (input, expected) => {
    expect(slackToPlain(input)).toBe(expected);
  });
});
