// Knowledge releases (issue 16): every knowledge build has a version and a change list
// (programs and tracks added, changed or closed since the previous release). The
// notices (adapters/follow) and GET /api/v1/changes read them.
// `npm run knowledge:release` (scripts/knowledge/releases.ts) writes them to
// knowledge/releases.yaml from the fingerprints of the programs and tracks
// (knowledge/fingerprints.json); `npm run knowledge:build` bundles them.

import type { Knowledge } from './types';

export type KnowledgeChangeKind = 'added' | 'changed' | 'closed' | 'reopened';

export interface KnowledgeChange {
  programId: string;
  /** Absent when the change is the whole program's. */
  trackId?: string;
  change: KnowledgeChangeKind;
  /** What changed, in short Japanese (「上限額」「受付期間」); for 'changed' (and 'reopened'). */
  what?: string[];
  /** The program's name when the release was made (a closed program keeps it). */
  programName?: string;
  /** The track's name when the release was made; with trackId. */
  trackName?: string;
}

export interface KnowledgeRelease {
  /** 1, 2, 3…: increases by one per release. */
  version: number;
  /** YYYY-MM-DD of the release. */
  date: string;
  changes: KnowledgeChange[];
}

/** The version of a knowledge base: its newest release's (0 without releases). */
export const knowledgeVersion = (releases: readonly KnowledgeRelease[] | undefined): number => releases?.reduce((v, r) => Math.max(v, r.version), 0) ?? 0;

/** The releases after `since`, oldest first. */
export const releasesSince = (releases: readonly KnowledgeRelease[] | undefined, since: number): KnowledgeRelease[] =>
  [...(releases ?? [])].filter((r) => r.version > since).sort((a, b) => a.version - b.version);

/**
 * The names of a change's program and track: as the knowledge has them now (the track from
 * the newest edition that has it, the one answers read), else as recorded in the release (a
 * program or track since removed), else the ids.
 */
export function changeNames(k: Knowledge, c: KnowledgeChange): { programName: string; trackName?: string } {
  const program = k.ix.programById.get(c.programId);
  const track = c.trackId ? [...(program?.editions ?? [])].sort((a, b) => b.asOf.localeCompare(a.asOf)).flatMap((e) => e.tracks).find((t) => t.id === c.trackId) : undefined;
  return { programName: program?.name ?? c.programName ?? c.programId, ...(c.trackId ? { trackName: track?.name ?? c.trackName ?? c.trackId } : {}) };
}
