// What changed between a program's newest edition (公募回) and the one before:
// tracks added or removed, rates, caps and the application period.
import { capSummary, rateSummary } from './describe';
import type { Edition, Program } from './knowledge/types';

export interface EditionChanges {
  from: { id: string; label: string; asOf: string };
  to: { id: string; label: string; asOf: string };
  lines: string[];
}

const ref = (e: Edition) => ({ id: e.id, label: e.label, asOf: e.asOf });
const periodOf = (e: Edition) =>
  e.application.kind === 'window' ? e.application.windows.map((w) => w.text).join(' / ') : e.application.text;

export function editionChanges(program: Program): EditionChanges | null {
  if (program.editions.length < 2) return null;
  const [newer, older] = [...program.editions].sort((a, b) => b.asOf.localeCompare(a.asOf));
  if (!newer || !older) return null;
  const lines: string[] = [];
  const olderTracks = new Map(older.tracks.map((t) => [t.id, t]));
  const newerIds = new Set(newer.tracks.map((t) => t.id));
  for (const t of newer.tracks) {
    const before = olderTracks.get(t.id);
    if (!before) {
      lines.push(`新設：${t.name}`);
      continue;
    }
    if (t.amount && before.amount) {
      const [r0, r1] = [rateSummary(before.amount), rateSummary(t.amount)];
      const [c0, c1] = [capSummary(before.amount), capSummary(t.amount)];
      if (r0 !== r1) lines.push(`${t.name}の補助率：${r0} → ${r1}`);
      if (c0 !== c1) lines.push(`${t.name}の上限：${c0} → ${c1}`);
    }
  }
  for (const t of older.tracks) if (!newerIds.has(t.id)) lines.push(`${newer.label}には記載なし：${t.name}`);
  const [p0, p1] = [periodOf(older), periodOf(newer)];
  if (p0 !== p1) lines.push(`募集期間：${p0} → ${p1}`);
  if (lines.length === 0) lines.push('資料上の補助率・上限・枠に変更はありません。');
  return { from: ref(older), to: ref(newer), lines };
}
