// One Durable Object per person and platform (`line:<userId>`, `slack:<team>:<user>`):
// the keys of that person's conversations, so that 「データを削除」 and LINE unfollow
// delete all of them (LINE 1:1, groups and rooms; Slack DM, slash-command
// conversations and the threads the person started). It holds conversation keys
// (which contain the platform ids) and, for the Slack App Home, the person's last
// few queries as slots (structured conditions, never message text; table `queries`),
// which go with the conversations: deleted by forgetAll(), dropped when the last
// conversation expires, and never shown after 30 days.
//
// A conversation registers itself here on its first turn (src/state/conversation.ts),
// unregisters when it expires, and is deleted by forgetAll(). A monthly alarm drops
// keys whose conversation no longer exists (a safety net should an unregister be lost)
// and removes the registry when it is empty.
import { SqlObject } from './sql-object';
import type { Slots } from '../dialogue/types';
import { MAX_RECENT } from '../dialogue/recent';
import { EXPIRY_MS } from './expiry';
import type { ForgetOptions, RecentQuery } from './store';

/** How often the registry checks its keys against the conversations. */
export const SWEEP_MS = EXPIRY_MS;

export class PersonRegistry extends SqlObject {
  protected readonly tables = [
    'CREATE TABLE IF NOT EXISTS conversations (key TEXT PRIMARY KEY, added_at INTEGER NOT NULL)',
    'CREATE TABLE IF NOT EXISTS queries (id TEXT PRIMARY KEY, slots TEXT NOT NULL, at INTEGER NOT NULL)',
  ];
  /** Per-instance memo: the sweep alarm is set (reset when emptied). */
  private alarmSet = false;

  /**
   * Remembers a query (its slots), newest first, at most MAX_RECENT; the same id moves to
   * the top. Kept only while a conversation is registered, so a deletion leaves none behind.
   */
  async rememberQuery(query: { id: string; slots: Slots }): Promise<void> {
    if (!this.exists()) return;
    this.schema();
    if (this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM conversations').one().n === 0) return;
    this.sql.exec('INSERT OR REPLACE INTO queries (id, slots, at) VALUES (?, ?, ?)', query.id, JSON.stringify(query.slots), Date.now());
    this.sql.exec('DELETE FROM queries WHERE id NOT IN (SELECT id FROM queries ORDER BY at DESC, rowid DESC LIMIT ?)', MAX_RECENT);
  }

  /** The remembered queries, newest first, younger than 30 days; creates nothing. */
  async recentQueries(): Promise<RecentQuery[]> {
    if (!this.exists()) return [];
    this.schema();
    return this.sql
      .exec<{ id: string; slots: string; at: number }>('SELECT id, slots, at FROM queries WHERE at > ? ORDER BY at DESC, rowid DESC LIMIT ?', Date.now() - EXPIRY_MS, MAX_RECENT)
      .toArray()
      .map((r) => ({ id: r.id, slots: JSON.parse(r.slots) as Slots, at: r.at }));
  }

  private conversation(key: string) {
    return this.env.CONVERSATION.get(this.env.CONVERSATION.idFromName(key));
  }

  /** Adds a conversation of this person (idempotent). */
  async register(key: string): Promise<void> {
    this.schema();
    this.sql.exec('INSERT OR IGNORE INTO conversations (key, added_at) VALUES (?, ?)', key, Date.now());
    if (this.alarmSet) return;
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + SWEEP_MS);
    this.alarmSet = true;
  }

  /** Removes a conversation that expired (idempotent). */
  async unregister(key: string): Promise<void> {
    this.schema();
    this.sql.exec('DELETE FROM conversations WHERE key = ?', key);
    await this.dropIfEmpty();
  }

  private exists(): boolean {
    return this.hasTable('conversations');
  }

  /** The person's conversation keys (tests and support); creates nothing. */
  async keys(): Promise<string[]> {
    if (!this.exists()) return [];
    this.schema();
    return this.sql.exec<{ key: string }>('SELECT key FROM conversations ORDER BY rowid').toArray().map((r) => r.key);
  }

  /**
   * Deletes every conversation of this person, each with its tombstone. A key leaves the
   * registry only once its conversation confirmed the deletion, so a failure can be retried
   * (「データを削除」 again) and throws here. Idempotent.
   */
  async forgetAll(opts: ForgetOptions = {}): Promise<number> {
    const keys = await this.keys();
    const results = await Promise.allSettled(keys.map((key) => this.conversation(key).forget(opts)));
    let failed = 0;
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') this.sql.exec('DELETE FROM conversations WHERE key = ?', keys[i]!);
      else {
        failed++;
        console.error('forgetting a conversation failed', keys[i], r.reason);
      }
    });
    if (failed > 0) throw new Error(`${failed} of ${keys.length} conversations could not be deleted`);
    await this.dropIfEmpty();
    return keys.length;
  }

  /** The sweep. Alarms are at-least-once: it only drops keys whose conversation is gone. */
  override async alarm(): Promise<void> {
    const keys = await this.keys();
    const alive = await Promise.all(keys.map((key) => this.conversation(key).exists()));
    keys.forEach((key, i) => {
      if (!alive[i]) this.sql.exec('DELETE FROM conversations WHERE key = ?', key);
    });
    if (await this.dropIfEmpty()) return;
    await this.ctx.storage.setAlarm(Date.now() + SWEEP_MS);
    this.alarmSet = true;
  }

  /** Removes the registry (table and alarm) once it lists nothing. */
  private async dropIfEmpty(): Promise<boolean> {
    if (this.exists() && this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM conversations').one().n > 0) return false;
    await this.removeAll();
    this.alarmSet = false;
    return true;
  }
}
