// Knowledge releases (issue 16): the committed fingerprints match the knowledge (else a
// release is due), the diff of fingerprints on real programs copied and edited, the release
// script on a copy of knowledge/, and the releases as the build and the API give them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildKnowledgeData } from '../../scripts/knowledge/compile';
import {
  diffFingerprints,
  fingerprintsCurrent,
  fingerprintsJson,
  fingerprintsOf,
  loadReleases,
  nextRelease,
  programFingerprint,
  readFingerprints,
  runRelease,
  type Fingerprints,
} from '../../scripts/knowledge/releases';
import { changesRoutes } from '../../src/api/changes';
import { compileKnowledge } from '../../src/core/knowledge/compile';
import { knowledgeVersion, releasesSince, type KnowledgeRelease } from '../../src/core/knowledge/releases';
import type { KnowledgeData, Program } from '../../src/core/knowledge/types';
import { newestEdition } from '../../src/core/reach';
import { todayJst } from '../../src/core/status';
import { knowledge } from '../helpers';

const repo = join(import.meta.dirname, '..', '..');
const built = buildKnowledgeData(repo);
const data = built.knowledge!;

/** A deep copy of a real program of the knowledge base, to edit. */
const copy = (id: string): Program => {
  const p = data.programs.find((x) => x.id === id);
  if (!p) throw new Error(`no program ${id}`);
  return structuredClone(p);
};
const trackOf = (p: Program, id: string) => {
  const t = newestEdition(p).tracks.find((x) => x.id === id);
  if (!t) throw new Error(`no track ${id} in ${p.id}`);
  return t;
};
const fp = (...programs: Program[]): Fingerprints => fingerprintsOf(programs);
const DATE = '2026-12-01';

describe('the committed release state', () => {
  it('knowledge/fingerprints.json is the fingerprints of the knowledge as it is (else run npm run knowledge:release)', () => {
    expect(built.errors).toEqual([]);
    const committed = readFingerprints(repo);
    expect(committed, 'knowledge/fingerprints.json is missing: run `npm run knowledge:release`').toBeDefined();
    const current = fingerprintsOf(data.programs);
    const help = 'The knowledge base changed since its last release: run `npm run knowledge:release` and commit knowledge/releases.yaml and knowledge/fingerprints.json';
    expect(diffFingerprints(committed!, current, todayJst()), help).toEqual([]);
    expect(fingerprintsCurrent(repo, data.programs), help).toBe(true);
  });

  it('releases.yaml starts with version 1 of 2026-11-25, every program added, and versions go 1, 2, 3…', () => {
    const releases = data.releases!;
    expect(releases.map((r) => r.version)).toEqual(releases.map((_, i) => i + 1));
    const first = releases[0]!;
    expect(first.date).toBe('2026-11-25');
    expect(first.changes.every((c) => c.change === 'added' && !c.trackId && c.programName)).toBe(true);
    expect(first.changes).toContainEqual({ programId: 'national-jizokuka', programName: '小規模事業者持続化補助金', change: 'added' });
    expect(first.changes).toHaveLength(38);
  });

  it('knowledge:build bundles the releases: the compiled knowledge has them and their version', () => {
    expect(knowledge.releases).toEqual(data.releases);
    expect(knowledgeVersion(knowledge.releases)).toBe(data.releases!.length);
    expect(knowledgeVersion(knowledge.releases)).toBeGreaterThanOrEqual(1);
  });
});

describe('fingerprints', () => {
  it('do not depend on the order of keys in the YAML', () => {
    const p = copy('national-jizokuka');
    const q = copy('national-jizokuka');
    const t = trackOf(q, 'tsujo');
    t.amount = Object.fromEntries(Object.entries(t.amount!).reverse()) as typeof t.amount;
    expect(Object.keys(t.amount!)).not.toEqual(Object.keys(trackOf(p, 'tsujo').amount!));
    expect(programFingerprint(q)).toEqual(programFingerprint(p));
  });

  it('cover only the newest edition: editing an older edition changes nothing', () => {
    const p = copy('national-jizokuka');
    expect(p.editions.length).toBeGreaterThan(1);
    const q = copy('national-jizokuka');
    const older = q.editions.find((e) => e !== newestEdition(q))!;
    older.tracks[0]!.amount = { rate: '9/10', cap: 99_000_000 };
    expect(nextRelease([], fp(p), fp(q), DATE)).toBeNull();
  });

  it('name what each part covers', () => {
    const f = programFingerprint(copy('national-jizokuka'));
    expect(Object.keys(f.tracks.tsujo!.parts)).toEqual(['名称', '補助率', '上限額', '対象者', '受付期間']);
    // A loan-like track has its benefit instead of an amount.
    expect(Object.keys(f.tracks['saigai-noto']!.parts)).toEqual(['名称', '支援内容', '対象者', '受付期間']);
  });
});

describe('the diff of two knowledge bases', () => {
  const releases: KnowledgeRelease[] = [{ version: 1, date: '2026-11-25', changes: [{ programId: 'x', change: 'added' }] }];

  it('nothing changed: no release', () => {
    expect(nextRelease(releases, fp(copy('national-jizokuka'), copy('takaoka-innovation-talent')), fp(copy('national-jizokuka'), copy('takaoka-innovation-talent')), DATE)).toBeNull();
  });

  it('a raised cap: the track changed, what 上限額, version + 1', () => {
    const before = copy('national-jizokuka');
    const after = copy('national-jizokuka');
    trackOf(after, 'tsujo').amount!.cap = 800_000;
    expect(nextRelease(releases, fp(before), fp(after), DATE)).toEqual({
      version: 2,
      date: DATE,
      changes: [{ programId: 'national-jizokuka', programName: '小規模事業者持続化補助金', trackId: 'tsujo', trackName: trackOf(after, 'tsujo').name, change: 'changed', what: ['上限額'] }],
    });
  });

  it('a rate and a period changed together: both named, in a fixed order', () => {
    const before = copy('national-monodukuri');
    const after = copy('national-monodukuri');
    const e = newestEdition(after);
    expect(e.application.kind).toBe('window');
    if (e.application.kind === 'window') e.application.windows[0]!.end = '2025-05-09';
    trackOf(after, 'global').amount!.rate = '9/10';
    const changes = diffFingerprints(fp(before), fp(after), DATE);
    expect(changes.map((c) => [c.trackId, c.change, c.what])).toEqual([
      ['kofukakachi', 'changed', ['受付期間']],
      ['global', 'changed', ['補助率', '受付期間']],
    ]);
  });

  it('a track removed: closed, with the name it had', () => {
    const before = copy('national-jizokuka');
    const after = copy('national-jizokuka');
    const e = newestEdition(after);
    const name = trackOf(before, 'startup').name;
    e.tracks = e.tracks.filter((t) => t.id !== 'startup');
    expect(diffFingerprints(fp(before), fp(after), DATE)).toEqual([
      { programId: 'national-jizokuka', programName: '小規模事業者持続化補助金', trackId: 'startup', trackName: name, change: 'closed' },
    ]);
  });

  it('a track added: added, with its name', () => {
    const before = copy('national-jizokuka');
    const after = copy('national-jizokuka');
    const e = newestEdition(after);
    e.tracks.push({ ...structuredClone(trackOf(after, 'tsujo')), id: 'kyoudou', name: '共同・協業型' });
    expect(diffFingerprints(fp(before), fp(after), DATE)).toEqual([
      { programId: 'national-jizokuka', programName: '小規模事業者持続化補助金', trackId: 'kyoudou', trackName: '共同・協業型', change: 'added' },
    ]);
  });

  it('a program added or removed: one program-level entry, no tracks', () => {
    const jizokuka = copy('national-jizokuka');
    const takaoka = copy('takaoka-innovation-talent');
    expect(diffFingerprints(fp(jizokuka), fp(jizokuka, takaoka), DATE)).toEqual([
      { programId: 'takaoka-innovation-talent', programName: 'イノベーション創出人材活用支援補助金', change: 'added' },
    ]);
    expect(diffFingerprints(fp(jizokuka, takaoka), fp(jizokuka), DATE)).toEqual([
      { programId: 'takaoka-innovation-talent', programName: 'イノベーション創出人材活用支援補助金', change: 'closed' },
    ]);
  });

  it("a program's own name or target changed: a program-level entry, the tracks unchanged", () => {
    const before = copy('takaoka-innovation-talent');
    const after = copy('takaoka-innovation-talent');
    after.name = 'イノベーション人材活用補助金';
    after.target = { ...after.target, sizeClasses: ['small'] };
    expect(diffFingerprints(fp(before), fp(after), DATE)).toEqual([
      { programId: 'takaoka-innovation-talent', programName: 'イノベーション人材活用補助金', change: 'changed', what: ['名称', '対象者'] },
    ]);
  });

  it('a period over on the release date that now runs past it: reopened; one still running and moved: changed', () => {
    const before = copy('takaoka-innovation-talent');
    expect(programFingerprint(before).tracks['side-job']!.until).toBe('2025-01-31');
    const after = copy('takaoka-innovation-talent');
    const e = newestEdition(after);
    if (e.application.kind !== 'window') throw new Error('expected a window');
    e.application.windows = [{ start: '2026-11-01', end: '2027-01-29', text: '募集期間 令和8年11月1日～令和9年1月29日' }];
    const reopened = diffFingerprints(fp(before), fp(after), DATE);
    expect(reopened.map((c) => [c.trackId, c.change, c.what])).toEqual([
      ['side-job', 'reopened', ['受付期間']],
      ['internship-domestic', 'reopened', ['受付期間']],
      ['internship-overseas', 'reopened', ['受付期間']],
    ]);
    // Released before the old period ended: it was not closed, so only changed.
    expect(diffFingerprints(fp(before), fp(after), '2025-01-15').map((c) => c.change)).toEqual(['changed', 'changed', 'changed']);
    // Moved to an end that is also over: changed, not reopened.
    e.application.windows = [{ start: '2025-04-01', end: '2026-01-30', text: '募集期間 令和7年4月1日～令和8年1月30日' }];
    expect(diffFingerprints(fp(before), fp(after), DATE).map((c) => c.change)).toEqual(['changed', 'changed', 'changed']);
  });

  it('versions increase by one, release after release', () => {
    let list: KnowledgeRelease[] = [];
    const states = [fp(), fp(copy('national-jizokuka')), fp(copy('national-jizokuka'), copy('takaoka-innovation-talent')), fp(copy('takaoka-innovation-talent'))];
    for (let i = 1; i < states.length; i++) {
      const r = nextRelease(list, states[i - 1]!, states[i]!, DATE)!;
      expect(r.version).toBe(i);
      list = [...list, r];
    }
    expect(knowledgeVersion(list)).toBe(3);
    expect(releasesSince(list, 1).map((r) => r.version)).toEqual([2, 3]);
    expect(releasesSince(list, 3)).toEqual([]);
    expect(list[2]!.changes).toEqual([{ programId: 'national-jizokuka', programName: '小規模事業者持続化補助金', change: 'closed' }]);
  });
});

describe('npm run knowledge:release on a copy of knowledge/', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });
  const copyRepo = () => {
    root = mkdtempSync(join(tmpdir(), 'hojo-release-'));
    cpSync(join(repo, 'knowledge'), join(root, 'knowledge'), { recursive: true, filter: (src) => !src.includes('/dist') });
    return root;
  };
  const release = (dir: string, date: string) => {
    const b = buildKnowledgeData(dir);
    expect(b.errors).toEqual([]);
    return { outcome: runRelease(dir, b.knowledge!.programs, b.knowledge!.releases!, date), releases: b.knowledge!.releases! };
  };
  const files = (dir: string) => ['releases.yaml', 'fingerprints.json'].map((f) => readFileSync(join(dir, 'knowledge', f), 'utf8'));

  it('writes nothing when nothing changed', () => {
    const dir = copyRepo();
    const before = files(dir);
    expect(release(dir, DATE).outcome).toEqual({ wrote: [] });
    expect(files(dir)).toEqual(before);
  });

  it('a raised cap in a program file: release version + 1 with 上限額, the build bundles it, and a second run changes nothing', () => {
    const dir = copyRepo();
    const path = join(dir, 'knowledge', 'programs', '000-takaoka.yaml');
    const text = readFileSync(path, 'utf8');
    const edited = text.replace(/(- id: side-job\n[^]*?cap: )300000/, '$1400000');
    expect(edited).not.toBe(text);
    writeFileSync(path, edited);
    expect(fingerprintsCurrent(dir, buildKnowledgeData(dir).knowledge!.programs)).toBe(false); // the build's warning

    const { outcome, releases } = release(dir, DATE);
    const version = knowledgeVersion(releases) + 1;
    expect(outcome.wrote).toEqual(['knowledge/releases.yaml', 'knowledge/fingerprints.json']);
    expect(outcome.release).toEqual({
      version,
      date: DATE,
      changes: [{ programId: 'takaoka-innovation-talent', programName: 'イノベーション創出人材活用支援補助金', trackId: 'side-job', trackName: '副業・兼業人材の活用', change: 'changed', what: ['上限額'] }],
    });
    const rebuilt = buildKnowledgeData(dir);
    expect(rebuilt.errors).toEqual([]);
    expect(rebuilt.knowledge!.releases).toEqual([...releases, outcome.release]);
    expect(fingerprintsCurrent(dir, rebuilt.knowledge!.programs)).toBe(true);
    expect(readFileSync(join(dir, 'knowledge', 'fingerprints.json'), 'utf8')).toBe(fingerprintsJson(fingerprintsOf(rebuilt.knowledge!.programs)));

    const after = files(dir);
    expect(release(dir, DATE).outcome).toEqual({ wrote: [] });
    expect(files(dir)).toEqual(after);
  });

  it('refuses a date before the last release', () => {
    const dir = copyRepo();
    writeFileSync(join(dir, 'knowledge', 'fingerprints.json'), '{ "programs": {} }\n');
    expect(() => release(dir, '2026-01-01')).toThrow(/before the last release/);
  });

  it('knowledge:check reports a broken releases.yaml with its line', () => {
    const dir = copyRepo();
    const path = join(dir, 'knowledge', 'releases.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('version: 1', 'version: 2'));
    const errors: string[] = [];
    loadReleases(dir, errors);
    expect(errors).toEqual([expect.stringMatching(/^knowledge\/releases\.yaml:6: version 2 should be 1/)]);
    expect(buildKnowledgeData(dir).errors).toEqual(errors);
  });
});

describe('GET /changes on a knowledge base with a closed program', () => {
  const withReleases = (releases: KnowledgeRelease[]) => compileKnowledge({ ...(structuredClone(data) as KnowledgeData), releases });
  const releases: KnowledgeRelease[] = [
    { version: 1, date: '2026-11-25', changes: [{ programId: 'national-jizokuka', programName: '旧名', change: 'added' }] },
    {
      version: 2,
      date: '2026-12-01',
      changes: [
        { programId: 'gone-program', programName: '廃止された補助金', change: 'closed' },
        { programId: 'national-jizokuka', programName: '旧名', trackId: 'gone-track', trackName: '廃止された枠', change: 'closed' },
        { programId: 'national-jizokuka', programName: '旧名', trackId: 'tsujo', trackName: '旧枠名', change: 'changed', what: ['上限額'] },
      ],
    },
  ];
  const get = async (query: string) => {
    const res = await changesRoutes(withReleases(releases)).request(`/changes${query}`);
    return { status: res.status, body: (await res.json()) as { version: number; releases: { version: number; changes: unknown[] }[] } };
  };

  it('names what is still in the knowledge as it is now, and what is gone as recorded', async () => {
    const { status, body } = await get('?since=1');
    expect(status).toBe(200);
    expect(body.version).toBe(2);
    expect(body.releases.map((r) => r.version)).toEqual([2]);
    expect(body.releases[0]!.changes).toEqual([
      { programId: 'gone-program', programName: '廃止された補助金', change: 'closed' },
      { programId: 'national-jizokuka', programName: '小規模事業者持続化補助金', trackId: 'gone-track', trackName: '廃止された枠', change: 'closed' },
      { programId: 'national-jizokuka', programName: '小規模事業者持続化補助金', trackId: 'tsujo', trackName: trackOf(copy('national-jizokuka'), 'tsujo').name, change: 'changed', what: ['上限額'] },
    ]);
  });

  it('since=2: none; since=-1: 400', async () => {
    expect(await get('?since=2')).toEqual({ status: 200, body: { version: 2, releases: [] } });
    expect((await get('?since=-1')).status).toBe(400);
  });
});
