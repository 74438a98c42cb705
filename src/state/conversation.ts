// One Durable Object per conversation (platform + user [+ channel/thread]):
// holds the slots, the current step and recently seen event ids — never the
// raw message text. Turns run one at a time (the object is single-threaded and
// the engine is synchronous), so two turns arriving together never lose an
// update. Expires after 30 days of silence (alarm) and on 「データを削除」.
//
// Tables: `state` (the slots and pending question, one row), `events` (the last
// MAX_EVENT_IDS platform event ids: ids and times only), `owner` (the person the
// conversation is registered to, src/state/person.ts) and `tombstone` (after a
// deletion: when, and the platform time of the deleting event). A deletion removes
// `state` and `owner` at once and keeps `events` and the tombstone for TOMBSTONE_MS,
// so a redelivered event stays a duplicate and an event older than the deletion is
// dropped; the alarm then removes everything.
import { handleTurn } from '../dialogue/engine';
import { caseIdsOf } from '../dialogue/handoff';
import { initialState, migrateState, type ConversationState, type Reply, type TurnInput } from '../dialogue/types';
import { caseStub } from './case-refs';
import { SqlObject } from './sql-object';
import type { ForgetOptions, TurnOptions, TurnOutcome } from './store';

export type { TurnOptions, TurnOutcome };
import { knowledge } from '../knowledge';

import { EXPIRY_MS } from './expiry';

export { EXPIRY_MS };
const MAX_EVENT_IDS = 200;
/** The event-id table is trimmed back to MAX_EVENT_IDS every this many new ids (not on every turn). */
const TRIM_EVERY = 32;
/**
 * How long a deleted conversation keeps its event ids and tombstone. Longer than the
 * platforms redeliver: Slack retries an event 3 times within about 5 minutes; LINE
 * redelivers (when enabled) for a period it does not publish, in practice within a day.
 */
export const TOMBSTONE_MS = 7 * 24 * 3600 * 1000;

/** How long an expired conversation keeps its case ids: an idle case closes after 90 days and goes 90 days later. */
export const KEPT_CASES_MS = 180 * 24 * 3600 * 1000;

export class Conversation extends SqlObject {
  protected readonly tables = [
    'CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL, updated_at INTEGER NOT NULL)',
    'CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, seen_at INTEGER NOT NULL)',
    'CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY CHECK (id = 1), person TEXT NOT NULL, key TEXT NOT NULL)',
    'CREATE TABLE IF NOT EXISTS tombstone (id INTEGER PRIMARY KEY CHECK (id = 1), deleted_at INTEGER NOT NULL, until INTEGER NOT NULL, event_time INTEGER)',
    // Replies waiting for the web chat to fetch them (a case's news): removed when fetched, and on deletion.
    'CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, json TEXT NOT NULL, at INTEGER NOT NULL)',
    // The ids of the cases this conversation opened, kept (no content) when the state expires,
    // so that a later 「データを削除」 still withdraws them; gone once the cases themselves are.
    'CREATE TABLE IF NOT EXISTS kept_cases (id TEXT PRIMARY KEY, until INTEGER NOT NULL)',
  ];
  /** Per-instance memo: an alarm is set (reset when everything is removed). */
  private alarmSet = false;
  private idsSinceTrim = 0;
  /** Memo of the `owner` row: the conversation is registered to a person. */
  private owned = false;
  /** Memo of the `tombstone` row: undefined without one, null when the deletion had no platform time. */
  private tombEventTime: number | null | undefined = undefined;
  /**
   * The state as last loaded or written (null: none stored), kept between turns so a turn
   * does not read and parse its own last write; written through to SQLite in the turn's
   * transaction. `undefined`: not known, read from SQLite. Dropped on deletion, expiry,
   * and a turn that throws (its transaction rolled back).
   */
  private cached: ConversationState | null | undefined = undefined;

  /** The memos of the `owner` and `tombstone` rows, read once the tables exist. */
  protected override loaded(): void {
    this.owned = this.sql.exec('SELECT 1 FROM owner').toArray().length > 0;
    const tomb = this.sql.exec<{ event_time: number | null }>('SELECT event_time FROM tombstone').toArray()[0];
    this.tombEventTime = tomb ? tomb.event_time : undefined;
  }

  private load(): ConversationState | undefined {
    if (this.cached !== undefined) return this.cached ?? undefined;
    const row = this.sql.exec<{ json: string }>('SELECT json FROM state WHERE id = 1').toArray()[0];
    if (!row) {
      this.cached = null;
      return undefined;
    }
    try {
      // Older versions are migrated, never dropped.
      return (this.cached = migrateState(JSON.parse(row.json)));
    } catch {
      return undefined;
    }
  }

  /** A fresh state that remembers the cases kept from an expired one (undefined when there are none). */
  private keptCases(): ConversationState | undefined {
    const ids = this.sql.exec<{ id: string }>('SELECT id FROM kept_cases ORDER BY rowid').toArray().map((r) => r.id);
    return ids.length > 0 ? { ...initialState(), cases: ids } : undefined;
  }

  private seen(eventId: string | undefined): boolean {
    return eventId !== undefined && this.sql.exec('SELECT 1 FROM events WHERE id = ?', eventId).toArray().length > 0;
  }

  /** An event the platform dated before this conversation was deleted. */
  private beforeDeletion(eventTime: number | undefined): boolean {
    return eventTime !== undefined && typeof this.tombEventTime === 'number' && eventTime < this.tombEventTime;
  }

  private registry(person: string) {
    return this.env.PERSON.get(this.env.PERSON.idFromName(person));
  }

  /**
   * One turn. `key` is this conversation's own key (a Durable Object does not know its
   * name): with `opts.person`, a conversation not yet registered registers itself to that
   * person before its first turn, so no state exists that a deletion by person would miss.
   * Registered conversations pay nothing per turn (the owner row is memoised).
   */
  async turn(input: TurnInput, opts: TurnOptions, key?: string): Promise<TurnOutcome> {
    // News of a case for a conversation that is gone (expired, deleted): nothing is recreated.
    if (input.kind === 'case' && !(this.hasTable('state') && (this.schema(), this.load()))) return { duplicate: false, reply: { kind: 'relayed', texts: [], cards: [], choices: [] } };
    this.schema();
    if (opts.person && key && !this.owned && !this.seen(opts.eventId) && !this.beforeDeletion(opts.eventTime)) {
      await this.registry(opts.person).register(key);
      this.sql.exec('INSERT OR REPLACE INTO owner (id, person, key) VALUES (1, ?, ?)', opts.person, key);
      this.owned = true;
    }
    const now = Date.now();
    // The event id, the engine and the new state in one transaction: a turn that throws
    // leaves the state as it was and the event id unused, so the platform may retry it.
    let next: ConversationState | undefined;
    let outcome: TurnOutcome;
    try {
      outcome = this.ctx.storage.transactionSync((): TurnOutcome => {
        if (opts.eventId) {
          const inserted = this.sql.exec('INSERT OR IGNORE INTO events (id, seen_at) VALUES (?, ?)', opts.eventId, now).rowsWritten;
          if (inserted === 0) return { duplicate: true };
        }
        // The tombstone: an event sent before the deletion (a late redelivery) changes nothing.
        if (this.beforeDeletion(opts.eventTime)) return { duplicate: true };
        const { state, reply } = handleTurn({ knowledge, date: opts.date, ...(opts.features ? { features: opts.features } : {}) }, this.load() ?? this.keptCases(), input);
        if (!reply.forget) {
          this.sql.exec('INSERT OR REPLACE INTO state (id, json, updated_at) VALUES (1, ?, ?)', JSON.stringify(state), now);
          this.sql.exec('DELETE FROM kept_cases');
          next = state;
        }
        return reply.kind === 'answer' ? { duplicate: false, reply, slots: state.slots } : { duplicate: false, reply };
      });
    } catch (err) {
      // Rolled back: what memory holds may have been touched by the failed turn.
      this.cached = undefined;
      throw err;
    }
    if (next) this.cached = next;
    if (outcome.duplicate) return outcome;
    if (opts.eventId && ++this.idsSinceTrim >= TRIM_EVERY) {
      this.idsSinceTrim = 0;
      // rowid order is arrival order (seen_at ties within a millisecond).
      this.sql.exec('DELETE FROM events WHERE rowid NOT IN (SELECT rowid FROM events ORDER BY rowid DESC LIMIT ?)', MAX_EVENT_IDS);
    }
    if (outcome.reply.forget) {
      await this.forget(opts.eventTime === undefined ? {} : { eventTime: opts.eventTime });
      return outcome;
    }
    await this.ensureAlarm(now + EXPIRY_MS);
    return outcome;
  }

  /** Keeps a reply for the web chat to fetch (takeOutbox); only while the conversation exists. */
  async post(reply: Reply): Promise<void> {
    this.schema();
    if (!this.load()) return;
    this.sql.exec('INSERT INTO outbox (json, at) VALUES (?, ?)', JSON.stringify(reply), Date.now());
  }

  /** The replies kept for the web chat, oldest first, removed as they are handed over. */
  async takeOutbox(): Promise<Reply[]> {
    if (!this.hasTable('outbox')) return [];
    this.schema();
    const rows = this.sql.exec<{ json: string }>('SELECT json FROM outbox ORDER BY seq').toArray();
    if (rows.length > 0) this.sql.exec('DELETE FROM outbox');
    return rows.map((r) => JSON.parse(r.json) as Reply);
  }

  /** Whether a case is open (the web chat polls its inbox only then). */
  async caseOpen(): Promise<boolean> {
    if (!this.hasTable('state')) return false;
    this.schema();
    return this.load()?.handoff?.phase === 'open';
  }

  /** The stored state (for tests and support), or null. */
  async snapshot(): Promise<{ state: ConversationState; updatedAt: number } | null> {
    this.schema();
    const row = this.sql.exec<{ json: string; updated_at: number }>('SELECT json, updated_at FROM state WHERE id = 1').toArray()[0];
    return row ? { state: JSON.parse(row.json) as ConversationState, updatedAt: row.updated_at } : null;
  }

  /** Whether the conversation holds state or kept case ids (the registry's sweep); creates nothing. */
  async exists(): Promise<boolean> {
    if (!this.hasTable('state')) return false;
    return this.sql.exec('SELECT 1 FROM state UNION ALL SELECT 1 FROM kept_cases').toArray().length > 0;
  }

  /**
   * An alarm exists while anything is stored. It is not moved on every turn: when it
   * fires, alarm() re-arms it for the next due time (30 days after the last turn, or
   * the end of the tombstone) if that is still ahead.
   */
  private async ensureAlarm(at: number): Promise<void> {
    if (this.alarmSet) return;
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(at);
    this.alarmSet = true;
  }

  /**
   * Deletes this conversation's state and its registration at once, and keeps the event
   * ids and a tombstone (the deletion's platform time, the latest if deleted twice) for
   * TOMBSTONE_MS. Idempotent.
   */
  async forget(opts: ForgetOptions = {}): Promise<void> {
    this.schema();
    const now = Date.now();
    const previous = typeof this.tombEventTime === 'number' ? this.tombEventTime : undefined;
    const eventTime = opts.eventTime === undefined ? previous : Math.max(opts.eventTime, previous ?? opts.eventTime);
    // The cases this conversation opened (open or closed) go with the data: withdrawn first
    // (the owner's part of each is removed at once; the case's alarm then cleans up Slack),
    // so that a failure leaves the state and the case ids for the retry.
    const state = this.load() ?? this.keptCases();
    for (const caseId of caseIdsOf(state)) await caseStub(this.env, caseId).withdraw();
    this.ctx.storage.transactionSync(() => {
      this.sql.exec('DELETE FROM state');
      this.sql.exec('DELETE FROM outbox');
      this.sql.exec('DELETE FROM kept_cases');
      this.sql.exec('DELETE FROM owner');
      this.sql.exec('INSERT OR REPLACE INTO tombstone (id, deleted_at, until, event_time) VALUES (1, ?, ?, ?)', now, now + TOMBSTONE_MS, eventTime ?? null);
    });
    this.owned = false;
    this.cached = null;
    this.tombEventTime = eventTime ?? null;
    await this.ctx.storage.setAlarm(now + TOMBSTONE_MS);
    this.alarmSet = true;
  }

  /** Unregisters from the person (idempotent there) and removes the owner row. */
  private async release(): Promise<void> {
    const owner = this.sql.exec<{ person: string; key: string }>('SELECT person, key FROM owner').toArray()[0];
    if (owner) await this.registry(owner.person).unregister(owner.key);
    this.sql.exec('DELETE FROM owner');
    this.owned = false;
  }

  /**
   * Expiry and the end of a tombstone. Alarms are at-least-once and may come early: each
   * part is removed only when it is really due, and a repeat finds nothing more to do.
   */
  override async alarm(): Promise<void> {
    this.schema();
    const now = Date.now();
    const state = this.sql.exec<{ updated_at: number }>('SELECT updated_at FROM state WHERE id = 1').toArray()[0];
    const tomb = this.sql.exec<{ until: number }>('SELECT until FROM tombstone').toArray()[0];
    let stateDue = state ? state.updated_at + EXPIRY_MS : undefined;
    let tombDue = tomb?.until;
    if (tombDue !== undefined && now >= tombDue) {
      this.sql.exec('DELETE FROM tombstone');
      this.tombEventTime = undefined;
      tombDue = undefined;
    }
    if (stateDue !== undefined && now >= stateDue) {
      const cases = caseIdsOf(this.load());
      // With cases to keep, the registration stays too: a deletion by person (from a group) still reaches them.
      if (cases.length === 0) await this.release();
      for (const id of cases) this.sql.exec('INSERT OR REPLACE INTO kept_cases (id, until) VALUES (?, ?)', id, now + KEPT_CASES_MS);
      this.sql.exec('DELETE FROM state');
      this.cached = null;
      stateDue = undefined;
    }
    const kept = this.sql.exec<{ until: number | null }>('SELECT max(until) AS until FROM kept_cases').one().until ?? undefined;
    let keptDue = kept;
    if (keptDue !== undefined && now >= keptDue) {
      this.sql.exec('DELETE FROM kept_cases');
      keptDue = undefined;
    }
    if (stateDue === undefined && tombDue === undefined && keptDue === undefined) {
      // Nothing left to keep: the registration, the event ids, the tables and the alarm go.
      await this.release();
      await this.removeAll();
      this.cached = undefined;
      this.alarmSet = false;
      this.idsSinceTrim = 0;
      this.tombEventTime = undefined;
      return;
    }
    await this.ctx.storage.setAlarm(Math.min(stateDue ?? Infinity, tombDue ?? Infinity, keptDue ?? Infinity));
    this.alarmSet = true;
  }
}
