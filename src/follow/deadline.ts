// A saved track's window, read from the knowledge: its status today and, when the
// documents state one, the firm end date the deadline reminders count down to.
//
// Firm dates (issue 16, "honest about time"): the end of a dated window (受付期間 with
// an end), or a rolling call's `until` stated by the document. NOT firm, and never
// reminded of: a rolling call's `until` inferred from the fiscal year the document
// covers (`untilSource: fiscal-year`, said as 「令和7年度の制度です（年度末まで）」), and
// every status known only from a document's wording (随時, 当面, 未定). For those the
// list says why there is no reminder, and a knowledge update is what tells the owner.
import type { Knowledge, Program, Track } from '../core/knowledge/types';
import { japaneseDate, reachableTracks } from '../core/reach';

export { japaneseDate };
import { applicationStatus, type ApplicationStatus } from '../core/status';

export interface TrackWindow {
  program: Program;
  track: Track;
  status: ApplicationStatus;
  /** YYYY-MM-DD: the end of the current or next window, when the documents state it; undefined otherwise. */
  end?: string;
}

/** The track as the answers read it (the newest edition that describes it), or undefined. */
export function findTrack(k: Knowledge, programId: string, trackId: string) {
  const program = k.ix.programById.get(programId);
  if (!program) return undefined;
  for (const e of reachableTracks(program)) {
    const track = e.tracks.find((t) => t.id === trackId);
    if (track) return { program, edition: e.edition, track };
  }
  return undefined;
}

/** The saved track's status on `date` (YYYY-MM-DD, JST) and its firm end date, if any. */
export function trackWindow(k: Knowledge, programId: string, trackId: string, date: string): TrackWindow | undefined {
  const found = findTrack(k, programId, trackId);
  if (!found) return undefined;
  const { program, edition, track } = found;
  const app = track.application ?? edition.application;
  const status = applicationStatus(app, date, edition);
  let end: string | undefined;
  if (app.kind === 'window') end = [...app.windows].map((w) => w.end).sort().find((e) => e >= date);
  else if (app.kind === 'rolling' && app.until && app.untilSource !== 'fiscal-year' && app.until >= date) end = app.until;
  return { program, track, status, ...(end ? { end } : {}) };
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}


/** The date `days` after `date` (both YYYY-MM-DD; days may be negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
