// Tables for the slot extractor (parse/slots.ts), the text commands (commands.ts)
// and the button values (actions.ts).
import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, type Action } from '../../src/dialogue/actions';
import { textCommand } from '../../src/dialogue/commands';
import { extractSlots } from '../../src/dialogue/parse/slots';
import { knowledge } from '../helpers';

describe('extractSlots: region, industry, goals', () => {
  it.each<[string, Record<string, unknown>]>([
    ['金沢市で製造業', { prefecture: '石川県', municipality: '金沢市', industry: 'manufacturing' }],
    ['石川の金沢です', { prefecture: '石川県', municipality: '金沢市' }],
    ['富山県高岡市の小売業', { prefecture: '富山県', municipality: '高岡市', industry: 'retail' }],
    ['東京都八王子市', { prefecture: '東京都', municipality: '八王子市' }],
    ['ひたちなか市で情報サービス業', { prefecture: '茨城県', municipality: 'ひたちなか市', industry: 'information-services' }],
    ['金沢市で機械部品の製造業', { municipality: '金沢市', industry: 'manufacturing' }],
    ['ロボットの製造をしています。省力化したい', { industry: 'manufacturing', goals: ['labor-saving'] }],
    ['海外の見本市に出展したい', { goals: expect.arrayContaining(['overseas', 'trade-show']) }],
    ['社員に技能検定を受けさせたい', { goals: ['skill-test'] }],
    ['ITパスポートを取らせたい', { goals: ['digital-skills'] }],
  ])('「%s」', (text, expected) => {
    expect(extractSlots(knowledge, text)).toMatchObject(expected);
  });
});

it('「機械部品の製造業」 names the trade: 機械 is not the goal 設備整備', () => {
  expect(extractSlots(knowledge, '金沢市で機械部品の製造業、従業員45人').goals).toBeUndefined();
});

describe('extractSlots: the headcount', () => {
  it.each<[string, number | undefined, boolean | undefined]>([
    ['従業員は8人です', 8, true],
    ['従業員45人', 45, true],
    ['社員30名', 30, true],
    ['スタッフ十五名', 15, true],
    ['従業員12', 12, true],
    ['金沢市で製造業8人', 8, false],
    ['受検料は1人3万円です', undefined, undefined],
    ['1名あたり5万円', undefined, undefined],
    ['3人が受検します', undefined, undefined],
    ['対象は4人', undefined, undefined],
    ['従業員20人、うち3人が受講', 20, true],
  ])('「%s」 → %s', (text, n, keyword) => {
    const found = extractSlots(knowledge, text);
    expect(found.employees).toBe(n);
    expect(found.employeesKeyword).toBe(keyword);
  });

  it.each([
    ['資本金1,000万円', 10_000_000],
    ['資本金は5億円', 500_000_000],
  ])('「%s」 is the capital', (text, yen) => {
    expect(extractSlots(knowledge, text).capitalYen).toBe(yen);
  });
});

describe('textCommand', () => {
  it.each<[string, ReturnType<typeof textCommand>]>([
    ['最初から', { type: 'command', command: 'restart' }],
    ['やり直し。', { type: 'command', command: 'restart' }],
    ['ヘルプ', { type: 'command', command: 'help' }],
    ['データを削除して', { type: 'command', command: 'delete' }],
    ['戻る', { type: 'command', command: 'back' }],
    ['結果をもう一度', { type: 'command', command: 'results' }],
    ['条件を変えたい', { type: 'command', command: 'change' }],
    ['1番の内訳', { type: 'numbered', what: 'calc', index: 0 }],
    ['２番を詳しく', { type: 'numbered', what: 'detail', index: 1 }],
    ['金沢市で製造業', undefined],
    ['最初から調べたいのですが金沢市です', undefined],
  ])('「%s」', (text, expected) => {
    expect(textCommand(text)).toEqual(expected);
  });
});

describe('actions: encode and decode', () => {
  it.each<Action>([
    { type: 'command', command: 'restart' },
    { type: 'change', slot: 'employees' },
    { type: 'detail', programId: 'national-jizokuka', trackId: 'tsujo' },
    { type: 'calc', programId: 'hitachinaka-business-revitalization', trackId: 'matching-domestic+matching-website' },
    { type: 'tracks', programId: 'it-donyu' },
    { type: 'region', prefecture: '石川県', municipality: '金沢市' },
    { type: 'region', prefecture: '富山県', municipality: 'その他' },
    { type: 'industry', industry: 'manufacturing' },
    { type: 'employees', employees: 20 },
    { type: 'capital', capitalYen: 300_000_001 },
    { type: 'goal', goal: 'trade-show' },
    { type: 'goal', goal: null },
    { type: 'expense', expenseYen: 3_000_000 },
    { type: 'expense', expenseYen: null },
    { type: 'answer', question: 'invoice_conversion', value: 'yes' },
    { type: 'answer', question: 'persons', value: null },
  ])('%o round-trips within 300 characters', (action) => {
    const value = encodeAction(action);
    expect(value.length).toBeLessThanOrEqual(300);
    expect(decodeAction(value)).toEqual(action);
  });

  it.each(['ch:nonsense', 'cmd:rm', 's:exp:-3000000', 's:exp:0', 's:emp:1e9', 's:emp:3.5', 's:cap:99999999999999', 'd:only', 'a:q', 's:muni:東京都', 'x:y:z', '', 'cmd:restart:extra', 'o:../../etc'])(
    '「%s」 is not an action',
    (value) => {
      expect(decodeAction(value)).toBeUndefined();
    },
  );

  it('never throws on values of any type', () => {
    for (const v of [null, undefined, 42, {}, [], 'a'.repeat(5000)]) expect(decodeAction(v)).toBeUndefined();
  });
});
