// 金沢市 ものづくり産業 支援ガイド（令和7年度版） — 001_43386e5738d85651.txt
// The guide gives no worked examples: the cases are computed by hand from its
// 補助率 and 上限額 (over the cap, under the cap, every rate condition and cap
// variant, per-person caps, the 外注加工費 part limit and the 30万円 minimum).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { amountFor, matchFor, program, track } from '../helpers';

const NEW = 'kanazawa-new-product';
const ADVISOR = 'kanazawa-monozukuri-advisor';
const OVERSEAS = 'kanazawa-overseas-market';
const BRAND = 'kanazawa-kagayaki-brand';
const RESKILL = 'kanazawa-monozukuri-reskilling';
const DIGITAL = 'kanazawa-digital-reskilling';
const FOREIGN = 'kanazawa-foreign-staff-japanese';
const TAX = 'kanazawa-advanced-equipment-tax';
const INTEREST = 'kanazawa-equipment-interest';
const KENSHU = 'kanazawa-igyoshu-kenshu-kaikan';
const KAIKAN = 'kanazawa-monozukuri-kaikan';
const MUSASHI = 'kanazawa-it-business-plaza-musashi';
const MIRAI = 'kanazawa-mirai-no-machi-sozokan';

const ALL = [NEW, ADVISOR, OVERSEAS, BRAND, RESKILL, DIGITAL, FOREIGN, TAX, INTEREST, KENSHU, KAIKAN, MUSASHI, MIRAI];
const SEED = '001_43386e5738d85651.txt';

const where = { prefecture: '石川県', municipality: '金沢市' };
const row = (results: { programId: string; trackId: string }[], programId: string, trackId: string) => {
  const r = results.find((x) => x.programId === programId && x.trackId === trackId);
  if (!r) throw new Error(`no row ${programId}:${trackId}`);
  return r as any;
};
const match = (input: Partial<Parameters<typeof matchFor>[0]> = {}) =>
  matchFor({ ...where, industry: 'manufacturing', employees: 10, date: '2025-06-01', ...input } as Parameters<typeof matchFor>[0]).results;

describe('ガイド全体', () => {
  it('全13事業・施設が令和7年度版（asOf 2025-04-01）として金沢市に登録されている', () => {
    for (const id of ALL) {
      const p = program(id);
      expect(p.region).toEqual({ prefecture: '石川県', municipality: '金沢市' });
      expect(p.issuer.level).toBe('municipality');
      expect(p.editions[0]!.asOf).toBe('2025-04-01');
      for (const t of p.editions[0]!.tracks) expect(t.source.file).toBe(SEED);
    }
  });
  it.skipIf(!existsSync(`/work/shared/seeds/${SEED}`))('出典の引用はすべて資料の原文どおり', () => {
    const seed = readFileSync(`/work/shared/seeds/${SEED}`, 'utf8');
    for (const id of ALL)
      for (const e of program(id).editions) {
        expect(seed, `${id}/${e.id}`).toContain(e.source.quote);
        for (const t of e.tracks) expect(seed, `${id}/${t.id}`).toContain(t.source.quote);
      }
  });
  it('市外の事業者は対象外', () => {
    const r = matchFor({ prefecture: '石川県', municipality: '白山市', industry: 'manufacturing', employees: 10, date: '2025-06-01' }).results;
    expect(row(r, NEW, 'single').verdict).toBe('ineligible');
    expect(row(r, OVERSEAS, 'expo-overseas').verdict).toBe('ineligible');
  });
});

describe('新製品開発・改良促進事業', () => {
  it('産学連携コース（重点分野）: 2/3・上限1,000万円／年度', () => {
    const over = amountFor(NEW, 'sangaku-priority', { expenseYen: 18_000_000 });
    expect(over.beforeCapYen).toBe(12_000_000);
    expect(over.yen).toBe(10_000_000);
    expect(over.selfPayYen).toBe(8_000_000);
    expect(amountFor(NEW, 'sangaku-priority', { expenseYen: 9_000_000 }).yen).toBe(6_000_000);
    expect(track(NEW, 'sangaku-priority').limits).toContain('3,000万円');
  });
  it('外注加工費は経費総額の5割以内', () => {
    const within = amountFor(NEW, 'sangaku-priority', { expenseYen: 3_000_000, answers: { kanazawa_outsourcing_yen: 1_500_000 } });
    expect(within.eligibleExpenseYen).toBe(3_000_000);
    expect(within.yen).toBe(2_000_000);
    const over = amountFor(NEW, 'sangaku-priority', { expenseYen: 3_000_000, answers: { kanazawa_outsourcing_yen: 2_000_000 } });
    expect(over.eligibleExpenseYen).toBe(2_000_000);
    expect(over.yen).toBe(1_333_333);
    expect(over.selfPayYen).toBe(1_666_667);
    const improve = amountFor(NEW, 'improvement', { expenseYen: 1_000_000, answers: { kanazawa_outsourcing_yen: 800_000 } });
    expect(improve.eligibleExpenseYen).toBe(400_000);
    expect(improve.yen).toBe(200_000);
  });
  it('産学連携コース（重点分野以外）: 2/3・上限500万円／年度（中小・それ以外とも）', () => {
    for (const id of ['sangaku-general-sme', 'sangaku-general-other']) {
      expect(amountFor(NEW, id, { expenseYen: 9_000_000 }).yen).toBe(5_000_000);
      expect(amountFor(NEW, id, { expenseYen: 3_000_000 }).yen).toBe(2_000_000);
    }
    expect(track(NEW, 'sangaku-general-sme').limits).toContain('最長2年度・合計500万円');
    expect(track(NEW, 'sangaku-general-other').limits).toContain('最長2年度・合計1,000万円');
  });
  it('産学連携コース（基礎研究）: 2/3・上限100万円（単年度）', () => {
    expect(amountFor(NEW, 'sangaku-basic-research', { expenseYen: 3_000_000 }).yen).toBe(1_000_000);
    expect(amountFor(NEW, 'sangaku-basic-research', { expenseYen: 900_000 }).yen).toBe(600_000);
  });
  it('単独企業コース: 中小 重点分野2/3・以外1/2、小規模企業者は全て2/3、上限200万円', () => {
    // 製造業 従業員10人 = 小規模企業者
    const small = amountFor(NEW, 'single', { expenseYen: 1_500_000, employees: 10, answers: { kanazawa_priority_field: 'no' } });
    expect(small.yen).toBe(1_000_000);
    expect(amountFor(NEW, 'single', { expenseYen: 3_000_000, employees: 20 }).yen).toBe(2_000_000);
    // 製造業 従業員21人 = 中小企業者（小規模以外）
    expect(amountFor(NEW, 'single', { expenseYen: 1_500_000, employees: 21 }).yen).toBe(750_000);
    expect(amountFor(NEW, 'single', { expenseYen: 1_500_000, employees: 21, answers: { kanazawa_priority_field: 'no' } }).yen).toBe(750_000);
    expect(amountFor(NEW, 'single', { expenseYen: 1_500_000, employees: 21, answers: { kanazawa_priority_field: 'yes' } }).yen).toBe(1_000_000);
    const over = amountFor(NEW, 'single', { expenseYen: 5_000_000, employees: 50 });
    expect(over.yen).toBe(2_000_000);
    expect(over.selfPayYen).toBe(3_000_000);
    // 情報サービス業は小規模企業者が5人以下: 10人なら中小企業者 → 1/2
    expect(amountFor(NEW, 'single', { expenseYen: 1_000_000, employees: 10, industry: 'information-services' }).yen).toBe(500_000);
    expect(amountFor(NEW, 'single', { expenseYen: 1_000_000, employees: 5, industry: 'information-services' }).yen).toBe(666_666);
  });
  it('企業連携コース: 重点分野2/3・以外1/2、上限400万円', () => {
    expect(amountFor(NEW, 'partnership', { expenseYen: 9_000_000, employees: 50, answers: { kanazawa_priority_field: 'yes' } }).yen).toBe(4_000_000);
    expect(amountFor(NEW, 'partnership', { expenseYen: 4_500_000, employees: 50, answers: { kanazawa_priority_field: 'yes' } }).yen).toBe(3_000_000);
    expect(amountFor(NEW, 'partnership', { expenseYen: 6_000_000, employees: 50, answers: { kanazawa_priority_field: 'no' } }).yen).toBe(3_000_000);
    // 小規模企業者でも補助率の優遇はない（表は重点分野かどうかのみ）
    expect(amountFor(NEW, 'partnership', { expenseYen: 6_000_000, employees: 5, answers: { kanazawa_priority_field: 'no' } }).yen).toBe(3_000_000);
    expect(amountFor(NEW, 'partnership', { expenseYen: 10_000_000, employees: 50, answers: { kanazawa_priority_field: 'no' } }).yen).toBe(4_000_000);
  });
  it('既存製品改良コース: 1/2・上限100万円', () => {
    expect(amountFor(NEW, 'improvement', { expenseYen: 3_000_000 }).yen).toBe(1_000_000);
    const under = amountFor(NEW, 'improvement', { expenseYen: 1_000_000, employees: 5 });
    expect(under.yen).toBe(500_000);
    expect(under.selfPayYen).toBe(500_000);
  });
  it('対象者: 令和6年度採択企業・重点分野の区分・規模', () => {
    const ok = { kanazawa_r6_adopted: 'no', kanazawa_priority_field: 'yes' };
    expect(row(match({ answers: ok }), NEW, 'sangaku-priority').verdict).toBe('eligible');
    expect(row(match({ answers: { ...ok, kanazawa_r6_adopted: 'yes' } }), NEW, 'sangaku-priority').verdict).toBe('ineligible');
    expect(row(match({ answers: ok }), NEW, 'sangaku-general-sme').verdict).toBe('ineligible');
    expect(row(match({ answers: { kanazawa_r6_adopted: 'no' } }), NEW, 'single').verdict).toBe('eligible');
    // 大企業: 全企業の重点分野は対象、中小企業者向けの区分は対象外、②「①」以外は対象
    const large = { employees: 500, capitalYen: 500_000_000 };
    expect(row(match({ ...large, answers: ok }), NEW, 'sangaku-priority').verdict).toBe('eligible');
    expect(row(match({ ...large, answers: ok }), NEW, 'single').verdict).toBe('ineligible');
    const general = { kanazawa_r6_adopted: 'no', kanazawa_priority_field: 'no' };
    expect(row(match({ ...large, answers: { ...general, kanazawa_sme_or_group: 'no' } }), NEW, 'sangaku-general-other').verdict).toBe('eligible');
    expect(row(match({ ...large, answers: general }), NEW, 'sangaku-general-sme').verdict).toBe('ineligible');
    expect(row(match({ answers: { ...general, kanazawa_sme_or_group: 'yes' } }), NEW, 'sangaku-general-other').verdict).toBe('ineligible');
    expect(row(match({ answers: general }), NEW, 'sangaku-general-sme').verdict).toBe('eligible');
  });
  it('募集期間: 令和7年7月4日まで', () => {
    expect(row(match({ date: '2025-07-04' }), NEW, 'single').status.code).toBe('open');
    expect(row(match({ date: '2025-07-05' }), NEW, 'single').status.code).toBe('closed');
  });
});

describe('ものづくりサポートアドバイザー派遣制度', () => {
  it('専門家派遣: 無料・計4回・8時間まで', () => {
    const b = track(ADVISOR, 'dispatch').benefit!;
    expect(b.kind).toBe('service');
    expect((b as { text: string }).text).toContain('4回・8時間');
    expect((b as { text: string }).text).toContain('無料');
    expect(track(ADVISOR, 'dispatch').amount).toBeUndefined();
  });
  it('製造業の中小企業者が対象・随時（年度末まで）', () => {
    const r = row(match(), ADVISOR, 'dispatch');
    expect(r.verdict).toBe('eligible');
    expect(r.amount).toBeNull();
    expect(r.status.code).toBe('rolling');
    expect(row(match({ industry: 'retail' }), ADVISOR, 'dispatch').verdict).toBe('ineligible');
    expect(row(match({ date: '2026-04-01' }), ADVISOR, 'dispatch').status.code).toBe('closed');
  });
});

describe('海外販路開拓支援事業 (1/2)', () => {
  it('見本市等出展: ①国内 50万円 ②海外 100万円 ③オンライン 70万円', () => {
    expect(amountFor(OVERSEAS, 'expo-domestic', { expenseYen: 1_200_000 }).yen).toBe(500_000);
    expect(amountFor(OVERSEAS, 'expo-domestic', { expenseYen: 800_000 }).yen).toBe(400_000);
    const overseas = amountFor(OVERSEAS, 'expo-overseas', { expenseYen: 2_500_000 });
    expect(overseas.yen).toBe(1_000_000);
    expect(overseas.selfPayYen).toBe(1_500_000);
    expect(amountFor(OVERSEAS, 'expo-overseas', { expenseYen: 1_500_000 }).yen).toBe(750_000);
    expect(amountFor(OVERSEAS, 'expo-online', { expenseYen: 2_000_000 }).yen).toBe(700_000);
    expect(amountFor(OVERSEAS, 'expo-online', { expenseYen: 1_000_000 }).yen).toBe(500_000);
    expect(track(OVERSEAS, 'expo-overseas').limits).toContain('累計で5回');
  });
  it('外国語版ホームページ整備: 上限30万円、対象経費30万円以上', () => {
    const below = amountFor(OVERSEAS, 'foreign-website', { expenseYen: 299_999 });
    expect(below.eligible).toBe(false);
    expect(below.yen).toBe(0);
    expect(amountFor(OVERSEAS, 'foreign-website', { expenseYen: 300_000 }).yen).toBe(150_000);
    const over = amountFor(OVERSEAS, 'foreign-website', { expenseYen: 800_000 });
    expect(over.yen).toBe(300_000);
    expect(over.selfPayYen).toBe(500_000);
  });
  it('海外ECサイト活用: 上限100万円', () => {
    expect(amountFor(OVERSEAS, 'overseas-ec', { expenseYen: 3_000_000 }).yen).toBe(1_000_000);
    expect(amountFor(OVERSEAS, 'overseas-ec', { expenseYen: 600_000 }).yen).toBe(300_000);
  });
  it('対象業種・市内1年以上', () => {
    const yes = { kanazawa_one_year: 'yes' };
    expect(row(match({ answers: yes }), OVERSEAS, 'overseas-ec').verdict).toBe('eligible');
    expect(row(match({ industry: 'design', employees: 3, answers: yes }), OVERSEAS, 'overseas-ec').verdict).toBe('eligible');
    expect(row(match({ industry: 'video-audio-production', employees: 3, answers: yes }), OVERSEAS, 'overseas-ec').verdict).toBe('eligible');
    expect(row(match({ industry: 'retail', employees: 3, answers: yes }), OVERSEAS, 'overseas-ec').verdict).toBe('check');
    expect(row(match({ industry: 'retail', employees: 3, answers: { ...yes, kanazawa_similar_industry: 'yes' } }), OVERSEAS, 'overseas-ec').verdict).toBe('eligible');
    expect(row(match({ industry: 'retail', employees: 3, answers: { ...yes, kanazawa_similar_industry: 'no' } }), OVERSEAS, 'overseas-ec').verdict).toBe('ineligible');
    expect(row(match({ answers: { kanazawa_one_year: 'no' } }), OVERSEAS, 'overseas-ec').verdict).toBe('ineligible');
    expect(row(match(), OVERSEAS, 'expo-domestic').status.code).toBe('rolling');
  });
});

describe('金沢かがやきブランド認定製品開発奨励事業', () => {
  it('奨励金 20万円（定額）', () => {
    const a = amountFor(BRAND, 'award', { expenseYen: 0 });
    expect(a.yen).toBe(200_000);
    expect(amountFor(BRAND, 'award', { expenseYen: 5_000_000 }).yen).toBe(200_000);
  });
  it('販路開拓補助: 1/2・上限50万円', () => {
    const over = amountFor(BRAND, 'sales-support', { expenseYen: 1_500_000 });
    expect(over.yen).toBe(500_000);
    expect(over.selfPayYen).toBe(1_000_000);
    expect(amountFor(BRAND, 'sales-support', { expenseYen: 600_000 }).yen).toBe(300_000);
  });
  it('製造業・情報サービス業、募集は令和7年7月31日まで', () => {
    const ans = { kanazawa_one_year: 'yes' };
    expect(row(match({ answers: ans }), BRAND, 'award').verdict).toBe('eligible');
    expect(row(match({ industry: 'information-services', employees: 3, answers: ans }), BRAND, 'award').verdict).toBe('eligible');
    expect(row(match({ industry: 'design', employees: 3, answers: ans }), BRAND, 'award').verdict).toBe('ineligible');
    expect(row(match({ date: '2025-07-31' }), BRAND, 'award').status.code).toBe('open');
    expect(row(match({ date: '2025-08-01' }), BRAND, 'sales-support').status.code).toBe('closed');
  });
});

describe('ものづくり企業リスキリング支援事業', () => {
  it('研修実施支援: 1/2（小規模企業者は2/3）、10万円／年度', () => {
    // 製造業 従業員10人 = 小規模企業者
    expect(amountFor(RESKILL, 'training-in-house', { expenseYen: 120_000, employees: 10 }).yen).toBe(80_000);
    expect(amountFor(RESKILL, 'training-in-house', { expenseYen: 300_000, employees: 10 }).yen).toBe(100_000);
    expect(amountFor(RESKILL, 'training-in-house', { expenseYen: 150_000, employees: 50 }).yen).toBe(75_000);
    const ext = amountFor(RESKILL, 'training-external', { expenseYen: 300_000, employees: 50 });
    expect(ext.yen).toBe(100_000);
    expect(ext.selfPayYen).toBe(200_000);
    expect(amountFor(RESKILL, 'training-external', { expenseYen: 90_000, employees: 20 }).yen).toBe(60_000);
  });
  it('社内研修と社外研修を合わせて1企業10万円／年度', () => {
    const r = matchFor({
      ...where, industry: 'manufacturing', employees: 50, date: '2025-06-01', answers: { kanazawa_one_year: 'yes' },
      trackExpenses: { [`${RESKILL}:training-in-house`]: 150_000, [`${RESKILL}:training-external`]: 150_000 },
    }).results;
    const both = row(r, RESKILL, 'training-in-house+training-external');
    expect(both.amount.beforeCapYen).toBe(150_000);
    expect(both.amount.yen).toBe(100_000);
  });
  it('技能検定受検支援: 1/2、1名につき1万円まで', () => {
    const capped = amountFor(RESKILL, 'skill-test', { expenseYen: 90_000, answers: { persons: 3 } });
    expect(capped.yen).toBe(30_000);
    expect(capped.selfPayYen).toBe(60_000);
    expect(amountFor(RESKILL, 'skill-test', { expenseYen: 90_000, answers: { persons: 5 } }).yen).toBe(45_000);
    expect(amountFor(RESKILL, 'skill-test', { expenseYen: 18_000, answers: { persons: 1 } }).yen).toBe(9_000);
  });
  it('技能検定受検支援は法人のみ、募集期間は資料に記載なし（未定）', () => {
    const base = { kanazawa_one_year: 'yes' };
    expect(row(match({ answers: { ...base, corporation: 'corporation' } }), RESKILL, 'skill-test').verdict).toBe('eligible');
    expect(row(match({ answers: { ...base, corporation: 'individual' } }), RESKILL, 'skill-test').verdict).toBe('ineligible');
    expect(row(match({ answers: base }), RESKILL, 'skill-test').status.code).toBe('tbd');
    expect(row(match({ answers: base }), RESKILL, 'training-in-house').status.code).toBe('rolling');
    expect(row(match({ industry: 'restaurants', employees: 3, answers: { ...base, kanazawa_similar_industry: 'no' } }), RESKILL, 'training-external').verdict).toBe('ineligible');
  });
});

describe('中小企業デジタル人材リスキリング促進助成事業 (1/2)', () => {
  it('受験手数料: 1名につき3千円まで', () => {
    const a = amountFor(DIGITAL, 'exam-fee-basic', { expenseYen: 15_000, answers: { persons: 2 } });
    expect(a.beforeCapYen).toBe(7_500);
    expect(a.yen).toBe(6_000);
    expect(a.selfPayYen).toBe(9_000);
    expect(amountFor(DIGITAL, 'exam-fee-basic', { expenseYen: 5_000, answers: { persons: 2 } }).yen).toBe(2_500);
    expect(amountFor(DIGITAL, 'exam-fee-applied', { expenseYen: 7_500, answers: { persons: 1 } }).yen).toBe(3_000);
  });
  it('対策講座受講料: 1名につき1万円まで（応用情報技術者試験は2万円まで）', () => {
    expect(amountFor(DIGITAL, 'course-basic', { expenseYen: 30_000, answers: { persons: 2 } }).yen).toBe(15_000);
    expect(amountFor(DIGITAL, 'course-basic', { expenseYen: 60_000, answers: { persons: 2 } }).yen).toBe(20_000);
    expect(amountFor(DIGITAL, 'course-applied', { expenseYen: 50_000, answers: { persons: 1 } }).yen).toBe(20_000);
    expect(amountFor(DIGITAL, 'course-applied', { expenseYen: 30_000, answers: { persons: 1 } }).yen).toBe(15_000);
  });
  it('ITパスポート・基本情報は業種制限が資料で不明（要確認）、応用情報は対象', () => {
    const r = match({ industry: 'retail', employees: 3 });
    expect(row(r, DIGITAL, 'exam-fee-basic').verdict).toBe('check');
    expect(row(r, DIGITAL, 'course-basic').verdict).toBe('check');
    expect(row(r, DIGITAL, 'exam-fee-applied').verdict).toBe('eligible');
    expect(row(r, DIGITAL, 'course-applied').verdict).toBe('eligible');
    expect(row(r, DIGITAL, 'course-applied').status.code).toBe('tbd');
    expect(row(match({ employees: 500, capitalYen: 500_000_000 }), DIGITAL, 'course-applied').verdict).toBe('ineligible');
  });
});

describe('中小企業外国人材定着支援事業', () => {
  it('日本語研修: 1/2・1企業15万円まで', () => {
    const over = amountFor(FOREIGN, 'japanese-training', { expenseYen: 400_000 });
    expect(over.yen).toBe(150_000);
    expect(over.selfPayYen).toBe(250_000);
    expect(amountFor(FOREIGN, 'japanese-training', { expenseYen: 200_000 }).yen).toBe(100_000);
  });
  it('外国人を雇用する中小企業等・随時募集', () => {
    expect(row(match({ answers: { kanazawa_employs_foreigners: 'yes' } }), FOREIGN, 'japanese-training').verdict).toBe('eligible');
    expect(row(match({ answers: { kanazawa_employs_foreigners: 'no' } }), FOREIGN, 'japanese-training').verdict).toBe('ineligible');
    expect(row(match(), FOREIGN, 'japanese-training').status.code).toBe('rolling');
  });
});

describe('先端設備等導入計画（固定資産税の特例）', () => {
  it('1.5%賃上げ表明: 3年間 1/2、3%賃上げ表明: 5年間 1/4', () => {
    const a = track(TAX, 'wage-1-5').benefit as { kind: string; text: string };
    expect(a.kind).toBe('tax');
    expect(a.text).toContain('3年間');
    expect(a.text).toContain('1/2');
    const b = track(TAX, 'wage-3').benefit as { kind: string; text: string };
    expect(b.kind).toBe('tax');
    expect(b.text).toContain('5年間');
    expect(b.text).toContain('1/4');
    expect(program(TAX).target.conditions!.join()).toContain('機械装置（160万円以上）');
  });
  it('令和9年3月31日までの制度、「中小事業者等」の範囲は要確認', () => {
    expect(row(match({ date: '2027-03-31' }), TAX, 'wage-3').status.code).toBe('rolling');
    expect(row(match({ date: '2027-04-01' }), TAX, 'wage-3').status.code).toBe('closed');
    const r = row(match(), TAX, 'wage-1-5');
    expect(r.verdict).toBe('check');
    expect(r.amount).toBeNull();
  });
});

describe('中小企業設備投資促進助成金（利子助成）', () => {
  it('①鉄工機電協会 1.1%のうち0.5%・30万円／年度・最長7年、②ISICO 1.6%のうち1.5%・60万円／年度・最長3年', () => {
    const a = (track(INTEREST, 'tekko-kiden').benefit as { text: string }).text;
    expect(a).toContain('1.1%のうち0.5%');
    expect(a).toContain('30万円／年度');
    expect(a).toContain('最長7年間');
    const b = (track(INTEREST, 'isico').benefit as { text: string }).text;
    expect(b).toContain('1.6%のうち1.5%');
    expect(b).toContain('60万円／年度');
    expect(b).toContain('最長3年間');
    expect(track(INTEREST, 'isico').amount).toBeUndefined();
  });
  it('募集期間の記載なし（未定）', () => {
    const r = row(match(), INTEREST, 'isico');
    expect(r.verdict).toBe('eligible');
    expect(r.status.code).toBe('tbd');
  });
});

describe('支援施設', () => {
  it('異業種研修会館とものづくり支援コーナー（無料・1社60分以内）', () => {
    const f = (track(KENSHU, 'facility').benefit as { text: string }).text;
    expect(f).toContain('金沢市打木町東1400');
    expect(f).toContain('9:00～21:00');
    expect(f).toContain('076-240-1934');
    const c = (track(KENSHU, 'monozukuri-corner').benefit as { text: string }).text;
    expect(c).toContain('無料');
    expect(c).toContain('60分以内');
  });
  it('ものづくり会館・ITビジネスプラザ武蔵・金沢未来のまち創造館', () => {
    const kaikan = (track(KAIKAN, 'facility').benefit as { text: string }).text;
    expect(kaikan).toContain('金沢市栗崎町4-80-1');
    expect(kaikan).toContain('076-255-1518');
    const musashi = (track(MUSASHI, 'facility').benefit as { text: string }).text;
    expect(musashi).toContain('金沢市武蔵町14-31');
    expect(musashi).toContain('10:00～22:00');
    expect(musashi).toContain('076-224-6340');
    const mirai = (track(MIRAI, 'facility').benefit as { text: string }).text;
    expect(mirai).toContain('金沢市野町3-11-1');
    expect(mirai).toContain('076-280-3115');
    for (const id of [KENSHU, KAIKAN, MUSASHI, MIRAI]) expect(program(id).kind).toBe('facility');
  });
  it('業種・規模を問わず利用でき、常時開館（随時）', () => {
    const r = match({ industry: 'restaurants', employees: 3 });
    for (const [p, t] of [[KENSHU, 'facility'], [KENSHU, 'monozukuri-corner'], [KAIKAN, 'facility'], [MUSASHI, 'facility'], [MIRAI, 'facility']] as const) {
      expect(row(r, p, t).verdict).toBe('eligible');
      expect(row(r, p, t).status.code).toBe('rolling');
    }
  });
  it('その他の奨励金（はたらくサイト）の案内', () => {
    expect(program(RESKILL).editions[0]!.notes!.join()).toContain('はたらくサイト');
    expect(program(FOREIGN).editions[0]!.notes!.join()).toContain('はたらくサイト');
  });
});
