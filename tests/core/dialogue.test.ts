// Transcript tests of the dialogue engine (send → expect reply), in Node.
import { describe, expect, it } from 'vitest';
import { decodeAction } from '../../src/dialogue/actions';
import type { ConversationState, Reply, TurnInput } from '../../src/dialogue/types';
import { knowledge } from '../helpers';
import { text, Transcript } from '../transcript';

const card = (r: Reply, programId: string, trackId: string) => r.cards.find((c) => c.programId === programId && c.trackId === trackId);

describe('dialogue: step by step with buttons', () => {
  it('greets, asks region → industry → employees → goal, answers with rates and caps, then computes with the expense', () => {
    const t = new Transcript('2024-05-01');
    let r = t.send({ kind: 'start' });
    expect(text(r)).toContain('補助金ナビ');
    expect(r.question?.id).toBe('region');
    expect(r.choices.map((c) => c.label)).toContain('石川県金沢市');
    r = t.act({ type: 'region', prefecture: '富山県', municipality: '高岡市' });
    expect(r.question?.id).toBe('industry');
    r = t.act({ type: 'industry', industry: 'manufacturing' });
    expect(r.question?.id).toBe('employees');
    r = t.act({ type: 'employees', employees: 20 });
    expect(r.question?.id).toBe('goal');
    r = t.act({ type: 'goal', goal: 'trade-show' });
    // Answer first: the programs with their rates and caps; the expense is asked under them.
    expect(r.kind).toBe('answer');
    expect(r.question?.id).toBe('expense');
    expect(card(r, 'takaoka-new-era-sales', 'trade-show-domestic')!.headline).toBe('補助率 1/2／上限 30万円');
    expect(text(r)).toContain('予定している経費（税抜）');
    r = t.skipFollowUps(t.act({ type: 'expense', expenseYen: 1_000_000 }));
    expect(r.kind).toBe('answer');
    // 高岡市 ⑥ 見本市 国内出展: 1/2, 上限30万円 → 1,000,000円 × 1/2 = 500,000円 → 300,000円.
    const domestic = card(r, 'takaoka-new-era-sales', 'trade-show-domestic')!;
    expect(domestic.headline).toContain('300,000円');
    expect(domestic.working.join('\n')).toContain('1,000,000円 × 1/2 ＝ 500,000円');
    expect(domestic.working.join('\n')).toContain('自己負担額：1,000,000円 − 300,000円 ＝ 700,000円');
    expect(domestic.source).toContain('高岡市');
    expect(domestic.statusLabel).toBe('受付中');
  });

  it('says plainly that a call has closed (same answer after 令和7年1月31日)', () => {
    const t = new Transcript('2025-05-01');
    const r = t.skipFollowUps(t.send('高岡市で製造業、従業員20人、展示会に出たい、費用100万円'));
    const domestic = card(r, 'takaoka-new-era-sales', 'trade-show-domestic')!;
    expect(domestic.statusLabel).toBe('受付終了');
    expect(domestic.statusCode).toBe('closed');
    expect(text(r)).toContain('次回の公募を窓口でご確認ください');
  });

  it('never asks the municipality in a prefecture without municipal programs', () => {
    const t = new Transcript();
    t.send({ kind: 'start' });
    const r = t.send('東京都');
    expect(r.question?.id).toBe('industry');
  });
});

describe('dialogue: one message fills every slot it contains', () => {
  it('「金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円くらい」 asks only what is missing', () => {
    const t = new Transcript();
    t.send({ kind: 'start' });
    let r = t.send('金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円くらい');
    expect(['region', 'municipality', 'industry', 'employees', 'goal', 'expense']).not.toContain(r.question?.id);
    expect(t.state!.slots).toMatchObject({ prefecture: '石川県', municipality: '金沢市', industry: 'manufacturing', employees: 8, expenseYen: 3_000_000 });
    expect(t.state!.slots.goals).toEqual(expect.arrayContaining(['trade-show', 'overseas']));
    r = t.skipFollowUps(r);
    expect(r.kind).toBe('answer');
    // 金沢市 海外販路開拓 見本市(海外開催): 1/2, 上限100万円 → 3,000,000 × 1/2 = 1,500,000 → 1,000,000.
    expect(card(r, 'kanazawa-overseas-market', 'expo-overseas')!.headline).toBe('補助額の目安 1,000,000円');
    expect(text(r)).toContain('小規模企業者');
  });
});

describe('dialogue: numbers in every common form', () => {
  it.each([
    ['300万円', 3_000_000],
    ['３００万', 3_000_000],
    ['1,200万円', 12_000_000],
    ['1.2億', 120_000_000],
    ['500千円', 500_000],
    ['三百万円', 3_000_000],
    ['二千五百万円', 25_000_000],
    ['約80万', 800_000],
    ['80万円くらい', 800_000],
    ['330万円（税込）', 3_000_000],
  ])('expense 「%s」 → %i円', (said, yen) => {
    const t = new Transcript();
    t.send('高岡市で製造業、従業員10人、展示会');
    const r = t.send(said);
    expect(t.state!.slots.expenseYen).toBe(yen);
    if (said.includes('税込')) expect(text(r)).toContain('税抜');
  });

  it.each([
    ['十五名', 15],
    ['8人', 8],
    ['３０人', 30],
    ['12', 12],
  ])('employees 「%s」 → %i', (said, n) => {
    const t = new Transcript();
    t.send('高岡市で製造業');
    t.send(said);
    expect(t.state!.slots.employees).toBe(n);
  });
});

describe('dialogue: changing a slot after the answer', () => {
  it('「従業員は30人に変更」 recomputes: 持続化補助金 becomes 対象外 (小規模事業者のみ)', () => {
    const t = new Transcript();
    let r = t.skipFollowUps(t.send('高岡市で製造業、従業員8人、展示会に出たい、費用100万円'));
    expect(r.kind).toBe('answer');
    expect(r.cards.some((c) => c.programId === 'national-jizokuka')).toBe(true);
    r = t.skipFollowUps(t.send('従業員は30人に変更'));
    expect(text(r)).toContain('従業員数を「30人」に変更しました');
    expect(t.state!.slots.employees).toBe(30);
    expect(r.cards.some((c) => c.programId === 'national-jizokuka')).toBe(false);
    expect(text(r)).toContain('小規模事業者のみが対象です');
  });

  it('「費用は200万円に変更」 updates the amounts', () => {
    const t = new Transcript();
    let r = t.skipFollowUps(t.send('高岡市で製造業、従業員8人、展示会に出たい、費用40万円'));
    expect(card(r, 'takaoka-new-era-sales', 'trade-show-domestic')!.headline).toContain('200,000円');
    r = t.skipFollowUps(t.send('費用は200万円に変更'));
    expect(card(r, 'takaoka-new-era-sales', 'trade-show-domestic')!.headline).toContain('300,000円');
  });

  it('「やっぱり東京都」 drops the city programs', () => {
    const t = new Transcript();
    t.skipFollowUps(t.send('高岡市で製造業、従業員8人、展示会に出たい、費用100万円'));
    const r = t.skipFollowUps(t.send('やっぱり東京都'));
    expect(t.state!.slots.prefecture).toBe('東京都');
    expect(r.cards.every((c) => !c.programId.startsWith('takaoka'))).toBe(true);
  });
});

describe('dialogue: commands', () => {
  it('最初から resets the slots; 戻る goes back one step', () => {
    const t = new Transcript();
    t.send('高岡市');
    t.send('製造業');
    let r = t.send('戻る');
    expect(t.state!.slots.industry).toBeUndefined();
    expect(r.question?.id).toBe('industry');
    r = t.send('最初から');
    expect(t.state!.slots).toEqual({ answers: {} });
    expect(r.question?.id).toBe('region');
  });

  it('ヘルプ explains and repeats the current question without losing state', () => {
    const t = new Transcript();
    t.send('高岡市で製造業');
    const r = t.send('ヘルプ');
    expect(r.kind).toBe('help');
    expect(text(r)).toContain('使い方');
    expect(r.question?.id).toBe('employees');
    expect(t.state!.slots.industry).toBe('manufacturing');
  });

  it('「1番の内訳」 and 「詳しく」 show the working and the details', () => {
    const t = new Transcript();
    t.skipFollowUps(t.send('高岡市で製造業、従業員8人、展示会に出たい、費用100万円'));
    const calc = t.send('1番の内訳');
    expect(calc.kind).toBe('detail');
    expect(text(calc)).toContain('計算の内訳');
    expect(text(calc)).toContain('自己負担額');
    const [programId, trackId] = t.state!.lastResults[0]!.split(':') as [string, string];
    const detail = t.act({ type: 'detail', programId, trackId });
    expect(text(detail)).toContain('判定');
    expect(text(detail)).toContain('出典');
  });

  it('「データを削除」 asks first; 「やめる」 keeps everything', () => {
    const t = new Transcript();
    t.send('高岡市で製造業、従業員8人');
    const ask = t.send('データを削除');
    expect(text(ask)).toContain('本当に削除しますか？');
    expect(ask.forget).toBeUndefined();
    expect(ask.choices.map((c) => [c.label, decodeAction(c.value)])).toEqual([
      ['削除する', { type: 'delete', confirmed: true }],
      ['やめる', { type: 'delete', confirmed: false }],
    ]);
    expect(t.state!.slots.employees).toBe(8);
    const kept = t.act({ type: 'delete', confirmed: false });
    expect(kept.forget).toBeUndefined();
    expect(text(kept)).toContain('削除を取りやめました');
    expect(t.state!.slots).toMatchObject({ municipality: '高岡市', industry: 'manufacturing', employees: 8 });
    // 「削除する」 typed is the same request: it asks again.
    expect(text(t.send('削除する'))).toContain('本当に削除しますか？');
    expect(t.state!.slots.employees).toBe(8);
  });

  it('「削除する」 after the question forgets everything and says so', () => {
    const t = new Transcript();
    t.send('高岡市で製造業、従業員8人');
    t.send('データを削除');
    const r = t.act({ type: 'delete', confirmed: true });
    expect(r.kind).toBe('deleted');
    expect(r.forget).toBe(true);
    expect(text(r)).toContain('削除しました');
    expect(t.state!.slots).toEqual({ answers: {} });
  });
});

describe('dialogue: free questions answered from the knowledge base', () => {
  it.each([
    ['IT導入補助金の補助率は？', 'IT導入補助金', '補助率'],
    ['持続化補助金の締切は？', '持続化補助金', '未定'],
    ['ものづくり補助金とは', 'ものづくり・商業・サービス生産性向上促進補助金', '受付'],
  ])('%s', (q, name, word) => {
    const t = new Transcript();
    t.send('高岡市で製造業');
    const r = t.send(q);
    expect(r.kind).toBe('info');
    expect(text(r)).toContain(name);
    expect(text(r)).toContain(word);
    // The question in progress is kept and asked again.
    expect(t.state!.step).toBe('employees');
    expect(text(r)).toContain('従業員');
  });
});

describe('dialogue: bad input never loses state', () => {
  it.each<[string, TurnInput]>([
    ['a sticker', { kind: 'unsupported', what: 'sticker' }],
    ['an image', { kind: 'unsupported', what: 'image' }],
    ['emoji', { kind: 'text', text: '🎉🙏😀' }],
    ['garbage', { kind: 'text', text: 'asdfghjkl;' }],
    ['5,000 characters', { kind: 'text', text: 'あ'.repeat(5000) }],
    ['an unknown button', { kind: 'choice', value: 'x:y:z' }],
    ['an empty message', { kind: 'text', text: '   ' }],
  ])('%s mid-conversation repeats the current question with its choices', (_name, input) => {
    const t = new Transcript();
    t.send('高岡市で製造業');
    const before = structuredClone(t.state);
    const r = t.send(input);
    expect(r.kind).toBe('fallback');
    expect(r.question?.id).toBe('employees');
    expect(r.choices.length).toBeGreaterThan(0);
    expect(t.state!.slots).toEqual(before!.slots);
    expect(r.texts.join('').length).toBeLessThan(1000);
  });
});

describe('dialogue: robust understanding', () => {
  it('a LINE location address fills the region', () => {
    const t = new Transcript();
    t.send({ kind: 'start' });
    const r = t.send({ kind: 'location', address: '〒920-8577 石川県金沢市広坂1丁目1番1号' });
    expect(t.state!.slots).toMatchObject({ prefecture: '石川県', municipality: '金沢市' });
    expect(r.question?.id).toBe('industry');
  });

  it.each([
    ['製造行', 'manufacturing'],
    ['せいぞう業', 'manufacturing'],
    ['小売り', 'retail'],
    ['ソフトウエア', 'information-services'],
  ])('understands the typo 「%s」 as %s at the industry question', (said, id) => {
    const t = new Transcript();
    t.send('東京都');
    t.send(said);
    expect(t.state!.slots.industry).toBe(id);
  });

  it.each([
    ['展示回', 'trade-show'],
    ['ホームペジ', 'website'],
  ])('understands the typo 「%s」 as %s at the goal question', (said, id) => {
    const t = new Transcript();
    t.send('東京都で製造業、従業員10人');
    t.send(said);
    expect(t.state!.slots.goals).toEqual([id]);
  });

  it('asks the capital only when it decides the size class', () => {
    const small = new Transcript();
    expect(small.send('東京都で小売業、従業員30人').question?.id).toBe('goal');
    const big = new Transcript();
    const r = big.send('東京都で小売業、従業員80人');
    expect(r.question?.id).toBe('capital');
    big.send('5,000万円');
    expect(big.state!.slots.capitalYen).toBe(50_000_000);
    expect(big.state!.step).toBe('goal');
  });

  it('「特に決めていない」 typed at the goal question means any goal', () => {
    const t = new Transcript();
    t.send('東京都で製造業、従業員10人');
    const r = t.send('特に決めていない');
    expect(t.state!.slots.goals).toEqual([]);
    expect(r.kind).toBe('answer');
    expect(r.question?.id).toBe('expense');
  });

  it('accepts prefecture and city names with or without 県/市', () => {
    const t = new Transcript();
    t.send('石川の金沢です');
    expect(t.state!.slots).toMatchObject({ prefecture: '石川県', municipality: '金沢市' });
  });
});
