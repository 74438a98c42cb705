// The JSON API, exercised through the Worker in the Workers runtime.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const worker = (exports as unknown as { default: Fetcher }).default;
const call = (path: string, init?: RequestInit) => worker.fetch(`http://hojo-navi.test${path}`, init);
const post = (body: unknown, raw = false) =>
  call('/api/v1/match', { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ? (body as string) : JSON.stringify(body) });

interface MatchResponse {
  profile: { sizeClass: string; sizeClassLabel: string; industry: { id: string }; goals: { id: string }[] };
  results: {
    programId: string;
    trackId: string;
    verdict: string;
    reasons: { criterion: string; verdict: string; text: string }[];
    amount: { yen: number; selfPayYen: number; rateLabel: string; explanation: string[] } | null;
    status: { code: string; label: string };
    questions: { id: string }[];
    source: { file: string };
  }[];
}

describe('GET /api/v1/taxonomy', () => {
  it('lists the 20 JSIC divisions, goals, 47 prefectures and size classes', async () => {
    const res = await call('/api/v1/taxonomy');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { industries: { jsic?: string }[]; goals: unknown[]; regions: { prefecture: string }[]; sizeClasses: { id: string }[] };
    expect(body.industries.filter((i) => i.jsic).length).toBe(20);
    expect(body.regions).toHaveLength(47);
    expect(body.regions.map((r) => r.prefecture)).toContain('石川県');
    expect(body.sizeClasses.map((s) => s.id)).toEqual(expect.arrayContaining(['small', 'sme', 'large']));
    expect(body.goals.length).toBeGreaterThan(15);
  });
});

describe('GET /api/v1/programs', () => {
  it('lists programs with tracks, statuses and sources', async () => {
    const res = await call('/api/v1/programs?date=2024-05-01');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { count: number; programs: { id: string; editions: { status: { code: string }; tracks: { source: { file: string } }[] }[] }[] };
    expect(body.count).toBe(body.programs.length);
    expect(body.count).toBeGreaterThan(0);
    for (const p of body.programs) for (const e of p.editions) for (const t of e.tracks) expect(t.source.file).toMatch(/^\d{3}_/);
  });
  it('filters by prefecture: no program of another prefecture', async () => {
    const body = (await (await call('/api/v1/programs?prefecture=茨城県')).json()) as { programs: { region?: { prefecture: string } }[] };
    expect(body.programs.every((p) => !p.region || p.region.prefecture === '茨城県')).toBe(true);
  });
  it('answers 404 for an unknown id and 400 for a bad filter', async () => {
    expect((await call('/api/v1/programs/no-such-program')).status).toBe(404);
    const res = await call('/api/v1/programs?kind=lottery');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'kind' }] });
  });
});

describe('POST /api/v1/match', () => {
  it('accepts Japanese labels and synonyms, classifies the size and ranks eligible first', async () => {
    const res = await post({ prefecture: '石川', municipality: '金沢市', industry: 'ものづくり', employees: 8, expenseYen: 3_000_000, date: '2025-05-01' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as MatchResponse;
    expect(body.profile).toMatchObject({ sizeClass: 'small', industry: { id: 'manufacturing' } });
    // Excluded rows last; among the rest (no goal: every fit is equal), 対象 before 要確認, and
    // within a verdict, open calls (受付中・随時) before 受付前, 未定 and 受付終了.
    const excluded = body.results.map((r) => (r.verdict === 'ineligible' ? 1 : 0));
    expect(excluded).toEqual([...excluded].sort((a, b) => a - b));
    const statusRank = { open: 0, rolling: 0, upcoming: 1, tbd: 2, closed: 3 } as Record<string, number>;
    const verdictRank = { eligible: 0, check: 1 } as Record<string, number>;
    const ranks = body.results.filter((r) => r.verdict !== 'ineligible').map((r) => verdictRank[r.verdict]! * 10 + statusRank[r.status.code]!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const r of body.results) {
      expect(r.reasons.map((x) => x.criterion)).toEqual(expect.arrayContaining(['region', 'industry', 'size', 'goal']));
      if (r.amount && r.amount.rateLabel !== '定額') expect(r.amount.explanation.join('\n')).toContain('自己負担額');
    }
  });

  it('puts programs of another prefecture out of scope with the reason', async () => {
    const body = (await (await post({ prefecture: '東京都', industry: '製造業', employees: 8 })).json()) as MatchResponse;
    const local = body.results.filter((r) => r.reasons.some((x) => x.criterion === 'region' && x.verdict === 'ineligible'));
    expect(local.length).toBeGreaterThan(0);
    expect(local.every((r) => r.verdict === 'ineligible')).toBe(true);
  });

  it('lists the expense as a question when amounts need it', async () => {
    const body = (await (await post({ prefecture: '富山県', municipality: '高岡市', industry: '製造業', employees: 8 })).json()) as MatchResponse;
    const subsidy = body.results.find((r) => r.verdict !== 'ineligible' && r.amount === null && r.questions.some((q) => q.id === 'expenseYen'));
    expect(subsidy).toBeDefined();
  });

  it.each([
    ['malformed JSON', '{"prefecture": "石川県",', true, '(body)'],
    ['an array', '[1,2]', true, '(body)'],
    ['a missing industry', { prefecture: '石川県', employees: 3 }, false, 'industry'],
    ['negative employees', { prefecture: '石川県', industry: '製造業', employees: -1 }, false, 'employees'],
    ['fractional employees', { prefecture: '石川県', industry: '製造業', employees: 2.5 }, false, 'employees'],
    ['an absurd expense', { prefecture: '石川県', industry: '製造業', employees: 3, expenseYen: 1e16 }, false, 'expenseYen'],
    ['an unknown industry', { prefecture: '石川県', industry: '宇宙海賊', employees: 3 }, false, 'industry'],
    ['an unknown prefecture', { prefecture: 'アトランティス', industry: '製造業', employees: 3 }, false, 'prefecture'],
    ['an unknown goal', { prefecture: '石川県', industry: '製造業', employees: 3, goal: '世界征服' }, false, 'goal'],
    ['an impossible date', { prefecture: '石川県', industry: '製造業', employees: 3, date: '2024-02-30' }, false, 'date'],
    ['a 5,000-character industry', { prefecture: '石川県', industry: 'あ'.repeat(5000), employees: 3 }, false, 'industry'],
  ])('answers 400 naming the field for %s', async (_name, body, raw, field) => {
    const res = await post(body, raw);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { message: string; messageEn: string; errors: { field: string; message: string; messageEn: string }[] };
    expect(json.errors.map((e) => e.field)).toContain(field);
    expect(json.errors[0]!.message).toMatch(/[ぁ-んァ-ン一-龥]/);
    expect(json.errors[0]!.messageEn).toMatch(/[a-z]/);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await call('/api/v1/nothing');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});
