// One card per program: its best track first, the other tracks on one line, and
// one short line saying why the card is shown. Programs are ordered as the rows
// are (src/core/match.ts compareRows): goal fit, verdict, status, amount.
import type { Knowledge } from '../core/knowledge/types';
import { compareRows, type MatchRow } from '../core/match';
import { olderEditionReason } from '../core/reach';
import { lineage, normalize } from '../core/taxonomy';
import { yen } from '../core/yen';

export interface ProgramGroup {
  best: MatchRow;
  /** The program's other candidate tracks, best first. */
  others: MatchRow[];
}

/** Groups candidate rows (not 対象外) by program, best program first. */
export function groupByProgram(rows: MatchRow[]): ProgramGroup[] {
  const groups = new Map<string, MatchRow[]>();
  for (const r of rows) {
    if (r.verdict === 'ineligible') continue;
    const list = groups.get(r.programId);
    if (list) list.push(r);
    else groups.set(r.programId, [r]);
  }
  return [...groups.values()]
    .map((list) => {
      // Within a program, a track of the current edition before one only an older document describes.
      const sorted = [...list].sort((a, b) => Number(a.olderEdition) - Number(b.olderEdition) || compareRows(a, b));
      return { best: sorted[0]!, others: sorted.slice(1) };
    })
    .sort((a, b) => compareRows(a.best, b.best));
}

/** 「賃金引上げ枠 上限200万円（要確認）」: a track in a few words for the 「他の枠」 line. */
function trackBrief(r: MatchRow): string {
  const amount = r.amount?.eligible ? ` ${yen(r.amount.yen)}` : '';
  return `${r.trackName}${amount}${r.verdict === 'check' ? '（要確認）' : ''}`;
}

export function otherTracksLine(group: ProgramGroup, max = 4): string | undefined {
  if (group.others.length === 0) return undefined;
  const shown = group.others.slice(0, max).map(trackBrief);
  const more = group.others.length > max ? ` ほか${group.others.length - max}件` : '';
  return `他の枠：${shown.join('、')}${more}`;
}

/** A normalised word as people write it: Latin letters upper case (「itパスポート」→「ITパスポート」). */
const asWritten = (word: string) => word.replace(/[a-z]+/g, (m) => m.toUpperCase());

/** Why the card is shown, in one short line; for a track only an older edition describes, with that edition and its date. */
export function reasonLine(k: Knowledge, row: MatchRow, userGoals: string[], goalWords: string[] = []): string {
  const why = goalReasonLine(k, row, userGoals, goalWords);
  return row.olderEdition ? `${why}${olderEditionReason(row.edition)}。` : why;
}

function goalReasonLine(k: Knowledge, row: MatchRow, userGoals: string[], goalWords: string[]): string {
  if (userGoals.length === 0 || !row.goalMatch) return '所在地・業種・規模の条件から見つかった制度です。';
  const label = (id: string) => k.ix.goalById.get(id)?.label ?? id;
  // A word of the user's that names this track and says more than the goal's own label (「社外研修」).
  const labels = userGoals.map((u) => normalize(label(u)));
  const named = goalWords.find((w) => w.length >= 2 && normalize(row.trackName).includes(w) && !labels.some((l) => l.includes(w)));
  if (named) return `ご希望の「${asWritten(named)}」に当たる枠です。`;
  const g = row.goalMatch;
  if (userGoals.includes(g)) return `ご希望の「${label(g)}」に使える制度です。`;
  const broader = userGoals.find((u) => lineage(k.ix.goalLineage, u).includes(g));
  if (broader) return `「${label(g)}」全般に使える制度で、ご希望の「${label(broader)}」も対象になり得ます。`;
  return `ご希望の目的のうち「${label(g)}」に使える制度です。`;
}
