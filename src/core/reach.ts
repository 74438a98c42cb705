// Which tracks of a program are answered from: every track of the newest edition,
// and every track that only an older edition describes (IT導入補助金 セキュリティ対策推進枠,
// only in the 2024 document). An older track is not shown when a newer edition
// has a track with the same id, or the one its `supersededBy` names (it continues there).
import type { Edition, Program, Track } from './knowledge/types';

export function newestEdition(program: Program): Edition {
  return program.editions.reduce((a, b) => (b.asOf > a.asOf ? b : a));
}

/** The tracks of one edition that are answered from; `older` when it is not the newest edition. */
export interface EditionTracks {
  edition: Edition;
  tracks: Track[];
  older: boolean;
}

const cache = new WeakMap<Program, EditionTracks[]>();

/**
 * The newest edition with all its tracks, then each older edition (newest first)
 * with the tracks no newer edition continues. Computed once per program.
 */
export function reachableTracks(program: Program): EditionTracks[] {
  const cached = cache.get(program);
  if (cached) return cached;
  const editions = [...program.editions].sort((a, b) => (a.asOf < b.asOf ? 1 : a.asOf > b.asOf ? -1 : 0));
  const seen = new Set<string>();
  const out: EditionTracks[] = [];
  editions.forEach((edition, i) => {
    const tracks = i === 0 ? edition.tracks : edition.tracks.filter((t) => !seen.has(t.id) && !(t.supersededBy && seen.has(t.supersededBy)));
    for (const t of edition.tracks) seen.add(t.id);
    if (tracks.length > 0) out.push({ edition, tracks, older: i > 0 });
  });
  cache.set(program, out);
  return out;
}

/** 2024-03-18 → 2024年3月18日 */
export function japaneseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Why a track of an older edition is 要確認 (it may have ended). */
export function olderEditionReason(edition: Pick<Edition, 'label' | 'asOf'>): string {
  return `この枠は${edition.label}（${japaneseDate(edition.asOf)}時点）の資料にのみ記載があります。現在も公募されているか窓口でご確認ください`;
}
