// One Durable Object per case handed to a 商工会 advisor (issue 16), named by its id
// (`case:<uuid>`); and one small pointer object per case thread (`thread:<channel>:<ts>`),
// so that a reply in the thread finds its case. Storage and state changes only: the
// desk (desk.ts) and the Slack side (slack.ts) do the sending.
//
// A case holds what the owner consented to share (conditions, results, optional name
// and phone: the draft), where the owner is reached (their conversation key and
// address), where its card is (channel and ts), who has it, and the ts of the owner's
// messages the bot posted in the thread (to delete them on withdrawal). Never any
// other message text. Status: open → claimed → closed; withdrawn on 「データを削除」
// (everything is removed at once). A closed case is removed 90 days after closing.
import type { CaseDraft } from '../../src/dialogue/types';
import { SqlObject } from '../../src/state/sql-object';
import type { Address } from '../../src/state/store';
import { threadStub } from '../../src/state/case-refs';
import { callApi } from '../slack/send';
import { withdrawnCard } from './card';
import { tellOwner, updateCard } from './desk';

/** A closed case is kept this long (the advisors' reference), then removed. */
export const CLOSED_CASE_MS = 90 * 24 * 3600 * 1000;

export type CaseStatus = 'open' | 'claimed' | 'closed';

export interface CaseOwner {
  /** The owner's conversation key (their turns run there). */
  key: string;
  /** The owner's person key, if the platform has one (LINE); web users have none. */
  person?: string;
  address: Address;
}

export interface CaseRecord {
  id: string;
  status: CaseStatus;
  draft: CaseDraft;
  owner: CaseOwner;
  channel: string;
  ts: string;
  advisor?: { id: string; name: string };
  /** gone: the owner's conversation no longer had the case (deleted or expired); idle: nothing happened for IDLE_CASE_MS. */
  closedBy?: 'owner' | 'advisor' | 'gone' | 'idle';
  /** The last claim, owner message or advisor reply (ms): an open case idle for IDLE_CASE_MS is closed. */
  activeAt?: number;
  closedAt?: number;
  /** An idle close not yet told (card, thread, owner): the next alarm tells it. */
  idleTold?: boolean;
  /** The Slack user who pressed 「対応済み」 (when no one had the case, the card names them). */
  closedById?: string;
  createdAt: number;
}

/** won: this press made the advisor the holder; mine: they already were; held: someone else is. */
export type CloseOutcome = { outcome: 'closed' | 'held'; case: CaseRecord } | { outcome: 'not-open' };

export type ClaimOutcome = { outcome: 'won' | 'mine' | 'held'; case: CaseRecord } | { outcome: 'closed' } | { outcome: 'missing' };

export class HandoffCase extends SqlObject {
  protected readonly tables = [
    'CREATE TABLE IF NOT EXISTS kase (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)',
    'CREATE TABLE IF NOT EXISTS posts (ts TEXT PRIMARY KEY)',
    // retired: the case was withdrawn; the pointer stays (no content) so a late reply is answered, then goes.
    'CREATE TABLE IF NOT EXISTS pointer (id INTEGER PRIMARY KEY CHECK (id = 1), case_id TEXT NOT NULL, retired INTEGER NOT NULL DEFAULT 0)',
    // A withdrawn case: only where its card is, until Slack has been cleaned up (then everything goes).
    'CREATE TABLE IF NOT EXISTS withdrawn (id INTEGER PRIMARY KEY CHECK (id = 1), case_id TEXT NOT NULL, channel TEXT NOT NULL, ts TEXT NOT NULL, was_open INTEGER NOT NULL, told INTEGER NOT NULL DEFAULT 0, since INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0)',
  ];

  /** The case, or undefined; creates nothing (a forged or stale id leaves no storage behind). */
  private read(): CaseRecord | undefined {
    if (!this.hasTable('kase')) return undefined;
    this.schema();
    const row = this.sql.exec<{ json: string }>('SELECT json FROM kase').toArray()[0];
    return row ? (JSON.parse(row.json) as CaseRecord) : undefined;
  }

  private write(c: CaseRecord): void {
    this.sql.exec('INSERT OR REPLACE INTO kase (id, json) VALUES (1, ?)', JSON.stringify(c));
  }

  /** Stores a new case (idempotent: a second open of the same id keeps the first). */
  async open(c: Omit<CaseRecord, 'status' | 'createdAt'>): Promise<CaseRecord> {
    const existing = this.read();
    if (existing) return existing;
    this.schema();
    const now = Date.now();
    const record: CaseRecord = { ...c, status: 'open', createdAt: now, activeAt: now };
    this.write(record);
    await this.ctx.storage.setAlarm(now + IDLE_CASE_MS);
    return record;
  }

  async get(): Promise<CaseRecord | undefined> {
    return this.read();
  }

  /**
   * The first advisor to press 「担当する」 gets the case; anyone later is told who has it.
   * One call at a time per object, and no await between the read and the write: two
   * presses at once cannot both win.
   */
  async claim(advisor: { id: string; name: string }): Promise<ClaimOutcome> {
    const c = this.read();
    if (!c) return { outcome: 'missing' };
    if (c.status === 'closed') return { outcome: 'closed' };
    if (c.advisor) return { outcome: c.advisor.id === advisor.id ? 'mine' : 'held', case: c };
    const claimed: CaseRecord = { ...c, status: 'claimed', advisor, activeAt: Date.now() };
    this.write(claimed);
    return { outcome: 'won', case: claimed };
  }

  /**
   * Closes the case: the owner, the advisor who has it (or anyone before it is taken), or
   * 'gone' when the owner's conversation no longer has it. The holder is checked here, in
   * the same call as the write, so a claim cannot slip in between.
   */
  async close(by: 'owner' | 'advisor' | 'gone', advisorId?: string): Promise<CloseOutcome> {
    const c = this.read();
    if (!c || c.status === 'closed') return { outcome: 'not-open' };
    if (by === 'advisor' && c.advisor && advisorId !== undefined && c.advisor.id !== advisorId) return { outcome: 'held', case: c };
    const now = Date.now();
    const closed: CaseRecord = { ...c, status: 'closed', closedBy: by, closedAt: now, ...(advisorId ? { closedById: advisorId } : {}) };
    this.write(closed);
    await this.ctx.storage.setAlarm(now + CLOSED_CASE_MS);
    return { outcome: 'closed', case: closed };
  }

  /** Remembers the ts of an owner's message the bot posted in the thread. */
  async addPost(ts: string): Promise<void> {
    const c = this.read();
    if (!c) return;
    this.sql.exec('INSERT OR IGNORE INTO posts (ts) VALUES (?)', ts);
    this.write({ ...c, activeAt: Date.now() });
  }

  /** An advisor's reply reached the owner: the case is in use. */
  async touch(): Promise<void> {
    const c = this.read();
    if (c && c.status !== 'closed') this.write({ ...c, activeAt: Date.now() });
  }

  /**
   * 「データを削除」: everything about the owner goes at once (conditions, results, contact,
   * address); only where the card and the owner's posts are stays, until the alarm has
   * cleaned up Slack (card replaced, posts deleted, an open case's thread told), retried
   * until done. Idempotent.
   */
  async withdraw(): Promise<void> {
    const c = this.read();
    if (!c) return;
    this.ctx.storage.transactionSync(() => {
      this.sql.exec('INSERT OR REPLACE INTO withdrawn (id, case_id, channel, ts, was_open, since) VALUES (1, ?, ?, ?, ?, ?)', c.id, c.channel, c.ts, c.status === 'closed' ? 0 : 1, Date.now());
      this.sql.exec('DELETE FROM kase');
    });
    await this.ctx.storage.setAlarm(Date.now());
  }

  /** The Slack clean-up of a withdrawal; each step done is remembered, so a retry goes on from there. Throws when Slack refused. */
  private async cleanUp(w: { case_id: string; channel: string; ts: string; was_open: number; told: number }): Promise<void> {
    const key = `case:${w.case_id}`;
    const card = await callApi(this.env, 'chat.update', { channel: w.channel, ts: w.ts, ...withdrawnCard(w.case_id) }, { key });
    if (!cleaned(card)) throw new Error(`the card could not be replaced: ${card.ok ? '' : card.reason}`);
    for (const { ts } of this.sql.exec<{ ts: string }>('SELECT ts FROM posts').toArray()) {
      const deleted = await callApi(this.env, 'chat.delete', { channel: w.channel, ts }, { key });
      if (!cleaned(deleted)) throw new Error(`an owner's message could not be deleted: ${deleted.ok ? '' : deleted.reason}`);
      this.sql.exec('DELETE FROM posts WHERE ts = ?', ts);
    }
    if (w.was_open && !w.told) {
      await callApi(this.env, 'chat.postMessage', { channel: w.channel, thread_ts: w.ts, text: '相談者がこの相談を取り下げました。' }, { key });
      this.sql.exec('UPDATE withdrawn SET told = 1');
    }
    await threadStub(this.env, w.channel, w.ts).retire();
  }

  /** The pointer of a case thread: which case it belongs to. */
  async point(caseId: string): Promise<void> {
    this.schema();
    this.sql.exec('INSERT OR REPLACE INTO pointer (id, case_id) VALUES (1, ?)', caseId);
  }

  /** The case of this thread, and whether it was withdrawn; undefined when none. Creates nothing. */
  async pointee(): Promise<{ caseId: string; retired: boolean } | undefined> {
    if (!this.hasTable('pointer')) return undefined;
    const row = this.sql.exec<{ case_id: string; retired: number }>('SELECT case_id, retired FROM pointer').toArray()[0];
    return row ? { caseId: row.case_id, retired: row.retired === 1 } : undefined;
  }

  /** The case was withdrawn: the pointer only says so from now on, and goes after CLOSED_CASE_MS. */
  async retire(): Promise<void> {
    if (!this.hasTable('pointer')) return;
    this.sql.exec('UPDATE pointer SET retired = 1');
    await this.ctx.storage.setAlarm(Date.now() + CLOSED_CASE_MS);
  }

  /** Removes a pointer (its case is gone). */
  async unpoint(): Promise<void> {
    await this.removeAll();
  }

  /** An open case idle for IDLE_CASE_MS: closed, its card and thread say so, the owner is told if still there. */
  private async closeIfIdle(c: CaseRecord): Promise<void> {
    const due = (c.activeAt ?? c.createdAt) + IDLE_CASE_MS;
    if (Date.now() < due) {
      await this.ctx.storage.setAlarm(due);
      return;
    }
    const now = Date.now();
    const closed: CaseRecord = { ...c, status: 'closed', closedBy: 'idle', closedAt: now, idleTold: false };
    this.write(closed);
    await this.ctx.storage.setAlarm(now + CLOSED_CASE_MS);
    await this.tellIdle(closed);
  }

  /** The card, the thread and the owner told of an idle close; an alarm cut off before the end does it again (idempotent). */
  private async tellIdle(c: CaseRecord): Promise<void> {
    const key = `case:${c.id}`;
    await updateCard(this.env, c);
    await callApi(this.env, 'chat.postMessage', { channel: c.channel, thread_ts: c.ts, text: '90日間やり取りがなかったため、この相談を終了しました。' }, { key });
    await tellOwner(this.env, c.owner, { type: 'closed', caseId: c.id, idle: true }).catch((err) => console.error('telling the owner of an idle case failed', c.id, err));
    this.write({ ...c, idleTold: true });
  }

  /**
   * At-least-once, and each part only when due: a withdrawal's Slack clean-up (retried with
   * backoff for up to WITHDRAW_RETRY_MS, then given up with one log line), and a closed
   * case's removal 90 days after closing, with its thread pointer.
   */
  override async alarm(): Promise<void> {
    const w = this.hasTable('withdrawn') ? this.sql.exec<{ case_id: string; channel: string; ts: string; was_open: number; told: number; since: number; attempts: number }>('SELECT * FROM withdrawn').toArray()[0] : undefined;
    if (w) {
      try {
        await this.cleanUp(w);
      } catch (err) {
        if (Date.now() - w.since < WITHDRAW_RETRY_MS) {
          this.sql.exec('UPDATE withdrawn SET attempts = attempts + 1');
          await this.ctx.storage.setAlarm(Date.now() + Math.min(30_000 * 2 ** w.attempts, 3_600_000));
          return;
        }
        console.error('a withdrawn case could not be cleaned up in Slack; given up', w.case_id, err);
      }
      await this.removeAll();
      return;
    }
    const c = this.read();
    if (!c) {
      // A retired thread pointer whose time is up.
      if ((await this.pointee())?.retired) await this.removeAll();
      return;
    }
    if (c.status !== 'closed') return this.closeIfIdle(c);
    if (c.idleTold === false) {
      await this.tellIdle(c);
      await this.ctx.storage.setAlarm((c.closedAt ?? Date.now()) + CLOSED_CASE_MS);
      return;
    }
    // Alarms may come early: not yet due, set again.
    if (c.closedAt !== undefined && Date.now() < c.closedAt + CLOSED_CASE_MS) {
      await this.ctx.storage.setAlarm(c.closedAt + CLOSED_CASE_MS);
      return;
    }
    await threadStub(this.env, c.channel, c.ts).unpoint();
    await this.removeAll();
  }
}

/** An open case with no claim, owner message or advisor reply for this long is closed (then removed 90 days later). */
export const IDLE_CASE_MS = 90 * 24 * 3600 * 1000;

/** How long a withdrawal's Slack clean-up is retried (Slack down, rate limits) before it is given up. */
export const WITHDRAW_RETRY_MS = 7 * 24 * 3600 * 1000;

/** Slack errors that mean the message is already gone: nothing is left to clean up. */
const GONE = /message_not_found|channel_not_found|is_archived|cant_update_message|cant_delete_message/;
const cleaned = (r: { ok: boolean; reason?: string }) => r.ok || GONE.test(r.reason ?? '');
