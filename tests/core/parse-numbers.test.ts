// parseAmounts and parseCount (src/dialogue/parse/numbers.ts): every written form, exact values.
import { describe, expect, it } from 'vitest';
import { kanjiNumber, parseAmounts, parseCount, type ParsedAmount } from '../../src/dialogue/parse/numbers';

const amount = (yen: number, match: string, more: Partial<ParsedAmount> = {}): ParsedAmount => ({
  yen,
  taxIncluded: false,
  approximate: false,
  match,
  ...more,
});

describe('parseAmounts: one amount', () => {
  it.each<[string, ParsedAmount]>([
    ['300万円', amount(3_000_000, '300万円')],
    ['300万', amount(3_000_000, '300万')],
    ['３００万円', amount(3_000_000, '300万円')],
    ['３００万', amount(3_000_000, '300万')],
    ['1,200万円', amount(12_000_000, '1,200万円')],
    ['1,200,000円', amount(1_200_000, '1,200,000円')],
    ['１，２００，０００円', amount(1_200_000, '1,200,000円')],
    ['800000円', amount(800_000, '800000円')],
    ['1.2億', amount(120_000_000, '1.2億')],
    ['1.2億円', amount(120_000_000, '1.2億円')],
    ['0.5万円', amount(5_000, '0.5万円')],
    ['1億2000万円', amount(120_000_000, '1億2000万円')],
    ['1億2,000万', amount(120_000_000, '1億2,000万')],
    ['500千円', amount(500_000, '500千円')],
    ['3千円', amount(3_000, '3千円')],
    ['三百万円', amount(3_000_000, '三百万円')],
    ['二千五百万円', amount(25_000_000, '二千五百万円')],
    ['五十万', amount(500_000, '五十万')],
    ['一億円', amount(100_000_000, '一億円')],
    ['十五万円', amount(150_000, '十五万円')],
    ['約80万', amount(800_000, '約80万', { approximate: true })],
    ['80万円くらい', amount(800_000, '80万円くらい', { approximate: true })],
    ['80万円ぐらい', amount(800_000, '80万円ぐらい', { approximate: true })],
    ['およそ100万円', amount(1_000_000, 'およそ100万円', { approximate: true })],
    ['100万円程度', amount(1_000_000, '100万円程度', { approximate: true })],
    ['200万前後', amount(2_000_000, '200万前後', { approximate: true })],
    ['税込330万円', amount(3_000_000, '税込330万円', { taxIncluded: true })],
    ['税込み110万円', amount(1_000_000, '税込み110万円', { taxIncluded: true })],
    ['330万円(税込)', amount(3_000_000, '330万円(税込)', { taxIncluded: true })],
    ['330万円（税込）', amount(3_000_000, '330万円(税込)', { taxIncluded: true })],
    ['110万円税込', amount(1_000_000, '110万円税込', { taxIncluded: true })],
    // 税込 rounds down to whole yen: 100,000 × 10/11 = 90,909.09…
    ['税込10万円', amount(90_909, '税込10万円', { taxIncluded: true })],
    ['税抜300万円', amount(3_000_000, '税抜300万円')],
    ['300万円(税抜)', amount(3_000_000, '300万円(税抜)')],
    ['約330万円(税込)くらい', amount(3_000_000, '約330万円(税込)くらい', { taxIncluded: true, approximate: true })],
    ['費用は300万円くらいです', amount(3_000_000, '300万円くらい', { approximate: true })],
    ['0円', amount(0, '0円')],
  ])('%s', (text, expected) => {
    expect(parseAmounts(text)).toEqual([expected]);
  });
});

describe('parseAmounts: several amounts, in order', () => {
  it.each<[string, number[]]>([
    ['展示会50万、HP16万', [500_000, 160_000]],
    ['設備に300万、研修に20万', [3_000_000, 200_000]],
    ['資本金1,000万円、設備に500万円', [10_000_000, 5_000_000]],
    ['人件費200万円を含めて300万円', [2_000_000, 3_000_000]],
    ['100万円から200万円', [1_000_000, 2_000_000]],
    ['受検料は1人3万円です', [30_000]],
    ['従業員20人で1.5億円の売上', [150_000_000]],
  ])('%s', (text, yen) => {
    expect(parseAmounts(text).map((a) => a.yen)).toEqual(yen);
  });
});

describe('parseAmounts: no amount', () => {
  it.each([
    [''],
    ['展示会に出たい'],
    ['従業員20人'],
    ['300'],
    ['2024年4月1日'],
    ['十五名'],
    ['電話は0120-123-456'],
  ])('%j', (text) => {
    expect(parseAmounts(text)).toEqual([]);
  });
});

describe('parseCount', () => {
  it.each<[string, number | undefined]>([
    ['8人', 8],
    ['8名', 8],
    ['３０人', 30],
    ['十五名', 15],
    ['二十人', 20],
    ['三人', 3],
    ['百二十名', 120],
    ['1,200人', 1200],
    ['従業員は45人です', 45],
    ['社員3人に受検させたい', 3],
    ['5にん', 5],
    ['3人と5人', 3],
    ['展示会に出たい', undefined],
    ['300万円', undefined],
    ['30', undefined],
    ['1.5人', undefined],
  ])('%s → %s', (text, n) => {
    expect(parseCount(text)).toBe(n);
  });

  it.each<[string, number | undefined]>([
    ['30', 30],
    [' 30 ', 30],
    ['約30', 30],
    ['３０', 30],
    ['三十', 30],
    ['8人', 8],
    ['30から40', undefined],
    ['三十くらい', undefined],
  ])('bare: %j → %s', (text, n) => {
    expect(parseCount(text, { bare: true })).toBe(n);
  });
});

describe('kanjiNumber', () => {
  it.each<[string, number | undefined]>([
    ['三百', 300],
    ['三〇〇', 300],
    ['十五', 15],
    ['二千五百', 2500],
    ['三百万', 3_000_000],
    ['一億二千万', 120_000_000],
    ['万', 10_000],
    ['壱万', 10_000],
    ['百万', 1_000_000],
    ['', undefined],
    ['三x', undefined],
  ])('%j → %s', (text, n) => {
    expect(kanjiNumber(text)).toBe(n);
  });
});
