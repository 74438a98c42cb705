// Knowledge releases (issue 16), build side: the fingerprints of the programs and tracks
// (knowledge/fingerprints.json), the diff between two sets of fingerprints as a release
// (knowledge/releases.yaml), and `npm run knowledge:release` itself (runRelease).
//
// A fingerprint is a short SHA-256 of what a user acts on, taken from a program's NEWEST
// edition only (the one the bot answers from): per track its name, rate, cap, other amount
// conditions, benefit (loans…), target, eligible expenses and application period; per
// program its name, region, target and edition. Each part is hashed on its own and keyed by
// a short Japanese label, so a 'changed' entry can say what changed (「上限額」「受付期間」).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { KnowledgeChange, KnowledgeRelease } from '../../src/core/knowledge/releases';
import { knowledgeVersion } from '../../src/core/knowledge/releases';
import type { Application, Edition, Program, Track } from '../../src/core/knowledge/types';
import { newestEdition } from '../../src/core/reach';

export const RELEASES_FILE = join('knowledge', 'releases.yaml');
export const FINGERPRINTS_FILE = join('knowledge', 'fingerprints.json');

/** The parts of a track's fingerprint, in the order a change lists them. */
export const TRACK_PARTS = ['名称', '補助率', '上限額', '補助額の条件', '支援内容', '対象者', '対象経費', '受付期間'] as const;
/** The parts of a program's own fingerprint (its tracks have theirs). */
export const PROGRAM_PARTS = ['名称', '対象地域', '対象者', '公募回'] as const;

export interface TrackFingerprint {
  name: string;
  /** Hash of all parts. */
  hash: string;
  /** Part label (TRACK_PARTS) → hash; a part the track does not have is absent. */
  parts: Record<string, string>;
  /**
   * The last date the track accepts applications, when its period is dated (the latest window
   * end, or a rolling call's `until`): closed after it. Tells a 'reopened' track.
   */
  until?: string;
}

export interface ProgramFingerprint {
  name: string;
  /** Hash of the program's parts and its tracks' hashes. */
  hash: string;
  parts: Record<string, string>;
  /** The tracks of the newest edition, in its order. */
  tracks: Record<string, TrackFingerprint>;
}

export interface Fingerprints {
  programs: Record<string, ProgramFingerprint>;
}

/** JSON with sorted keys and no undefined: the same data always hashes the same, whatever the YAML key order. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const hash = (value: unknown): string => createHash('sha256').update(canonical(value)).digest('hex').slice(0, 12);

/** Part label → hash, for the parts that have content, in `order`. */
function hashParts(order: readonly string[], parts: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const label of order) {
    const v = parts[label];
    const empty = v === undefined || (typeof v === 'object' && v !== null && Object.values(v).every((x) => x === undefined));
    if (!empty) out[label] = hash(v);
  }
  return out;
}

/** The last date an application period accepts applications; undefined when it is not dated (随時 without end, 未定). */
export function untilOf(app: Application): string | undefined {
  if (app.kind === 'window') return app.windows.reduce((m, w) => (w.end > m ? w.end : m), '');
  if (app.kind === 'rolling') return app.until;
  return undefined;
}

export function trackFingerprint(edition: Edition, t: Track): TrackFingerprint {
  const a = t.amount;
  const application = t.application ?? edition.application;
  const parts = hashParts(TRACK_PARTS, {
    名称: t.name,
    補助率: a && { rate: a.rate, tiers: a.tiers, tiersAmbiguous: a.tiersAmbiguous },
    上限額: { cap: a?.cap, capExclusive: a?.capExclusive, capUplifts: a?.capUplifts, perPerson: a?.perPerson, flatYen: a?.flatYen, limits: t.limits },
    補助額の条件: a && { minExpenseYen: a.minExpenseYen, minSubsidyYen: a.minSubsidyYen, partLimits: a.partLimits },
    支援内容: t.benefit,
    対象者: t.target,
    対象経費: t.expenseKinds,
    受付期間: application,
  });
  const until = untilOf(application);
  return { name: t.name, hash: hash(parts), parts, ...(until ? { until } : {}) };
}

export function programFingerprint(p: Program): ProgramFingerprint {
  const edition = newestEdition(p);
  const parts = hashParts(PROGRAM_PARTS, {
    名称: p.name,
    対象地域: p.region,
    対象者: p.target,
    公募回: { id: edition.id, label: edition.label },
  });
  const tracks: Record<string, TrackFingerprint> = {};
  for (const t of edition.tracks) tracks[t.id] = trackFingerprint(edition, t);
  return { name: p.name, hash: hash({ parts, tracks: Object.entries(tracks).map(([id, t]) => [id, t.hash]) }), parts, tracks };
}

export function fingerprintsOf(programs: readonly Program[]): Fingerprints {
  const out: Fingerprints = { programs: {} };
  for (const p of programs) out.programs[p.id] = programFingerprint(p);
  return out;
}

/** The labels of the parts that differ, in `order` (a part present on one side only differs). */
function changedParts(order: readonly string[], before: Record<string, string>, after: Record<string, string>): string[] {
  return order.filter((label) => before[label] !== after[label]);
}

/**
 * The changes from `prev` to `cur` as of `date` (YYYY-MM-DD): programs added (one entry, no
 * tracks) or closed (gone from the knowledge base); tracks of the newest edition added, closed
 * (gone from it) or changed (with `what`); a changed track whose period was over on `date` and
 * now runs on or past it is 'reopened'. Programs in `cur` order, then the closed ones.
 */
export function diffFingerprints(prev: Fingerprints, cur: Fingerprints, date: string): KnowledgeChange[] {
  const changes: KnowledgeChange[] = [];
  for (const [programId, p] of Object.entries(cur.programs)) {
    const before = prev.programs[programId];
    if (!before) {
      changes.push({ programId, programName: p.name, change: 'added' });
      continue;
    }
    if (before.hash === p.hash) continue;
    const what = changedParts(PROGRAM_PARTS, before.parts, p.parts);
    if (what.length > 0) changes.push({ programId, programName: p.name, change: 'changed', what });
    for (const [trackId, t] of Object.entries(p.tracks)) {
      const old = before.tracks[trackId];
      const entry = { programId, programName: p.name, trackId, trackName: t.name };
      if (!old) {
        changes.push({ ...entry, change: 'added' });
        continue;
      }
      if (old.hash === t.hash) continue;
      const reopened = old.until !== undefined && old.until < date && t.until !== undefined && t.until >= date;
      changes.push({ ...entry, change: reopened ? 'reopened' : 'changed', what: changedParts(TRACK_PARTS, old.parts, t.parts) });
    }
    for (const [trackId, old] of Object.entries(before.tracks))
      if (!p.tracks[trackId]) changes.push({ programId, programName: p.name, trackId, trackName: old.name, change: 'closed' });
  }
  for (const [programId, before] of Object.entries(prev.programs))
    if (!cur.programs[programId]) changes.push({ programId, programName: before.name, change: 'closed' });
  return changes;
}

/** The next release (version = the last + 1), or null when nothing changed. */
export function nextRelease(releases: readonly KnowledgeRelease[], prev: Fingerprints, cur: Fingerprints, date: string): KnowledgeRelease | null {
  const changes = diffFingerprints(prev, cur, date);
  return changes.length === 0 ? null : { version: knowledgeVersion(releases) + 1, date, changes };
}

// ---- knowledge/releases.yaml ----

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
const ReleasesFile = z.object({
  releases: z.array(
    z.object({
      version: z.number().int().positive(),
      date: IsoDate,
      changes: z
        .array(
          z.object({
            programId: z.string().min(1),
            trackId: z.string().min(1).optional(),
            change: z.enum(['added', 'changed', 'closed', 'reopened']),
            what: z.array(z.string().min(1)).optional(),
            programName: z.string().optional(),
            trackName: z.string().optional(),
          }),
        )
        .min(1),
    }),
  ),
});

/**
 * The releases of knowledge/releases.yaml, oldest first ([] without the file), or
 * `file:line: message` errors: versions must be 1, 2, 3… and dates must not go back.
 */
export function loadReleases(root: string, errors: string[]): KnowledgeRelease[] {
  const path = join(root, RELEASES_FILE);
  if (!existsSync(path)) return [];
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lines, prettyErrors: false });
  const lineAt = (p: readonly PropertyKey[]) => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
    }
    return 1;
  };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) errors.push(`${RELEASES_FILE}:${e.linePos?.[0]?.line ?? 1}: YAML: ${e.message.split('\n')[0]}`);
    return [];
  }
  const parsed = ReleasesFile.safeParse(doc.toJS() ?? { releases: [] });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(`${RELEASES_FILE}:${lineAt(issue.path)}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return [];
  }
  const releases = parsed.data.releases as KnowledgeRelease[];
  releases.forEach((r, i) => {
    if (r.version !== i + 1) errors.push(`${RELEASES_FILE}:${lineAt(['releases', i, 'version'])}: version ${r.version} should be ${i + 1} (versions go 1, 2, 3…)`);
    const before = releases[i - 1];
    if (before && r.date < before.date) errors.push(`${RELEASES_FILE}:${lineAt(['releases', i, 'date'])}: date ${r.date} is before the previous release's (${before.date})`);
  });
  return releases;
}

const RELEASES_HEADER = `# The releases of the knowledge base (issue 16): written by \`npm run knowledge:release\`,
# never by hand. The version is the newest release's; each lists the programs and tracks
# added, changed (what), closed or reopened since the one before. Bundled by knowledge:build;
# served by GET /api/v1/changes?since=N and read by the follow-up notices.
`;

/** releases.yaml's text: one release a block, one change a line. */
export function releasesYaml(releases: readonly KnowledgeRelease[]): string {
  const doc = new Document({ releases });
  const list = doc.get('releases', true);
  if (isSeq(list))
    for (const r of list.items)
      if (isMap(r)) {
        const changes = r.get('changes', true);
        if (isSeq(changes)) for (const c of changes.items) if (isMap(c)) c.flow = true;
      }
  return RELEASES_HEADER + doc.toString({ lineWidth: 0 });
}

export function fingerprintsJson(f: Fingerprints): string {
  return `${JSON.stringify(f, null, 2)}\n`;
}

/** knowledge/fingerprints.json, or none (before the first release). */
export function readFingerprints(root: string): Fingerprints | undefined {
  const path = join(root, FINGERPRINTS_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Fingerprints) : undefined;
}

/** Whether the committed fingerprints are those of `programs` (else a release is due). */
export function fingerprintsCurrent(root: string, programs: readonly Program[]): boolean {
  const path = join(root, FINGERPRINTS_FILE);
  return existsSync(path) && readFileSync(path, 'utf8') === fingerprintsJson(fingerprintsOf(programs));
}

export interface ReleaseOutcome {
  /** The release appended to releases.yaml, if anything changed. */
  release?: KnowledgeRelease;
  /** The files written (relative to root); none when nothing changed. */
  wrote: string[];
}

/**
 * `npm run knowledge:release`: compares the programs' fingerprints with fingerprints.json,
 * appends a release to releases.yaml when anything changed and rewrites fingerprints.json.
 * Nothing changed: writes nothing (a second run is a no-op).
 */
export function runRelease(root: string, programs: readonly Program[], releases: readonly KnowledgeRelease[], date: string): ReleaseOutcome {
  const last = releases[releases.length - 1];
  if (last && date < last.date) throw new Error(`the date ${date} is before the last release's (${last.date}, version ${last.version})`);
  const cur = fingerprintsOf(programs);
  const release = nextRelease(releases, readFingerprints(root) ?? { programs: {} }, cur, date);
  const wrote: string[] = [];
  if (release) {
    writeFileSync(join(root, RELEASES_FILE), releasesYaml([...releases, release]));
    wrote.push(RELEASES_FILE);
  }
  // Also when no user-facing part changed but the file is stale (its format, a track's order).
  if (!fingerprintsCurrent(root, programs)) {
    writeFileSync(join(root, FINGERPRINTS_FILE), fingerprintsJson(cur));
    wrote.push(FINGERPRINTS_FILE);
  }
  return { ...(release ? { release } : {}), wrote };
}
