// A Durable Object over its SQLite storage, the set-up every one of ours shares: the
// tables are created on first use (and again after everything was removed), a table's
// existence can be asked without creating it, and removing everything drops the tables
// and the alarm at once.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';

export abstract class SqlObject extends DurableObject<Env> {
  protected readonly sql: SqlStorage;
  private tablesReady = false;
  /** CREATE TABLE IF NOT EXISTS statements, run on first use. */
  protected abstract readonly tables: readonly string[];

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
  }

  /** Creates the tables if this instance has not yet (a memo: one check per instance). */
  protected schema(): void {
    if (this.tablesReady) return;
    this.tablesReady = true;
    for (const statement of this.tables) this.sql.exec(statement);
    this.loaded();
  }

  /** Runs once the tables exist: subclasses read their memos here. */
  protected loaded(): void {}

  /** Whether a table exists, without creating anything. */
  protected hasTable(name: string): boolean {
    return this.tablesReady || this.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name).toArray().length > 0;
  }

  /** Removes everything stored (tables and alarm); the next use creates the tables again. */
  protected async removeAll(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.tablesReady = false;
  }
}
