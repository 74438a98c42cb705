// 003-chugoku-support.yaml — 中国経済産業局「令和6年度 経済産業省支援事業のご紹介」(003_1ca539d7a2e31e25.txt):
// the non-monetary supports (CASE実証, マナビDX, デジタルアメーバ, 地域の中堅・中核企業の経営力向上支援事業).
import { describe, expect, it } from 'vitest';
import { matchFor, program, track } from '../helpers';

const row = (res: ReturnType<typeof matchFor>, programId: string, trackId: string) => {
  const r = res.results.find((x) => x.programId === programId && x.trackId === trackId);
  if (!r) throw new Error(`no row ${programId}/${trackId}`);
  return r;
};
const at = (date: string, extra: Partial<Parameters<typeof matchFor>[0]> = {}) =>
  matchFor({ prefecture: '広島県', industry: 'manufacturing', employees: 10, date, ...extra });
const serviceText = (programId: string, trackId: string) => {
  const b = track(programId, trackId).benefit;
  expect(b?.kind).toBe('service');
  return b?.kind === 'service' ? b.text : '';
};

const ALL = ['meti-case-mobility-demo', 'manabi-dx', 'chugoku-digital-amoeba', 'meti-regional-core-companies'];

describe('common facts', () => {
  it.each(ALL)('%s: national support (no region), asOf 2024-03-18, no amounts', (id) => {
    const p = program(id);
    expect(p.kind).toBe('support');
    expect(p.region).toBeUndefined();
    expect(p.issuer.level).toBe('national');
    for (const e of p.editions) {
      expect(e.asOf).toBe('2024-03-18');
      for (const t of e.tracks) {
        expect(t.amount).toBeUndefined();
        expect(t.benefit?.kind).toBe('service');
        expect(t.source.file).toBe('003_1ca539d7a2e31e25.txt');
      }
    }
  });
});

describe('無人自動運転等のCASE対応に向けた実証・支援事業 (meti-case-mobility-demo)', () => {
  const C = 'meti-case-mobility-demo';
  it('委託事業; 参考 令和5年度 委託額 4,000万円/1地域上限, 全国8件', () => {
    const text = serviceText(C, 'commissioned-demo');
    expect(text).toContain('委託');
    expect(text).toContain('4,000万円/1地域上限');
    expect(text).toContain('全国8件');
    expect(program(C).contacts[0]).toMatchObject({ name: '中国経済産業局 自動車関連産業室', tel: '082-224-5760' });
  });
  it('令和5年度(参考) 募集 2023-04-05〜2023-05-10: closed at the document date, open inside the window', () => {
    const app = program(C).editions[0]!.application;
    expect(app).toMatchObject({ kind: 'window', windows: [{ label: '令和5年度(参考)', start: '2023-04-05', end: '2023-05-10' }] });
    expect(row(at('2024-03-18'), C, 'commissioned-demo').status.code).toBe('closed');
    expect(row(at('2023-04-20'), C, 'commissioned-demo').status.code).toBe('open');
    expect(row(at('2023-04-01'), C, 'commissioned-demo').status.code).toBe('upcoming');
    expect(row(at('2023-05-10'), C, 'commissioned-demo').status.code).toBe('open');
    expect(row(at('2023-05-11'), C, 'commissioned-demo').status.code).toBe('closed');
  });
  it('matches the research-development goal', () => {
    expect(row(at('2024-03-18', { goal: 'research-development' }), C, 'commissioned-demo').verdict).toBe('eligible');
    expect(row(at('2024-03-18', { goal: 'cash-flow' }), C, 'commissioned-demo').verdict).toBe('ineligible');
  });
});

describe('マナビDX (manabi-dx)', () => {
  const M = 'manabi-dx';
  it('portal of about 250 digital-skills courses; contact 産業人材政策課', () => {
    const text = serviceText(M, 'portal');
    expect(text).toContain('約250講座');
    expect(text).toContain('ポータルサイト');
    expect(program(M).contacts[0]).toMatchObject({ name: '中国経済産業局 産業人材政策課', tel: '082-224-5680' });
  });
  it('rolling; anyone anywhere; matches digital-skills', () => {
    const r = row(matchFor({ prefecture: '北海道', industry: 'retail', employees: 2, goal: 'digital-skills', date: '2025-01-10' }), M, 'portal');
    expect(r.status.code).toBe('rolling');
    expect(r.verdict).toBe('eligible');
    expect(r.amount).toBeNull();
  });
});

describe('デジタルアメーバ (chugoku-digital-amoeba)', () => {
  const D = 'chugoku-digital-amoeba';
  it('free membership, matching of issues; run by 中国経済産業局 but open to any region', () => {
    expect(serviceText(D, 'membership')).toContain('会費等は不要');
    expect(serviceText(D, 'matching')).toContain('課題申請書・マッチング希望用紙');
    expect(program(D).summary).toContain('どの地域からでも');
    expect(program(D).contacts[0]).toMatchObject({
      tel: '082-224-5630',
      email: 'bzl-digital-group@meti.go.jp',
      url: 'https://www.chugoku.meti.go.jp/seisaku/tiiki/it-digitalkanren.html',
    });
  });
  it('rolling, eligible from 東京都 as well as 広島県, also for large companies', () => {
    for (const prefecture of ['東京都', '広島県']) {
      const res = matchFor({ prefecture, industry: 'information-services', employees: 1000, capitalYen: 1_000_000_000, date: '2024-06-01' });
      expect(row(res, D, 'membership').verdict).toBe('eligible');
      expect(row(res, D, 'matching').verdict).toBe('eligible');
      expect(row(res, D, 'membership').status.code).toBe('rolling');
    }
  });
});

describe('地域の中堅・中核企業の経営力向上支援事業 (meti-regional-core-companies)', () => {
  const R = 'meti-regional-core-companies';
  it('four sub-measures, status 未定', () => {
    expect(program(R).editions[0]!.tracks.map((t) => t.id)).toEqual([
      'core-company-network',
      'regional-talent-acquisition',
      'sme-talent-seminars',
      'digital-talent-programs',
    ]);
    expect(serviceText(R, 'core-company-network')).toContain('ネットワーク構築');
    expect(serviceText(R, 'regional-talent-acquisition')).toContain('人材獲得');
    expect(serviceText(R, 'sme-talent-seminars')).toContain('セミナー・マッチング');
    expect(serviceText(R, 'digital-talent-programs')).toContain('ケーススタディ教育プログラム');
    expect(row(at('2024-05-01'), R, 'core-company-network').status.code).toBe('tbd');
  });
  it('goals pick the sub-measure; the seminars are for SMEs', () => {
    const rec = at('2024-05-01', { goal: 'recruitment' });
    expect(row(rec, R, 'sme-talent-seminars').verdict).toBe('eligible');
    expect(row(rec, R, 'digital-talent-programs').verdict).toBe('ineligible');
    const large = at('2024-05-01', { goal: 'recruitment', employees: 1000, capitalYen: 1_000_000_000 });
    expect(row(large, R, 'sme-talent-seminars').verdict).toBe('ineligible');
    expect(row(large, R, 'regional-talent-acquisition').verdict).toBe('eligible');
  });
});
