// One Durable Object per conversation (platform + user [+ channel/thread]):
// holds the slots, the current step and recently seen event ids — never the
// raw message text. Turns run one at a time (the object is single-threaded and
// the engine is synchronous), so two turns arriving together never lose an
// update. Expires after 30 days of silence (alarm) and on 「データを削除」.
import { DurableObject } from 'cloudflare:workers';
import { handleTurn } from '../dialogue/engine';
import type { ConversationState, Reply, TurnInput } from '../dialogue/types';
import { knowledge } from '../knowledge';

import { EXPIRY_MS } from './expiry';

export { EXPIRY_MS };
const MAX_EVENT_IDS = 200;

export interface TurnOptions {
  /** YYYY-MM-DD (JST) for statuses. */
  date: string;
  /** Platform event id (LINE webhookEventId, Slack event_id): a repeat is ignored. */
  eventId?: string;
}

export type TurnOutcome = { duplicate: true } | { duplicate: false; reply: Reply };

export class Conversation extends DurableObject {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never);
    this.sql = ctx.storage.sql;
  }

  /** Tables are (re)created on use: 「データを削除」 drops everything with deleteAll(). */
  private schema(): void {
    this.sql.exec('CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL, updated_at INTEGER NOT NULL)');
    this.sql.exec('CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, seen_at INTEGER NOT NULL)');
  }

  private load(): ConversationState | undefined {
    const row = this.sql.exec<{ json: string }>('SELECT json FROM state WHERE id = 1').toArray()[0];
    if (!row) return undefined;
    try {
      const state = JSON.parse(row.json) as ConversationState;
      return state.version === 1 ? state : undefined;
    } catch {
      return undefined;
    }
  }

  async turn(input: TurnInput, opts: TurnOptions): Promise<TurnOutcome> {
    this.schema();
    const now = Date.now();
    if (opts.eventId) {
      const seen = this.sql.exec('SELECT 1 FROM events WHERE id = ?', opts.eventId).toArray().length > 0;
      if (seen) return { duplicate: true };
      this.sql.exec('INSERT INTO events (id, seen_at) VALUES (?, ?)', opts.eventId, now);
      this.sql.exec('DELETE FROM events WHERE id NOT IN (SELECT id FROM events ORDER BY seen_at DESC LIMIT ?)', MAX_EVENT_IDS);
    }
    const { state, reply } = handleTurn({ knowledge, date: opts.date }, this.load(), input);
    if (reply.forget) {
      await this.forget();
      return { duplicate: false, reply };
    }
    this.sql.exec('INSERT OR REPLACE INTO state (id, json, updated_at) VALUES (1, ?, ?)', JSON.stringify(state), now);
    await this.ctx.storage.setAlarm(now + EXPIRY_MS);
    return { duplicate: false, reply };
  }

  /** The stored state (for tests and support), or null. */
  async snapshot(): Promise<{ state: ConversationState; updatedAt: number } | null> {
    this.schema();
    const row = this.sql.exec<{ json: string; updated_at: number }>('SELECT json, updated_at FROM state WHERE id = 1').toArray()[0];
    return row ? { state: JSON.parse(row.json) as ConversationState, updatedAt: row.updated_at } : null;
  }

  /** Forget everything stored about this conversation. */
  async forget(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  /** Expiry. Alarms are at-least-once: only delete when 30 days of silence really passed. */
  override async alarm(): Promise<void> {
    this.schema();
    const row = this.sql.exec<{ updated_at: number }>('SELECT updated_at FROM state WHERE id = 1').toArray()[0];
    if (!row) return this.forget();
    const due = row.updated_at + EXPIRY_MS;
    if (Date.now() >= due) await this.forget();
    else await this.ctx.storage.setAlarm(due);
  }
}
