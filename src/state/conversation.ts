// One Durable Object per conversation (platform + user [+ channel/thread]):
// holds the slots, the current step and recently seen event ids — never the
// raw message text. Turns run one at a time (the object is single-threaded and
// the engine is synchronous), so two turns arriving together never lose an
// update. Expires after 30 days of silence (alarm) and on 「データを削除」.
import { DurableObject } from 'cloudflare:workers';
import { handleTurn } from '../dialogue/engine';
import { migrateState, type ConversationState, type TurnInput } from '../dialogue/types';
import type { TurnOptions, TurnOutcome } from './store';

export type { TurnOptions, TurnOutcome };
import { knowledge } from '../knowledge';

import { EXPIRY_MS } from './expiry';

export { EXPIRY_MS };
const MAX_EVENT_IDS = 200;
/** The event-id table is trimmed back to MAX_EVENT_IDS every this many new ids (not on every turn). */
const TRIM_EVERY = 32;

export class Conversation extends DurableObject {
  private readonly sql: SqlStorage;
  /** Per-instance memo: the tables exist and the expiry alarm is set (both reset by forget()). */
  private ready = false;
  private alarmSet = false;
  private idsSinceTrim = 0;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never);
    this.sql = ctx.storage.sql;
  }

  /** Tables are (re)created on use: 「データを削除」 drops everything with deleteAll(). */
  private schema(): void {
    if (this.ready) return;
    this.ready = true;
    this.sql.exec('CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL, updated_at INTEGER NOT NULL)');
    this.sql.exec('CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, seen_at INTEGER NOT NULL)');
  }

  private load(): ConversationState | undefined {
    const row = this.sql.exec<{ json: string }>('SELECT json FROM state WHERE id = 1').toArray()[0];
    if (!row) return undefined;
    try {
      // Older versions are migrated, never dropped.
      return migrateState(JSON.parse(row.json));
    } catch {
      return undefined;
    }
  }

  async turn(input: TurnInput, opts: TurnOptions): Promise<TurnOutcome> {
    this.schema();
    const now = Date.now();
    // The event id, the engine and the new state in one transaction: a turn that throws
    // leaves the state as it was and the event id unused, so the platform may retry it.
    const outcome = this.ctx.storage.transactionSync((): TurnOutcome & { state?: ConversationState } => {
      if (opts.eventId) {
        const inserted = this.sql.exec('INSERT OR IGNORE INTO events (id, seen_at) VALUES (?, ?)', opts.eventId, now).rowsWritten;
        if (inserted === 0) return { duplicate: true };
      }
      const { state, reply } = handleTurn({ knowledge, date: opts.date }, this.load(), input);
      if (!reply.forget) this.sql.exec('INSERT OR REPLACE INTO state (id, json, updated_at) VALUES (1, ?, ?)', JSON.stringify(state), now);
      return { duplicate: false, reply, state };
    });
    if (outcome.duplicate) return outcome;
    if (opts.eventId && ++this.idsSinceTrim >= TRIM_EVERY) {
      this.idsSinceTrim = 0;
      // rowid order is arrival order (seen_at ties within a millisecond).
      this.sql.exec('DELETE FROM events WHERE rowid NOT IN (SELECT rowid FROM events ORDER BY rowid DESC LIMIT ?)', MAX_EVENT_IDS);
    }
    if (outcome.reply.forget) {
      await this.forget();
      return { duplicate: false, reply: outcome.reply };
    }
    await this.ensureExpiryAlarm(now);
    return { duplicate: false, reply: outcome.reply };
  }

  /** The stored state (for tests and support), or null. */
  async snapshot(): Promise<{ state: ConversationState; updatedAt: number } | null> {
    this.schema();
    const row = this.sql.exec<{ json: string; updated_at: number }>('SELECT json, updated_at FROM state WHERE id = 1').toArray()[0];
    return row ? { state: JSON.parse(row.json) as ConversationState, updatedAt: row.updated_at } : null;
  }

  /**
   * An expiry alarm exists while there is state. It is not moved on every turn: when it
   * fires, alarm() re-arms it for 30 days after the last turn if that is still ahead.
   */
  private async ensureExpiryAlarm(now: number): Promise<void> {
    if (this.alarmSet) return;
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(now + EXPIRY_MS);
    this.alarmSet = true;
  }

  /** Forget everything stored about this conversation. */
  async forget(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.ready = false;
    this.alarmSet = false;
    this.idsSinceTrim = 0;
  }

  /** Expiry. Alarms are at-least-once: only delete when 30 days of silence really passed. */
  override async alarm(): Promise<void> {
    this.schema();
    const row = this.sql.exec<{ updated_at: number }>('SELECT updated_at FROM state WHERE id = 1').toArray()[0];
    if (!row) return this.forget();
    const due = row.updated_at + EXPIRY_MS;
    if (Date.now() >= due) await this.forget();
    else {
      await this.ctx.storage.setAlarm(due);
      this.alarmSet = true;
    }
  }
}
