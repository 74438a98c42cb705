// parseFacts (src/dialogue/parse/facts.ts) with the real knowledge base: the answers to
// follow-up questions that a message states, and nothing it does not state.
import { describe, expect, it } from 'vitest';
import { FACT_RULES, parseFacts } from '../../src/dialogue/parse/facts';
import { knowledge } from '../helpers';

const WAGE = ['jizokuka_wage_hike', 'shoryokuka_wage_hike', 'mono_wage_hike'] as const;
const wage = (value: 'yes' | 'no') => Object.fromEntries(WAGE.map((q) => [q, value]));

describe('the fact table matches the knowledge base', () => {
  const questions = new Map(knowledge.questions.map((q) => [q.id, q]));
  const entries = FACT_RULES.flatMap((rule) => rule.questions.map((id) => ({ id, rule })));

  it.each(entries.map(({ id, rule }) => [id, rule.kind, rule] as const))('%s (%s) is a question of that type', (id, kind, rule) => {
    const q = questions.get(id);
    expect(q, `no question ${id} in the knowledge base`).toBeDefined();
    expect(q!.type).toBe(kind);
    if (rule.kind === 'choice') expect(q!.choices?.map((c) => c.value)).toContain(rule.value);
  });

  it('covers the facts the brief lists', () => {
    expect(new Set(entries.map((x) => x.id))).toEqual(
      new Set([
        'invoice_conversion',
        'hitachinaka_personnel_cost_yen',
        'kanazawa_outsourcing_yen',
        'persons',
        'deficit',
        'corporation',
        'takaoka_expo_us_midwest_taipei',
        'kanazawa_one_year',
        'ishikawa_noto_damage',
        'takaoka_founder_priority',
        ...WAGE,
      ]),
    );
  });
});

describe('parseFacts', () => {
  it.each<[string, Record<string, string | number>]>([
    // takaoka_founder_priority
    ['女性で35歳、一人でやります', { takaoka_founder_priority: 'yes' }],
    ['移住して創業したい', { takaoka_founder_priority: 'yes' }],
    ['52歳です', {}],
    // ishikawa_noto_damage
    ['輪島市 旅館 10人 地震 建物全壊 復旧資金', { ishikawa_noto_damage: 'direct' }],
    ['能登の地震で建物が壊れてしまい', { ishikawa_noto_damage: 'direct' }],
    ['罹災証明をもらいました', { ishikawa_noto_damage: 'direct' }],
    ['地震の被害はありません', { ishikawa_noto_damage: 'none' }],
    ['取引先が地震で被害を受けた', {}],
    // invoice_conversion
    ['免税事業者なんですがインボイス登録するつもりです', { invoice_conversion: 'yes' }],
    ['インボイス発行事業者に転換済みです', { invoice_conversion: 'yes' }],
    ['免税事業者からインボイス登録した', { invoice_conversion: 'yes' }],
    ['免税事業者から課税事業者になりました', { invoice_conversion: 'yes' }],
    ['適格請求書発行事業者へ転換する予定です', { invoice_conversion: 'yes' }],
    ['インボイスは関係ない', { invoice_conversion: 'no' }],
    ['うちはインボイスとは関係ありません', { invoice_conversion: 'no' }],
    ['課税事業者です', { invoice_conversion: 'no' }],
    ['もともと課税事業者なので', { invoice_conversion: 'no' }],
    ['インボイス登録はしない予定です', { invoice_conversion: 'no' }],
    ['免税事業者のままです', { invoice_conversion: 'no' }],
    ['インボイス対応したい', {}],
    ['インボイス', {}],
    ['インボイスは関係ないですか', {}],
    ['課税事業者ですか', {}],
    ['課税事業者ではありません', {}],
    ['インボイス発行事業者に転換したいか迷っています', {}],

    // hitachinaka_personnel_cost_yen, kanazawa_outsourcing_yen
    ['人件費200万円', { hitachinaka_personnel_cost_yen: 2_000_000 }],
    ['うち人件費は100万', { hitachinaka_personnel_cost_yen: 1_000_000 }],
    ['人件費として約１５０万円', { hitachinaka_personnel_cost_yen: 1_500_000 }],
    ['人件費200万円を含めて300万円', { hitachinaka_personnel_cost_yen: 2_000_000 }],
    ['人件費は税込110万円', { hitachinaka_personnel_cost_yen: 1_000_000 }],
    ['人件費はなし', { hitachinaka_personnel_cost_yen: 0 }],
    ['人件費も考えると300万円', {}],
    ['人件費は対象ですか', {}],
    ['外注加工費80万円', { kanazawa_outsourcing_yen: 800_000 }],
    ['外注加工費は八十万円です', { kanazawa_outsourcing_yen: 800_000 }],
    ['外注加工はありません', { kanazawa_outsourcing_yen: 0 }],
    ['外注加工費80万円、人件費50万円', { kanazawa_outsourcing_yen: 800_000, hitachinaka_personnel_cost_yen: 500_000 }],
    ['人件費100万円、別の事業の人件費200万円', {}],

    // persons (not the headcount)
    ['社員3人に受検させたい', { persons: 3 }],
    ['5名が受講', { persons: 5 }],
    ['3人受検', { persons: 3 }],
    ['対象は4人', { persons: 4 }],
    ['十五名が研修に参加します', { persons: 15 }],
    ['３人が技能検定を受けます', { persons: 3 }],
    ['合格者は2名でした', { persons: 2 }],
    ['従業員10人のうち3人が受講', { persons: 3 }],
    ['従業員8人、うち3人に研修を受けさせたい', { persons: 3 }],
    ['従業員45人', {}],
    ['社員は8人です', {}],
    ['スタッフ6人', {}],
    ['ひたちなか市で製造業20人。', {}],
    ['従業員5人全員が研修を受ける', {}],
    ['受検料は1人3万円です', {}],
    ['3〜5人が受講予定', {}],
    ['5人以上が参加', {}],
    ['3人が受検、2人が受講', {}],

    // deficit
    ['赤字です', { deficit: 'yes' }],
    ['前期は赤字', { deficit: 'yes' }],
    ['直近の決算は赤字でした', { deficit: 'yes' }],
    ['黒字', { deficit: 'no' }],
    ['黒字です', { deficit: 'no' }],
    ['赤字ではありません', { deficit: 'no' }],
    ['赤字だけど申請したい', { deficit: 'yes' }],
    ['赤字ですか', {}],
    ['赤字だと申請できませんか', {}],
    ['赤字でも申請できますか', {}],
    ['赤字の場合はどうなりますか', {}],
    ['黒字化したい', {}],
    ['昨年は赤字、今年は黒字です', {}],

    // corporation
    ['株式会社です', { corporation: 'corporation' }],
    ['法人です', { corporation: 'corporation' }],
    ['合同会社', { corporation: 'corporation' }],
    ['㈱山田製作所です', { corporation: 'corporation' }],
    ['NPO法人で活動しています', { corporation: 'corporation' }],
    ['個人事業主です', { corporation: 'individual' }],
    ['個人事業主', { corporation: 'individual' }],
    ['個人でやっています', { corporation: 'individual' }],
    ['フリーランスのデザイナーです', { corporation: 'individual' }],
    ['個人事業主でも申請できますか', {}],
    ['法人化したい', {}],
    ['株式会社を設立する予定です', {}],
    ['法人ではありません', {}],
    ['法人での申請は可能ですか', {}],

    // takaoka_expo_us_midwest_taipei
    ['台北の展示会に出展したい', { takaoka_expo_us_midwest_taipei: 'yes' }],
    ['台湾の見本市に出たい', { takaoka_expo_us_midwest_taipei: 'yes' }],
    ['シカゴの見本市', { takaoka_expo_us_midwest_taipei: 'yes' }],
    ['米国中西部の展示会', { takaoka_expo_us_midwest_taipei: 'yes' }],
    ['台湾に旅行', {}],
    ['台湾から部品を輸入しています', {}],
    ['ドイツの見本市に出たい', {}],

    // kanazawa_one_year
    ['金沢で10年やっています', { kanazawa_one_year: 'yes' }],
    ['金沢市で製造業、創業20年です', { kanazawa_one_year: 'yes' }],
    ['金沢市で昭和50年創業の鉄工所', { kanazawa_one_year: 'yes' }],
    ['先月金沢に移転しました', { kanazawa_one_year: 'no' }],
    ['これから金沢で創業します', { kanazawa_one_year: 'no' }],
    ['創業20年', {}],
    ['金沢で創業2024年', {}],
    ['金沢で創業1年未満です', {}],
    ['金沢市の製造業です', {}],

    // wage hikes: the three programs' questions together
    ['賃上げする予定', wage('yes')],
    ['賃上げを予定しています', wage('yes')],
    ['時給を50円引き上げる予定です', wage('yes')],
    ['昇給を実施します', wage('yes')],
    ['賃上げする予定はない', wage('no')],
    ['賃上げはしません', wage('no')],
    ['賃上げしたい', {}],
    ['賃上げを検討しています', {}],
    ['賃上げしない場合はどうなりますか', {}],
    ['最低賃金', {}],

    // Several facts in one message, and none.
    [
      '金沢市で株式会社、創業30年。赤字です。社員3人に技能検定を受検させたい',
      { kanazawa_one_year: 'yes', corporation: 'corporation', deficit: 'yes', persons: 3 },
    ],
    ['ひたちなか市で製造業20人。国内の展示会出展とホームページのリニューアル。展示会50万、HP16万', {}],
    ['', {}],
    ['こんにちは', {}],
  ])('%s', (text, expected) => {
    expect(parseFacts(knowledge, text)).toEqual(expected);
  });

  it('never throws, and answers quickly on very long input', () => {
    expect(parseFacts(knowledge, undefined as unknown as string)).toEqual({});
    const long = '社員3人に受検させたい。赤字です。'.repeat(400);
    expect(long.length).toBeGreaterThan(5_000);
    const started = performance.now();
    expect(parseFacts(knowledge, long)).toEqual({ persons: 3, deficit: 'yes' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('emits only facts whose question the knowledge base has', () => {
    const without = { ...knowledge, questions: knowledge.questions.filter((q) => q.id !== 'deficit') };
    expect(parseFacts(without, '赤字です。株式会社です')).toEqual({ corporation: 'corporation' });
  });
});
