// The jGrants importer against a fake API on 127.0.0.1 (tests/fixtures/jgrants/server.ts):
// drafts field by field, the change report, idempotence, politeness and per-item failures.
// No test touches the network or the live knowledge base (each works on a temporary copy).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { JgrantsClient } from '../../scripts/knowledge/jgrants-api';
import { formatReport, importJgrants, type ImportReport } from '../../scripts/knowledge/jgrants-import';
import {
  htmlToText,
  isPostAward,
  jstDate,
  jstText,
  parseEmployees,
  parseRate,
  parseTitle,
  splitMulti,
} from '../../scripts/knowledge/jgrants-map';
import { Program } from '../../src/core/knowledge/schema';
import { startFakeJgrants, type FakeJgrants } from '../fixtures/jgrants/server';

const repo = join(import.meta.dirname, '..', '..');
const AREAS = ['全国', '石川県', '茨城県'];
const KEYWORDS = ['創業', '販路開拓'];
const IDS = {
  shokei14: 'a0WJ200000SHOKEI14',
  shokei15: 'a0WJ200000SHOKEI15',
  ishikawa: 'a0WJ200000ISHIKAWA',
  ibaraki: 'a0WJ200000IBARAKI1',
  houkoku: 'a0WJ200000HOUKOKU1',
  renshu: 'a0WJ200000RENSHU01',
  notFound: 'a0WJ200000NOTFOUND',
  broken: 'a0WJ200000BROKENJS',
};

let root: string;
let api: FakeJgrants;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'hojo-jgrants-'));
  cpSync(join(repo, 'knowledge', 'taxonomy'), join(root, 'knowledge', 'taxonomy'), { recursive: true });
  cpSync(join(repo, 'knowledge', 'programs'), join(root, 'knowledge', 'programs'), { recursive: true });
  api = await startFakeJgrants();
});

afterEach(async () => {
  await api.close();
  rmSync(root, { recursive: true, force: true });
});

function run(today = '2026-05-01', opts: { keywords?: string[]; pauseMs?: number; timeoutMs?: number } = {}): Promise<ImportReport> {
  const client = new JgrantsClient({ baseUrl: api.baseUrl, pauseMs: opts.pauseMs ?? 0, timeoutMs: opts.timeoutMs ?? 2000 });
  return importJgrants({ root, client, today, keywords: opts.keywords ?? KEYWORDS, areas: AREAS });
}

const draftsDir = () => join(root, 'knowledge', 'drafts', 'jgrants');
const readDraft = (id: string, sub = '') => parse(readFileSync(join(draftsDir(), sub, `${id}.yaml`), 'utf8'));
const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

/** Every file under the drafts directory with its bytes and mtime. */
function snapshot(): Record<string, { text: string; mtime: number }> {
  const out: Record<string, { text: string; mtime: number }> = {};
  const walk = (dir: string) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else out[relative(root, p)] = { text: readFileSync(p, 'utf8'), mtime: statSync(p).mtimeMs };
    }
  };
  walk(draftsDir());
  return out;
}

describe('jGrants field parsing', () => {
  it('parses a rate only when it is one clean figure', () => {
    expect(parseRate('1/2以内')).toBe('1/2');
    expect(parseRate('２/３以内')).toBe('2/3');
    expect(parseRate(' 3/4 ')).toBe('3/4');
    expect(parseRate('2分の1以内')).toBe('1/2');
    expect(parseRate('50%以内')).toBe('1/2');
    expect(parseRate('10/10')).toBe('1/1');
    expect(parseRate('2/3以内又は1/2以内')).toBeUndefined();
    expect(parseRate('1/2（小規模事業者は2/3）')).toBeUndefined();
    expect(parseRate('定額')).toBeUndefined();
    expect(parseRate('3/2')).toBeUndefined();
    expect(parseRate('')).toBeUndefined();
    expect(parseRate(null)).toBeUndefined();
  });

  it('reads the employee bands', () => {
    expect(parseEmployees('従業員数の制約なし')).toBe('none');
    expect(parseEmployees('20名以下')).toEqual({ atMost: 20, text: '20名以下' });
    expect(parseEmployees('901名以上')).toEqual({ atLeast: 901, text: '901名以上' });
    expect(parseEmployees('中小企業者')).toBeUndefined();
  });

  it('tells the rounds and the 枠 of one program apart', () => {
    expect(parseTitle('中小企業生産性革命推進事業_事業承継・M&A補助金(15次公募)_事業承継促進枠')).toEqual({
      base: '中小企業生産性革命推進事業_事業承継・M&A補助金',
      round: { id: 'r15', label: '第15次公募' },
      track: '事業承継促進枠',
    });
    expect(parseTitle('令和8年度 金沢市ものづくり販路開拓支援補助金')).toEqual({
      base: '金沢市ものづくり販路開拓支援補助金',
      round: { id: 'fy2026', label: '令和8年度' },
    });
    expect(parseTitle('ものづくり補助金（第19次締切）（製品・サービス高付加価値化枠）')).toEqual({
      base: 'ものづくり補助金',
      round: { id: 'r19', label: '第19次締切' },
      track: '製品・サービス高付加価値化枠',
    });
    expect(parseTitle('2026年度 第2回 省エネ補助金')).toEqual({
      base: '省エネ補助金',
      round: { id: 'fy2026-r2', label: '2026年度 第2回' },
    });
    expect(parseTitle('北関東省エネ設備導入補助金')).toEqual({ base: '北関東省エネ設備導入補助金' });
  });

  it('recognises post-award entries', () => {
    expect(isPostAward('ものづくり補助金（第19次締切）実績報告用')).toBe(true);
    expect(isPostAward('【練習用】電子申請お試し補助金')).toBe(true);
    expect(isPostAward('事業承継・M&A補助金(15次公募)')).toBe(false);
  });

  it('splits multi-valued fields, strips HTML and converts times to JST', () => {
    expect(splitMulti('製造業 / 卸売業、小売業 / サービス業（他に分類されないもの）')).toEqual(['製造業', '卸売業、小売業', 'サービス業（他に分類されないもの）']);
    expect(splitMulti(null)).toEqual([]);
    expect(htmlToText('<p><strong>A</strong>&nbsp;&amp;&#12354;</p><ul><li>B</li></ul>')).toBe('A &あ\nB');
    expect(jstDate('2026-07-24T15:30Z')).toBe('2026-07-25');
    expect(jstText('2026-07-24T08:30Z')).toBe('2026年7月24日 17:30');
    expect(jstDate('not a date')).toBeUndefined();
  });
});

describe('knowledge:import -- jgrants', () => {
  it('writes one draft per open call, field by field, and reports failures per item', async () => {
    const report = await run();

    expect(ids(report.new)).toEqual([IDS.ibaraki, IDS.ishikawa, IDS.shokei14, IDS.shokei15]);
    expect(report.changed).toEqual([]);
    expect(report.closed).toEqual([]);
    expect(ids(report.skipped)).toEqual([IDS.houkoku, IDS.renshu]);
    expect(report.failures).toEqual([
      { what: `詳細 ${IDS.broken}（詳細が壊れている補助金）`, error: 'malformed JSON' },
      { what: `詳細 ${IDS.notFound}（掲載が取り下げられた補助金）`, error: 'HTTP 404' },
    ]);
    expect(readdirSync(draftsDir()).sort()).toEqual([...[IDS.ibaraki, IDS.ishikawa, IDS.shokei14, IDS.shokei15].map((i) => `${i}.yaml`), 'index.yaml'].sort());
    // Never into the live base.
    expect(existsSync(join(repo, 'knowledge', 'drafts', 'jgrants', `${IDS.shokei14}.yaml`))).toBe(false);

    // A national call with a clean rate and a cap.
    const a = readDraft(IDS.shokei14);
    expect(a.draft).toMatchObject({
      importer: 'jgrants',
      jgrantsId: IDS.shokei14,
      number: 'S-00009001',
      url: `https://www.jgrants-portal.go.jp/subsidy/${IDS.shokei14}`,
      fetched: '2026-05-01',
      sourceTitle: 'Jグランツ「中小企業生産性革命推進事業_事業承継・M&A補助金(14次公募)_事業承継促進枠」',
      round: { edition: 'r14', track: expect.stringMatching(/^t-[0-9a-f]{6}$/) },
    });
    expect(a.draft.jgrants.detail).toBe('事業承継を契機として行う設備投資等の経費の一部を補助します。\n詳しくは 公募要領&FAQをご覧ください。');
    const pa = a.program;
    expect(pa.id).toMatch(/^jgrants-[0-9a-f]{8}$/);
    expect(pa.name).toBe('中小企業生産性革命推進事業_事業承継・M&A補助金');
    expect(pa.aliases).toEqual(['中小企業生産性革命推進事業_事業承継・M&A補助金(14次公募)_事業承継促進枠']);
    expect(pa.kind).toBe('subsidy');
    expect(pa.issuer).toEqual({ name: '国（Jグランツ掲載）', level: 'national' });
    expect(pa.region).toBeUndefined();
    expect(pa.summary).toBe('事業承継を契機とした設備投資等を支援します');
    expect(pa.goals).toEqual(['business-succession']);
    expect(pa.target).toBeUndefined(); // all 20 JSIC 大分類, no employee limit
    expect(pa.contacts).toEqual([{ name: 'Jグランツ（S-00009001）', url: `https://www.jgrants-portal.go.jp/subsidy/${IDS.shokei14}` }]);
    const ea = pa.editions[0];
    expect(ea).toMatchObject({
      id: 'r14',
      label: '第14次公募',
      asOf: '2026-05-01',
      application: { kind: 'window', windows: [{ start: '2026-03-02', end: '2026-05-29', text: '2026年3月2日 10:00 〜 2026年5月29日 17:00' }] },
      notes: ['事業の完了期限は2027年1月31日 23:59です（Jグランツの記載）。', `申請はJグランツ（https://www.jgrants-portal.go.jp/subsidy/${IDS.shokei14}）から行います。`],
      source: { file: `jgrants:${IDS.shokei14}`, section: '受付期間', quote: '2026年3月2日 10:00 〜 2026年5月29日 17:00' },
    });
    expect(ea.doubts).toBeUndefined();
    expect(ea.tracks).toEqual([
      {
        id: a.draft.round.track,
        name: '事業承継促進枠',
        summary: '事業承継を契機とした設備投資等を支援します',
        amount: { rate: '2/3', cap: 8000000 },
        source: { file: `jgrants:${IDS.shokei14}`, section: '補助率・補助上限額', quote: '補助率 2/3以内、補助上限額 8,000,000円' },
      },
    ]);

    // The next round of the same program: same program id, its own edition.
    const b = readDraft(IDS.shokei15);
    expect(b.program.id).toBe(pa.id);
    expect(b.program.editions[0]).toMatchObject({ id: 'r15', label: '第15次公募' });
    expect(b.program.editions[0].tracks[0]).toMatchObject({ id: a.draft.round.track, amount: { rate: '1/2', cap: 6000000 } });
    expect(b.program.editions[0].application.windows).toEqual([{ start: '2026-06-19', end: '2026-07-24', text: '2026年6月19日 15:00 〜 2026年7月24日 17:30' }]);
    expect(b.program.goals).toEqual(['business-succession', 'equipment-it']);
    expect(b.program.editions[0].notes).toEqual([`申請はJグランツ（https://www.jgrants-portal.go.jp/subsidy/${IDS.shokei15}）から行います。`]);
    expect(report.rounds).toEqual([{ program: pa.id, name: expect.stringContaining('事業承継・M&A補助金'), editions: ['r14', 'r15'] }]);

    // A municipal call: subsidy_max_limit 0 is unset, the band is a doubt, industries are JSIC.
    const c = readDraft(IDS.ishikawa);
    const pc = c.program;
    expect(pc.region).toEqual({ prefecture: '石川県', municipality: '金沢市' });
    expect(pc.issuer).toEqual({ name: '石川県金沢市', level: 'municipality' });
    expect(pc.name).toBe('金沢市ものづくり販路開拓支援補助金');
    expect(pc.summary).toBe('市内のものづくり企業が行う展示会出展などの販路開拓を支援します。');
    expect(pc.goals).toEqual(['sales-expansion', 'new-business']);
    expect(pc.target).toEqual({ industries: { include: ['manufacturing', 'wholesale-retail'] }, employees: { atMost: 20, text: '20名以下' } });
    expect(c.draft.employees).toEqual({ atMost: 20, text: '20名以下' });
    const ec = pc.editions[0];
    expect(ec).toMatchObject({ id: 'fy2026', label: '令和8年度' });
    // The band is eligibility now (target.employees), not a doubt.
    expect(ec.doubts ?? []).not.toContainEqual(expect.objectContaining({ text: expect.stringContaining('対象従業員数') }));
    expect(ec.tracks[0]).toMatchObject({
      id: 'main',
      name: '金沢市ものづくり販路開拓支援補助金',
      amount: { rate: '1/2' },
      doubts: [{ text: '補助上限額がJグランツに記載されていません。公募要領でご確認ください。', affects: 'amount' }],
    });
    expect(ec.tracks[0].amount.cap).toBeUndefined();
    expect(c.draft.review.join('\n')).toContain('subsidy_max_limit: 0');
    expect(c.draft.jgrants.subsidy_max_limit).toBe(0);

    // A rate that does not parse cleanly: no amount, a doubt, the cap kept as a note.
    const g = readDraft(IDS.ibaraki);
    const tg = g.program.editions[0].tracks[0];
    expect(tg.amount).toBeUndefined();
    expect(tg.doubts).toEqual([
      { text: '補助率はJグランツでは「2/3以内又は1/2以内（小規模事業者は2/3）」と記載されています。条件により異なるため、公募要領でご確認ください。', affects: 'amount' },
    ]);
    expect(tg.notes).toEqual(['補助上限額は5,000,000円です（Jグランツの記載）。']);
    expect(g.program.region).toBeUndefined();
    expect(g.program.goals).toEqual(['eco-sdgs', 'equipment-it']);
    // One eligibility doubt (the area); the employee band is target.employees, decided, not a doubt.
    expect(g.program.editions[0].doubts.map((d: { affects: string }) => d.affects)).toEqual(['eligibility']);
    expect(g.program.target.employees).toMatchObject({ text: expect.any(String) });
    expect(g.program.editions[0].doubts[0].text).toBe('対象地域は「茨城県、栃木県」です（Jグランツの記載）。所在地が対象か公募要領でご確認ください。');
    expect(g.draft.review.some((r: string) => r.includes('補助率「2/3以内又は1/2以内（小規模事業者は2/3）」を読み取れなかった'))).toBe(true);

    // Every draft's program passes the program schema as it is.
    for (const id of [IDS.shokei14, IDS.shokei15, IDS.ishikawa, IDS.ibaraki]) {
      const parsed = Program.safeParse(readDraft(id).program);
      expect(parsed.success, `${id}: ${parsed.error?.message}`).toBe(true);
    }

    // The index records what the next run compares with.
    const index = parse(readFileSync(join(draftsDir(), 'index.yaml'), 'utf8')).subsidies;
    expect(Object.keys(index)).toEqual([IDS.ibaraki, IDS.ishikawa, IDS.shokei14, IDS.shokei15]);
    expect(index[IDS.ishikawa]).toMatchObject({ file: `${IDS.ishikawa}.yaml`, status: 'open', end: '2026-09-30', edition: 'fy2026' });

    const text = formatReport(report);
    expect(text).toContain('新規 4件');
    expect(text).toContain(`  + 令和8年度 金沢市ものづくり販路開拓支援補助金（${IDS.ishikawa}） → knowledge/drafts/jgrants/${IDS.ishikawa}.yaml`);
    expect(text).toContain('対象外（採択後の手続き用） 2件');
    expect(text).toContain(`  ! 詳細 ${IDS.notFound}（掲載が取り下げられた補助金）：HTTP 404`);
  });

  it('asks politely: one request at a time, documented parameters, no detail for post-award entries', async () => {
    const report = await run('2026-05-01', { pauseMs: 15 });
    expect(api.maxConcurrent).toBe(1);
    const searches = api.requests.filter((r) => r.path.endsWith('/subsidies'));
    expect(searches).toHaveLength(KEYWORDS.length * AREAS.length);
    for (const s of searches) {
      expect(s.query).toMatchObject({ sort: 'created_date', order: 'DESC', acceptance: '1' });
      expect(KEYWORDS).toContain(s.query.keyword);
      expect(AREAS).toContain(s.query.target_area_search);
    }
    const details = api.requests.filter((r) => r.path.includes('/subsidies/id/')).map((r) => r.path.split('/').at(-1));
    expect(details.sort()).toEqual([IDS.broken, IDS.ibaraki, IDS.ishikawa, IDS.notFound, IDS.shokei14, IDS.shokei15].sort());
    expect(details).not.toContain(IDS.houkoku);
    expect(report.requests).toBe(api.requests.length);
    // The pause between requests.
    for (let i = 1; i < api.requests.length; i++) expect(api.requests[i]!.at - api.requests[i - 1]!.at).toBeGreaterThanOrEqual(14);
  });

  it('a second run with the same data changes nothing', async () => {
    await run();
    const before = snapshot();
    await new Promise((r) => setTimeout(r, 20));
    const report = await run('2026-05-02');
    expect(report.new).toEqual([]);
    expect(report.changed).toEqual([]);
    expect(report.closed).toEqual([]);
    expect(ids(report.unchanged)).toEqual([IDS.ibaraki, IDS.ishikawa, IDS.shokei14, IDS.shokei15]);
    expect(snapshot()).toEqual(before);
    expect(formatReport(report)).toContain('変更なし 4件');
  });

  it('reports changes and closures since the last import', async () => {
    await run();
    api.details.set(IDS.shokei14, { ...api.details.get(IDS.shokei14)!, subsidy_max_limit: 10000000 });
    api.areas['石川県'] = [IDS.broken]; // the 金沢市 call is no longer listed as open
    const report = await run('2026-05-10');
    expect(ids(report.changed)).toEqual([IDS.shokei14]);
    expect(ids(report.closed)).toEqual([IDS.ishikawa]);
    expect(report.closed[0]!.note).toBe('Jグランツの受付中の検索結果に出なくなりました');
    expect(ids(report.unchanged)).toEqual([IDS.ibaraki, IDS.shokei15]);
    const a = readDraft(IDS.shokei14);
    expect(a.draft.fetched).toBe('2026-05-10');
    expect(a.program.editions[0].asOf).toBe('2026-05-10');
    expect(a.program.editions[0].tracks[0].amount).toEqual({ rate: '2/3', cap: 10000000 });
    expect(readDraft(IDS.shokei15).draft.fetched).toBe('2026-05-01'); // untouched
    expect(existsSync(join(draftsDir(), `${IDS.ishikawa}.yaml`))).toBe(false);
    expect(readDraft(IDS.ishikawa, 'closed').program.name).toBe('金沢市ものづくり販路開拓支援補助金');
    const index = parse(readFileSync(join(draftsDir(), 'index.yaml'), 'utf8')).subsidies;
    expect(index[IDS.ishikawa]).toMatchObject({ status: 'closed', closed: '2026-05-10', file: `closed/${IDS.ishikawa}.yaml` });

    // A closure is reported once; the end date passing closes a call too.
    const later = await run('2026-06-01');
    expect(ids(later.closed)).toEqual([IDS.shokei14]);
    expect(later.closed[0]!.note).toBe('受付終了日（2026-05-29）を過ぎました');
    const text = formatReport(later);
    expect(text).toContain('受付終了 1件');
    expect(text).toContain(`  - 中小企業生産性革命推進事業_事業承継・M&A補助金(14次公募)_事業承継促進枠（${IDS.shokei14}）`);

    // Listed again: reopened, back among the drafts.
    api.areas['石川県'] = [IDS.ishikawa];
    const again = await run('2026-06-02');
    expect(ids(again.changed)).toEqual([IDS.ishikawa]);
    expect(again.changed[0]!.note).toBe('受付が再開されました');
    expect(existsSync(join(draftsDir(), `${IDS.ishikawa}.yaml`))).toBe(true);
    expect(existsSync(join(draftsDir(), 'closed', `${IDS.ishikawa}.yaml`))).toBe(false);
  });

  it('does not close anything when a search failed, and survives a malformed list and a timeout', async () => {
    await run();
    api.areas['茨城県'] = [];
    api.brokenKeywords.add('販路開拓');
    api.slow.set(IDS.shokei15, 1500);
    const report = await run('2026-05-03', { timeoutMs: 300 });
    expect(report.closed).toEqual([]);
    expect(report.failures).toEqual(
      expect.arrayContaining([
        { what: '検索「販路開拓」全国', error: 'malformed JSON' },
        { what: `詳細 ${IDS.shokei15}（中小企業生産性革命推進事業_事業承継・M&A補助金(15次公募)_事業承継促進枠）`, error: 'timeout after 300 ms' },
      ]),
    );
    expect(ids(report.unchanged)).toEqual([IDS.ishikawa, IDS.shokei14]);
    expect(formatReport(report)).toContain('検索に失敗があったため、検索結果に出なくなった公募を「受付終了」とは判定していません');
    expect(existsSync(join(draftsDir(), `${IDS.ibaraki}.yaml`))).toBe(true);
  });
});
