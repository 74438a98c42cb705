// The notice index (issue 16): who saved which programs and conditions, and where they
// are reached, for the daily cron (adapters/follow/cron.ts). A conversation's follow-up
// settings are copied here by the 'follow' effect after each follow action (the
// conversation state stays the source the user sees; this is its copy for the cron).
//
// One global object (idFromName('global')): for a pilot (thousands of people) one
// SQLite Durable Object is plenty: the cron reads it once a day and each change is
// one small write. To grow, shard by a hash of the person key (e.g. 16 objects
// `follow:<n>`), with the cron walking the shards; the ledger and version move with them.
//
// Tables:
// - `entries`: one row per person (`line:<userId>`, `slack:<team>:<user>`): the
//   conversation the settings live in, the address (LINE user / Slack user), the saved
//   tracks and the watch slots (slots only, never text), the settings' revision and
//   their expiry date. A person whose settings were emptied keeps a row without settings
//   for a day (its revision stops a late older copy), then it is pruned.
// - `sent`: the ledger: (person, notice id, when) of every notice done with: sent (marked
//   only after the platform accepted it), refused for good (an unknown or blocked user)
//   or given up after MAX_ATTEMPTS days. Rows older than LEDGER_MS are dropped.
// - `retry`: notices that failed, with the days tried (at most MAX_ATTEMPTS); the cron
//   plans them again (src/follow/notices.ts) even when their release is older than the
//   version notified.
// - `removed`: the tombstone of a deleted person (「データを削除」, LINE unfollow): the
//   deleting event's time, kept TOMBSTONE_MS. A copy from a turn at or before that time
//   (an effect that ran late, after the deletion) is dropped: a deletion wins. A copy from
//   a later turn (the person saved again) is kept.
// - `meta`: the last knowledge version notified (absent before the first run).
//
// Ordering: effects run after their turn, outside the conversation's one-at-a-time order,
// so two copies can arrive in either order. Each carries the revision of the settings
// (src/dialogue/follow.ts increments it on every change): a copy from the same conversation
// with a revision not above the stored one is ignored. A copy from another conversation, or
// over an expired row, replaces it.
// Deleting a person removes their row, ledger and retries and leaves the tombstone.
// The 'follow' effect and the stub are in src/follow/effect.ts (no runtime import of
// this class there, so the Node tests can load the store).
import { SqlObject } from './sql-object';
import { todayJst } from '../core/status';
import type { FollowState } from '../dialogue/types';
import type { FollowEntry } from '../follow/notices';
import type { Address } from './store';

/** Ledger rows are kept this long (a year and a bit: longer than any window a reminder counts down to). */
export const LEDGER_MS = 400 * 24 * 3600 * 1000;
/** A deleted person's tombstone, and an emptied row, are kept this long (far longer than an effect runs late). */
export const TOMBSTONE_MS = 24 * 3600 * 1000;
/** A notice that keeps failing is tried on this many days (runs), then given up. */
export const MAX_ATTEMPTS = 3;

export interface FollowSnapshot {
  /** The people with settings (expired ones included: the planner skips them by date). */
  entries: FollowEntry[];
  /** ledgerKey(person, id) of every notice done with (src/follow/notices.ts). */
  sent: string[];
  /** Notices that failed before and are to be tried again. */
  retries: { person: string; id: string; attempts: number }[];
  version: number | undefined;
}

/** What a copy did: stored, ignored as older than the stored revision, or dropped as older than a deletion. */
export type PutResult = 'stored' | 'stale' | 'deleted';

type PersonNotice = { person: string; id: string };

export class FollowIndex extends SqlObject {
  protected readonly tables = [
    'CREATE TABLE IF NOT EXISTS entries (person TEXT PRIMARY KEY, key TEXT NOT NULL, address TEXT NOT NULL, programs TEXT NOT NULL, watch TEXT, updated_at INTEGER NOT NULL, revision INTEGER NOT NULL DEFAULT 0, expires TEXT)',
    'CREATE TABLE IF NOT EXISTS sent (person TEXT NOT NULL, notice TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (person, notice))',
    'CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
    'CREATE TABLE IF NOT EXISTS retry (person TEXT NOT NULL, notice TEXT NOT NULL, attempts INTEGER NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (person, notice))',
    'CREATE TABLE IF NOT EXISTS removed (person TEXT PRIMARY KEY, at INTEGER NOT NULL, until INTEGER NOT NULL)',
  ];

  /** An `entries` table from before revisions and expiry gets the two columns. */
  protected override loaded(): void {
    const columns = new Set(this.sql.exec<{ name: string }>('PRAGMA table_info(entries)').toArray().map((c) => c.name));
    if (!columns.has('revision')) this.sql.exec('ALTER TABLE entries ADD COLUMN revision INTEGER NOT NULL DEFAULT 0');
    if (!columns.has('expires')) this.sql.exec('ALTER TABLE entries ADD COLUMN expires TEXT');
  }

  /**
   * Stores a copy of a person's settings from the conversation `key`, made by a turn at `at`
   * (ms; the platform's event time when known), unless it is older than the person's
   * deletion or not newer than the stored revision (see the header). An empty copy keeps
   * a row without settings (its revision); settings without an address are not stored.
   */
  async put(person: string, key: string, address: Address | undefined, follow: FollowState, at: number): Promise<PutResult> {
    this.schema();
    const now = Date.now();
    const tomb = this.sql.exec<{ at: number }>('SELECT at FROM removed WHERE person = ? AND until > ?', person, now).toArray()[0];
    if (tomb && at <= tomb.at) return 'deleted';
    const row = this.sql.exec<{ key: string; address: string; revision: number; expires: string | null }>('SELECT key, address, revision, expires FROM entries WHERE person = ?', person).toArray()[0];
    const revision = follow.revision ?? 0;
    const live = row && !(row.expires && row.expires <= todayJst(new Date(now)));
    if (row && live && row.key === key && revision <= row.revision) return 'stale';
    const empty = follow.programs.length === 0 && !follow.watch;
    const where = address ? JSON.stringify(address) : row?.address;
    if (!where || (!address && !empty)) return 'stale';
    this.sql.exec(
      'INSERT OR REPLACE INTO entries (person, key, address, programs, watch, updated_at, revision, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      person,
      key,
      where,
      JSON.stringify(empty ? [] : follow.programs),
      !empty && follow.watch ? JSON.stringify(follow.watch) : null,
      now,
      revision,
      !empty && follow.expires ? follow.expires : null,
    );
    return 'stored';
  }

  /**
   * Forgets a person (「データを削除」, LINE unfollow): settings, ledger and retries, leaving a
   * tombstone at `at` (the deleting event's time, else now) against copies that arrive late.
   */
  async remove(person: string, at?: number): Promise<void> {
    this.schema();
    const now = Date.now();
    this.sql.exec('DELETE FROM entries WHERE person = ?', person);
    this.sql.exec('DELETE FROM sent WHERE person = ?', person);
    this.sql.exec('DELETE FROM retry WHERE person = ?', person);
    this.sql.exec('INSERT OR REPLACE INTO removed (person, at, until) VALUES (?, ?, ?)', person, Math.max(at ?? now, now), now + TOMBSTONE_MS);
  }

  /** Everything the cron needs, in one call. */
  async snapshot(): Promise<FollowSnapshot> {
    this.schema();
    const entries = this.sql
      .exec<{ person: string; address: string; programs: string; watch: string | null; expires: string | null }>(
        "SELECT person, address, programs, watch, expires FROM entries WHERE programs != '[]' OR watch IS NOT NULL ORDER BY person",
      )
      .toArray()
      .map(
        (r): FollowEntry => ({
          person: r.person,
          address: JSON.parse(r.address) as Address,
          programs: JSON.parse(r.programs) as FollowEntry['programs'],
          ...(r.watch ? { watch: JSON.parse(r.watch) as FollowEntry['watch'] } : {}),
          ...(r.expires ? { expires: r.expires } : {}),
        }),
      );
    const sent = this.sql.exec<{ person: string; notice: string }>('SELECT person, notice FROM sent').toArray().map((r) => `${r.person} ${r.notice}`);
    const retries = this.sql.exec<{ person: string; notice: string; attempts: number }>('SELECT person, notice, attempts FROM retry').toArray().map((r) => ({ person: r.person, id: r.notice, attempts: r.attempts }));
    const v = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE name = 'version'").toArray()[0];
    return { entries, sent, retries, version: v ? Number(v.value) : undefined };
  }

  /** Marks notices done with (sent, or refused for good); a person deleted meanwhile is not recorded. */
  async markSent(items: PersonNotice[]): Promise<void> {
    this.schema();
    const now = Date.now();
    for (const { person, id } of items) {
      this.sql.exec('DELETE FROM retry WHERE person = ? AND notice = ?', person, id);
      if (this.sql.exec('SELECT 1 FROM entries WHERE person = ?', person).toArray().length === 0) continue;
      this.sql.exec('INSERT OR IGNORE INTO sent (person, notice, at) VALUES (?, ?, ?)', person, id, now);
    }
  }

  /**
   * Records notices that failed in this run: tried again by the next runs, and given up
   * (marked done) once they failed on MAX_ATTEMPTS days. Returns how many were given up.
   */
  async markFailed(items: PersonNotice[]): Promise<number> {
    this.schema();
    const now = Date.now();
    const givenUp: PersonNotice[] = [];
    for (const { person, id } of items) {
      if (this.sql.exec('SELECT 1 FROM entries WHERE person = ?', person).toArray().length === 0) continue;
      this.sql.exec('INSERT INTO retry (person, notice, attempts, at) VALUES (?, ?, 1, ?) ON CONFLICT (person, notice) DO UPDATE SET attempts = attempts + 1, at = excluded.at', person, id, now);
      const row = this.sql.exec<{ attempts: number }>('SELECT attempts FROM retry WHERE person = ? AND notice = ?', person, id).toArray()[0]!;
      if (row.attempts >= MAX_ATTEMPTS) givenUp.push({ person, id });
    }
    await this.markSent(givenUp);
    return givenUp.length;
  }

  /**
   * Records the knowledge version notified (every run: failed notices wait in `retry`), and
   * prunes: ledger rows past LEDGER_MS, tombstones and emptied rows past TOMBSTONE_MS, rows
   * expired before `today` (YYYY-MM-DD, JST) and their retries, and retries untried for more
   * than MAX_ATTEMPTS + 1 days (no longer planned).
   */
  async setVersion(version: number, today: string = todayJst()): Promise<void> {
    this.schema();
    const now = Date.now();
    this.sql.exec("INSERT OR REPLACE INTO meta (name, value) VALUES ('version', ?)", String(version));
    this.sql.exec('DELETE FROM sent WHERE at < ?', now - LEDGER_MS);
    this.sql.exec('DELETE FROM removed WHERE until <= ?', now);
    this.sql.exec("DELETE FROM entries WHERE (programs = '[]' AND watch IS NULL AND updated_at < ?) OR expires <= ?", now - TOMBSTONE_MS, today);
    this.sql.exec('DELETE FROM retry WHERE person NOT IN (SELECT person FROM entries)');
    // A retry no longer planned (a deadline threshold passed, the program unsaved) is not left behind.
    this.sql.exec('DELETE FROM retry WHERE at < ?', now - (MAX_ATTEMPTS + 1) * 86_400_000);
  }
}
