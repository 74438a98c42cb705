// Which notices the daily cron sends (issue 16), computed purely from the knowledge,
// the notice index's entries, its ledger of sent notices, the last knowledge version
// notified and the time. The cron (adapters/follow/cron.ts) only sends what this plans.
//
// - Quiet hours: nothing is planned from 21:00 to 08:00 JST (the run does nothing).
// - Deadline reminders, per saved track with a firm end date (src/follow/deadline.ts):
//   the 14-day one when 4–14 days are left, the 3-day one when 0–3 are left. A run that
//   missed the exact day sends the threshold reached, once (the ledger): saved 10 days
//   before, the 14-day one; 2 days before, only the 3-day one. Windows without a firm
//   date (worded, fiscal-year) get none; a closed window none.
// - Knowledge updates: the changes of the releases newer than the last version notified.
//   A saved track (or its whole program) changed, closed, reopened or added to: a notice
//   to whoever saved it. A program or track added, changed or reopened that the watch
//   profile matches (matchSlots with the saved slots, verdict not 対象外): a notice to
//   that person, unless they already get one for the same change as a saved track.
//   The first run ever (no version recorded) only records the version: no flood of
//   everything the knowledge ever changed.
// - Each notice has a deterministic id; the ledger holds (person, id), so a rerun plans
//   nothing new. The same id always carries the same message within a run.
// - Retries: notices that failed in earlier runs (the index's `retry` table) are planned
//   again while their reason holds (the track still saved, the watch still matching),
//   although their release is older than the version notified (recorded every run).
// - Settings past their expiry (`expires`, src/dialogue/follow.ts) get nothing.
import type { KnowledgeChange } from '../core/knowledge/releases';
import { changeNames, knowledgeVersion } from '../core/knowledge/releases';
import type { Knowledge } from '../core/knowledge/types';
import { hourJst, todayJst } from '../core/status';
import { choice } from '../dialogue/actions';
import type { SavedProgram } from '../dialogue/follow';
import { matchSlots } from '../dialogue/plan';
import type { Choice, Slots } from '../dialogue/types';
import type { Address } from '../state/store';
import { daysBetween, japaneseDate, trackWindow } from './deadline';

/** One person's settings as the notice index holds them. */
export interface FollowEntry {
  /** `line:<userId>`, `slack:<team>:<user>`. */
  person: string;
  address: Address;
  programs: SavedProgram[];
  watch?: Slots;
  /** YYYY-MM-DD (JST): from this day on, nothing is sent (the settings expired). */
  expires?: string;
}

export interface NoticeMessage {
  text: string;
  /** The first is the one-tap unsubscribe (保存を解除 / お知らせを停止); then 保存した制度. */
  choices: Choice[];
}

export interface PlannedNotice {
  /** Deterministic: `deadline:14:<program>:<track>:<end>`, `saved:v<version>:…`, `watch:v<version>:…`. */
  id: string;
  person: string;
  address: Address;
  message: NoticeMessage;
}

export interface NoticePlan {
  /** 21:00–08:00 JST: nothing planned, nothing recorded. */
  quiet: boolean;
  notices: PlannedNotice[];
  /** The knowledge version to record once the update notices are sent. */
  version: number;
  /** No version was recorded before: only the version is recorded, no update notices. */
  firstRun: boolean;
}

export interface PlanInput {
  knowledge: Knowledge;
  entries: readonly FollowEntry[];
  /** The ledger: ledgerKey(person, id) of every notice sent. */
  sent: ReadonlySet<string>;
  /** The last knowledge version notified; undefined before the first run. */
  lastVersion: number | undefined;
  /** ledgerKey(person, id) of notices that failed before: planned again, whatever their release. */
  retry?: ReadonlySet<string>;
  now: Date;
}

export const ledgerKey = (person: string, id: string) => `${person} ${id}`;

/** Pushes are not sent from 21:00 to 08:00 JST. */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;

export function isQuietHour(now: Date): boolean {
  const hour = hourJst(now);
  return hour >= QUIET_FROM_HOUR || hour < QUIET_UNTIL_HOUR;
}

/** Reminders: 14 days and 3 days before the end of the window. */
export const REMINDER_DAYS = [14, 3] as const;

const SAVED_LIST = choice('保存した制度', { type: 'command', command: 'saved' });
const stopSaved = (p: SavedProgram) => choice('この制度の保存を解除', { type: 'unsave', ...p });
const STOP_WATCH = choice('お知らせを停止', { type: 'watch', on: false });
const FOOTER = 'このお知らせは、補助金ナビで保存された設定に基づいてお送りしています。不要な場合は下のボタンで解除できます。';

export function planNotices(input: PlanInput): NoticePlan {
  const { knowledge: k, sent, lastVersion, now } = input;
  const retry = input.retry ?? new Set<string>();
  const version = knowledgeVersion(k.releases);
  if (isQuietHour(now)) return { quiet: true, notices: [], version: lastVersion ?? version, firstRun: false };
  const today = todayJst(now);
  const entries = input.entries.filter((e) => !e.expires || e.expires > today);
  const out: PlannedNotice[] = [];
  // A release already notified: only the notices that failed then.
  let retryOnly = false;
  const add = (entry: FollowEntry, id: string, message: NoticeMessage) => {
    const key = ledgerKey(entry.person, id);
    if (!sent.has(key) && (!retryOnly || retry.has(key))) out.push({ id, person: entry.person, address: entry.address, message });
  };
  for (const entry of entries) for (const p of entry.programs) deadline(k, today, entry, p, add);
  const firstRun = lastVersion === undefined;
  if (!firstRun) {
    // One match per distinct watch profile (many people keep the same conditions).
    const watchRows = new Map<string, ReturnType<typeof matchSlots>>();
    const rowsFor = (watch: Slots) => {
      const key = JSON.stringify(watch);
      if (!watchRows.has(key)) watchRows.set(key, matchSlots({ knowledge: k, date: today }, watch));
      return watchRows.get(key);
    };
    const retried = new Set([...retry].map((key) => / (?:saved|watch):v(\d+):/.exec(key)?.[1]).filter((v) => v !== undefined).map(Number));
    const releases = [...(k.releases ?? [])].filter((r) => r.version > lastVersion || retried.has(r.version)).sort((a, b) => a.version - b.version);
    for (const release of releases) {
      retryOnly = release.version <= lastVersion;
      for (const change of release.changes) {
        for (const entry of entries) {
          const saved = entry.programs.filter((p) => p.programId === change.programId && (change.trackId === undefined || change.trackId === p.trackId));
          for (const p of saved) add(entry, `saved:v${release.version}:${p.programId}:${p.trackId}:${change.change}`, savedChange(k, today, p, change));
          if (saved.length > 0 || !entry.watch || change.change === 'closed') continue;
          const row = rowsFor(entry.watch)?.rows.find((r) => r.programId === change.programId && (change.trackId === undefined || r.trackId === change.trackId) && r.verdict !== 'ineligible');
          if (row) add(entry, `watch:v${release.version}:${change.programId}:${change.trackId ?? '*'}:${change.change}`, watchChange(k, today, row.programId, row.trackId, row.verdictLabel, change));
        }
      }
    }
  }
  return { quiet: false, notices: out, version, firstRun };
}

function deadline(k: Knowledge, today: string, entry: FollowEntry, p: SavedProgram, add: (e: FollowEntry, id: string, m: NoticeMessage) => void): void {
  const w = trackWindow(k, p.programId, p.trackId, today);
  if (!w?.end || w.status.code === 'closed') return;
  const days = daysBetween(today, w.end);
  const threshold = REMINDER_DAYS.filter((d) => days <= d).pop();
  if (threshold === undefined || days < 0) return;
  const name = `${w.program.name}（${w.track.name}）`;
  const left = days === 0 ? '本日が締切です' : `あと${days}日です`;
  const text = [
    `【${threshold === 3 ? '締切間近' : '締切のお知らせ'}】保存された「${name}」の受付は、${japaneseDate(w.end)}に締め切られます（${left}）。`,
    `受付：${w.status.label}（${w.status.detail}）`,
    '※資料に書かれた受付期間によるものです。申請の前に、公募要領と窓口で最新の情報をご確認ください。',
    `詳しくは「${w.program.name}の締切は？」と送ってください。`,
    FOOTER,
  ].join('\n');
  add(entry, `deadline:${threshold}:${p.programId}:${p.trackId}:${w.end}`, { text, choices: [stopSaved(p), SAVED_LIST] });
}

const CHANGE_WORDS: Record<KnowledgeChange['change'], string> = {
  added: '新しい公募・枠が加わりました',
  changed: '内容が更新されました',
  closed: '受付が終了しました',
  reopened: '受付が再開されました',
};

function what(change: KnowledgeChange): string {
  return change.change === 'changed' && change.what?.length ? `（変更点：${change.what.join('、')}）` : '';
}

/** The program's name from the knowledge, or the release's own (a program since removed). */
const programName = (k: Knowledge, change: KnowledgeChange): string => changeNames(k, change).programName;

function statusLine(k: Knowledge, today: string, programId: string, trackId: string): string[] {
  const w = trackWindow(k, programId, trackId, today);
  return w ? [`受付：${w.status.label}（${w.status.detail}）`] : [];
}

function savedChange(k: Knowledge, today: string, p: SavedProgram, change: KnowledgeChange): NoticeMessage {
  const w = trackWindow(k, p.programId, p.trackId, today);
  const name = w ? `${w.program.name}（${w.track.name}）` : programName(k, change);
  const text = [
    `【保存した制度の更新】「${name}」の${CHANGE_WORDS[change.change]}${what(change)}。`,
    ...statusLine(k, today, p.programId, p.trackId),
    `詳しくは「${w?.program.name ?? programName(k, change)}について」と送ってください。`,
    FOOTER,
  ].join('\n');
  return { text, choices: [stopSaved(p), SAVED_LIST] };
}

function watchChange(k: Knowledge, today: string, programId: string, trackId: string, verdict: string, change: KnowledgeChange): NoticeMessage {
  const w = trackWindow(k, programId, trackId, today)!;
  const subject = change.trackId ? `「${w.program.name}（${w.track.name}）」` : `「${w.program.name}」`;
  const text = [
    `【新しい制度のお知らせ】お知らせの条件に合う${subject}の${CHANGE_WORDS[change.change]}${what(change)}。`,
    `判定：${verdict}（お知らせの条件で調べた結果です）`,
    ...statusLine(k, today, programId, trackId),
    `詳しくは「${w.program.name}について」と送ってください。`,
    FOOTER,
  ].join('\n');
  return { text, choices: [STOP_WATCH, SAVED_LIST] };
}
