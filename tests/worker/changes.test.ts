// GET /api/v1/changes?since=N through the Worker: the knowledge base's version and the
// releases after N (knowledge/releases.yaml as knowledge:build bundles it).
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { knowledge } from '../../src/knowledge';

const worker = (exports as unknown as { default: Fetcher }).default;
const call = (path: string) => worker.fetch(`http://hojo-navi.test${path}`);

interface ChangesResponse {
  version: number;
  releases: {
    version: number;
    date: string;
    changes: { programId: string; programName: string; trackId?: string; trackName?: string; change: string; what?: string[] }[];
  }[];
}

const changes = async (query = ''): Promise<ChangesResponse> => {
  const res = await call(`/api/v1/changes${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as ChangesResponse;
};

describe('GET /api/v1/changes', () => {
  it('without since: the version and every release, oldest first; release 1 adds every program of 2026-11-25 with its name', async () => {
    const body = await changes();
    expect(body.version).toBeGreaterThanOrEqual(1);
    expect(body.releases.map((r) => r.version)).toEqual(Array.from({ length: body.version }, (_, i) => i + 1));
    const first = body.releases[0]!;
    expect(first.date).toBe('2026-11-25');
    expect(first.changes.every((c) => c.change === 'added' && c.trackId === undefined)).toBe(true);
    expect(first.changes).toContainEqual({ programId: 'national-jizokuka', programName: knowledge.ix.programById.get('national-jizokuka')!.name, change: 'added' });
    expect(first.changes).toContainEqual({ programId: 'takaoka-innovation-talent', programName: 'イノベーション創出人材活用支援補助金', change: 'added' });
    expect(first.changes.length).toBeGreaterThanOrEqual(38);
  });

  it('since=0 is the same as no since; since=N lists only the releases after N', async () => {
    const all = await changes();
    expect(await changes('?since=0')).toEqual(all);
    const after1 = await changes('?since=1');
    expect(after1.version).toBe(all.version);
    expect(after1.releases).toEqual(all.releases.filter((r) => r.version > 1));
  });

  it('since at or past the current version: an empty list with the version', async () => {
    const { version } = await changes();
    expect(await changes(`?since=${version}`)).toEqual({ version, releases: [] });
    expect(await changes('?since=999999')).toEqual({ version, releases: [] });
  });

  it.each(['-1', '1.5', 'abc', '', '1e3', '0x1', '1&since=2'])('400 naming the field for since=%s', async (since) => {
    const res = await call(`/api/v1/changes?since=${since}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string; errors: { field: string; message: string; messageEn: string }[] };
    expect(body.error).toBe('bad_request');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'since', message: expect.stringContaining('0以上の整数') })]);
  });
});
