// parseExpenses (src/dialogue/parse/expenses.ts) with the real knowledge base: every
// expense in a message, with the purpose written next to it.
import { describe, expect, it } from 'vitest';
import { MAX_CHARS, parseExpenses, type ExpenseMention } from '../../src/dialogue/parse/expenses';
import { knowledge } from '../helpers';

/** An expense with its purpose; `more` for 税込 and per-person amounts. */
const e = (yen: number, match: string, purposeGoal?: string, purposeText?: string, more: Partial<ExpenseMention> = {}): ExpenseMention => ({
  yen,
  taxIncluded: false,
  match,
  perPerson: false,
  ...(purposeGoal ? { purposeGoal } : {}),
  ...(purposeText ? { purposeText } : {}),
  ...more,
});

describe('parseExpenses', () => {
  it.each<[string, ExpenseMention[]]>([
    // The brief's examples.
    [
      'ひたちなか市で製造業20人。国内の展示会出展とホームページのリニューアル。展示会50万、HP16万',
      [e(500_000, '50万', 'trade-show', '展示会'), e(160_000, '16万', 'website', 'HP')],
    ],
    ['設備に300万、研修に20万', [e(3_000_000, '300万', 'equipment-it', '設備'), e(200_000, '20万', 'training', '研修')]],
    ['費用は300万円くらいです', [e(3_000_000, '300万円くらい')]],
    ['受検料は1人3万円です', [e(30_000, '3万円', 'skill-test', '受検料', { perPerson: true })]],
    ['資本金1000万円、設備に500万円', [e(5_000_000, '500万円', 'equipment-it', '設備')]],
    ['人件費200万円を含めて300万円', [e(3_000_000, '300万円')]],
    ['税込330万円', [e(3_000_000, '税込330万円', undefined, undefined, { taxIncluded: true })]],
    ['融資を500万円', [e(5_000_000, '500万円', 'cash-flow', '融資')]],

    // Written forms of the amount.
    ['設備に３００万円', [e(3_000_000, '300万円', 'equipment-it', '設備')]],
    ['設備に三百万円', [e(3_000_000, '三百万円', 'equipment-it', '設備')]],
    ['海外の展示会に1.2億', [e(120_000_000, '1.2億', 'trade-show', '展示会')]],
    ['ホームページに500千円', [e(500_000, '500千円', 'website', 'ホームページ')]],
    ['機械に1,200万円', [e(12_000_000, '1,200万円', 'equipment-it', '機械')]],
    ['機械に1,200,000円', [e(1_200_000, '1,200,000円', 'equipment-it', '機械')]],
    ['展示会に約80万', [e(800_000, '約80万', 'trade-show', '展示会')]],
    ['出展料は１２０万円（税込）', [e(1_090_909, '120万円(税込)', 'trade-show', '出展料', { taxIncluded: true })]],
    ['ＨＰの作成に３０万円', [e(300_000, '30万円', 'website', 'HP')]],

    // The purpose: closest before in the clause, or right after when nothing precedes.
    ['50万円で展示会に出たい', [e(500_000, '50万円', 'trade-show', '展示会')]],
    ['50万円で展示会に出て30万円でHPを作る', [e(500_000, '50万円', 'trade-show', '展示会'), e(300_000, '30万円', 'website', 'HP')]],
    ['展示会50万とHP16万', [e(500_000, '50万', 'trade-show', '展示会'), e(160_000, '16万', 'website', 'HP')]],
    // A total (合計, 経費, 予算…) is for the whole plan, not for the purpose written last.
    ['展示会とHPで合計70万円', [e(700_000, '70万円')]],
    ['新製品開発と展示会出展 経費200万', [e(2_000_000, '200万')]],
    ['IT資格の講座に5万円', [e(50_000, '5万円', 'digital-skills', 'IT資格')]],
    ['海外展示会の出展料80万円', [e(800_000, '80万円', 'trade-show', '出展料')]],
    ['ブースの装飾に40万', [e(400_000, '40万', 'trade-show', 'ブース')]],
    ['検定料は2万円', [e(20_000, '2万円', 'skill-test', '検定料')]],
    ['受験料に1万円', [e(10_000, '1万円', 'skill-test', '受験料')]],
    ['借入を1000万円考えています', [e(10_000_000, '1000万円', 'cash-flow', '借入')]],
    ['設備とソフトで300万', [e(3_000_000, '300万')]],
    ['展示会に出たい。費用は50万円です', [e(500_000, '50万円')]],

    // Per person.
    ['研修は1名あたり3万円', [e(30_000, '3万円', 'training', '研修', { perPerson: true })]],
    ['一人につき2万円の研修', [e(20_000, '2万円', 'training', '研修', { perPerson: true })]],
    ['講習費は3万円/人', [e(30_000, '3万円', 'training', '講習', { perPerson: true })]],
    ['研修に11人で3万円', [e(30_000, '3万円', 'training', '研修')]],

    // 外注費 (outsourcing in general) is an expense; only 外注加工費 is a separate fact.
    ['外注費30万円', [e(300_000, '30万円')]],

    // Not expenses.
    ['時給を50円上げて機械に200万', [e(2_000_000, '200万', 'equipment-it', '機械')]],
    ['1億円の売上で、ブースに40万', [e(400_000, '40万', 'trade-show', 'ブース')]],
    ['年商1億円', []],
    ['売上は年間5000万円', []],
    ['外注加工費80万円、機械に200万円', [e(2_000_000, '200万円', 'equipment-it', '機械')]],
    ['最低賃金を950円に', []],
    ['資本金は3,000万円です', []],
    ['3000万円の資本金', []],
    ['補助上限100万円ですか', []],
    ['10万個売った', []],
    ['人件費も考えると300万円', [e(3_000_000, '300万円')]],

    // No amount.
    ['', []],
    ['展示会に出たい', []],
    ['従業員20人の製造業です', []],
  ])('%s', (text, expected) => {
    expect(parseExpenses(knowledge, text)).toEqual(expected);
  });

  it('answers quickly and without throwing on very long input', () => {
    const long = '展示会に50万、HP16万。'.repeat(400);
    expect(long.length).toBeGreaterThan(5_000);
    const started = performance.now();
    const found = parseExpenses(knowledge, long);
    expect(performance.now() - started).toBeLessThan(1_000);
    // Only the first MAX_CHARS characters are read, and at most 50 amounts reported.
    expect(found).toHaveLength(50);
    expect(found[0]).toEqual(e(500_000, '50万', 'trade-show', '展示会'));
    expect(found[1]).toEqual(e(160_000, '16万', 'website', 'HP'));
    expect(MAX_CHARS).toBe(2_000);
  });

  it.each([['1'.repeat(5_000)], ['万'.repeat(5_000)], ['、'.repeat(5_000)], ['と'.repeat(5_000)], ['展示会'.repeat(2_000)]])(
    'degenerate input %#',
    (text) => {
      const started = performance.now();
      expect(parseExpenses(knowledge, text)).toEqual([]);
      expect(performance.now() - started).toBeLessThan(1_000);
    },
  );

  it('never throws on a value that is not a string', () => {
    expect(parseExpenses(knowledge, undefined as unknown as string)).toEqual([]);
    expect(parseExpenses(knowledge, null as unknown as string)).toEqual([]);
  });
});
