// The notice index (issue 16): who saved which programs and conditions, and where they
// are reached, for the daily cron (adapters/follow/cron.ts). A conversation's follow-up
// settings are copied here by the 'follow' effect after each change (the conversation
// state stays the source the user sees; this is its copy for the cron).
//
// One global object (idFromName('global')): for a pilot (thousands of people) one
// SQLite Durable Object is plenty: the cron reads it once a day and each change is
// one small write. To grow, shard by a hash of the person key (e.g. 16 objects
// `follow:<n>`), with the cron walking the shards; the ledger and version move with them.
//
// Tables:
// - `entries`: one row per person (`line:<userId>`, `slack:<team>:<user>`): the
//   conversation the settings live in, the address (LINE user / Slack user), the saved
//   tracks and the watch slots (slots only, never text). A person with nothing saved has
//   no row: an empty follow state removes it.
// - `sent`: the ledger: (person, notice id, when). A notice is marked only after the
//   platform accepted it; rows older than LEDGER_MS are dropped (their deadlines and
//   releases are long past, and the version below keeps old releases from coming back).
// - `meta`: the last knowledge version notified (absent before the first run).
// Deleting a person (「データを削除」, LINE unfollow) removes their row and their ledger.
// The 'follow' effect and the stub are in src/follow/effect.ts (no runtime import of
// this class there, so the Node tests can load the store).
import { SqlObject } from './sql-object';
import type { FollowState } from '../dialogue/types';
import type { FollowEntry } from '../follow/notices';
import type { Address } from './store';

/** Ledger rows are kept this long (a year and a bit: longer than any window a reminder counts down to). */
export const LEDGER_MS = 400 * 24 * 3600 * 1000;

export interface FollowSnapshot {
  entries: FollowEntry[];
  /** ledgerKey(person, id) of every notice sent (src/follow/notices.ts). */
  sent: string[];
  version: number | undefined;
}

export class FollowIndex extends SqlObject {
  protected readonly tables = [
    'CREATE TABLE IF NOT EXISTS entries (person TEXT PRIMARY KEY, key TEXT NOT NULL, address TEXT NOT NULL, programs TEXT NOT NULL, watch TEXT, updated_at INTEGER NOT NULL)',
    'CREATE TABLE IF NOT EXISTS sent (person TEXT NOT NULL, notice TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (person, notice))',
    'CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
  ];

  /** Replaces a person's settings; an empty follow state removes the person. */
  async put(person: string, key: string, address: Address, follow: FollowState): Promise<void> {
    this.schema();
    if (follow.programs.length === 0 && !follow.watch) return this.remove(person);
    this.sql.exec(
      'INSERT OR REPLACE INTO entries (person, key, address, programs, watch, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      person,
      key,
      JSON.stringify(address),
      JSON.stringify(follow.programs),
      follow.watch ? JSON.stringify(follow.watch) : null,
      Date.now(),
    );
  }

  /** Forgets a person: settings and ledger (idempotent). */
  async remove(person: string): Promise<void> {
    this.schema();
    this.sql.exec('DELETE FROM entries WHERE person = ?', person);
    this.sql.exec('DELETE FROM sent WHERE person = ?', person);
  }

  /** Everything the cron needs, in one call. */
  async snapshot(): Promise<FollowSnapshot> {
    this.schema();
    const entries = this.sql
      .exec<{ person: string; address: string; programs: string; watch: string | null }>('SELECT person, address, programs, watch FROM entries ORDER BY person')
      .toArray()
      .map((r): FollowEntry => ({ person: r.person, address: JSON.parse(r.address) as Address, programs: JSON.parse(r.programs) as FollowEntry['programs'], ...(r.watch ? { watch: JSON.parse(r.watch) as FollowEntry['watch'] } : {}) }));
    const sent = this.sql.exec<{ person: string; notice: string }>('SELECT person, notice FROM sent').toArray().map((r) => `${r.person} ${r.notice}`);
    const v = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE name = 'version'").toArray()[0];
    return { entries, sent, version: v ? Number(v.value) : undefined };
  }

  /** Marks notices sent (after the platform accepted them); a person deleted meanwhile is not recorded. */
  async markSent(items: { person: string; id: string }[]): Promise<void> {
    this.schema();
    const now = Date.now();
    for (const { person, id } of items) {
      if (this.sql.exec('SELECT 1 FROM entries WHERE person = ?', person).toArray().length === 0) continue;
      this.sql.exec('INSERT OR IGNORE INTO sent (person, notice, at) VALUES (?, ?, ?)', person, id, now);
    }
  }

  /** Records the knowledge version notified, and drops ledger rows past LEDGER_MS. */
  async setVersion(version: number): Promise<void> {
    this.schema();
    this.sql.exec("INSERT OR REPLACE INTO meta (name, value) VALUES ('version', ?)", String(version));
    this.sql.exec('DELETE FROM sent WHERE at < ?', Date.now() - LEDGER_MS);
  }
}
