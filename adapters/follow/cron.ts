// The daily Cron Trigger (issue 16, wrangler.toml `0 0 * * *`: 09:00 JST): deadline
// reminders and new-program notices. It reads the notice index once, plans with the
// pure planNotices (src/follow/notices.ts: quiet hours, thresholds, first run, the
// ledger), sends (./send.ts: LINE multicast by identical message, Slack DMs), marks
// each notice sent only after the platform accepted it, and records the knowledge
// version every run (not only after a run without failures: one notice that always
// fails would otherwise keep every release since then planned again, and people who
// saved later would get months-old notices).
//
// A failed notice goes to the index's retry table and is planned again by the next runs
// (daily), at most MAX_ATTEMPTS days, then given up. A refusal that cannot change is final
// at once (marked done): Slack user_not_found, channel_not_found, account_inactive,
// user_disabled, cannot_dm_bot; LINE 400 (the request itself is refused, e.g. an invalid
// or blocked user id — retrying the same batch cannot succeed).
//
// Locally: `npm start`, then curl "http://127.0.0.1:8787/__scheduled?cron=0+0+*+*+*".
import type { Knowledge } from '../../src/core/knowledge/types';
import type { Env } from '../../src/env';
import { ledgerKey, planNotices, type PlannedNotice } from '../../src/follow/notices';
import type { SendOutcome } from '../outbound';
import { todayJst } from '../../src/core/status';
import { knowledge as bundled } from '../../src/knowledge';
import { followIndex } from '../../src/follow/effect';
import { batches, multicast, slackDm } from './send';

export interface FollowRunReport {
  quiet: boolean;
  firstRun: boolean;
  /** The knowledge version recorded (undefined in quiet hours, when nothing is done). */
  version: number | undefined;
  planned: number;
  sent: number;
  /** Notices not delivered in this run (retried by the next runs unless final or given up). */
  failed: number;
  /** Of the failed: refused for good, or failed on MAX_ATTEMPTS days: not tried again. */
  final: number;
  /** Calls made: LINE multicasts and Slack DMs. */
  multicasts: number;
  dms: number;
}

export interface FollowRunOptions {
  /** The knowledge (tests: a variant with its own releases); default the bundled one. */
  knowledge?: Knowledge;
}

export async function runFollowUps(env: Env, now: Date, opts: FollowRunOptions = {}): Promise<FollowRunReport> {
  const k = opts.knowledge ?? bundled;
  const index = followIndex(env);
  const snap = await index.snapshot();
  const retry = new Set(snap.retries.map((r) => ledgerKey(r.person, r.id)));
  const plan = planNotices({ knowledge: k, entries: snap.entries, sent: new Set(snap.sent), lastVersion: snap.version, retry, now });
  const report: FollowRunReport = { quiet: plan.quiet, firstRun: plan.firstRun, version: undefined, planned: plan.notices.length, sent: 0, failed: 0, final: 0, multicasts: 0, dms: 0 };
  if (plan.quiet) return report;

  // Marked after each accepted call, so a run cut short does not send those again.
  const done: { person: string; id: string }[] = [];
  const mark = async (items: { person: string; id: string }[]) => {
    await index.markSent(items);
    done.push(...items);
  };
  const fail = async (items: { person: string; id: string }[], outcome: SendOutcome) => {
    report.failed += items.length;
    if (isFinal(outcome)) {
      await index.markSent(items);
      report.final += items.length;
    } else report.final += await index.markFailed(items);
  };
  // LINE: recipients grouped by identical message (a notice id carries one message within a run).
  const line = new Map<string, PlannedNotice[]>();
  for (const n of plan.notices) {
    if (n.address.platform !== 'line') continue;
    const group = `${n.id}\n${JSON.stringify(n.message)}`;
    line.set(group, [...(line.get(group) ?? []), n]);
  }
  for (const group of line.values()) {
    const first = group[0]!;
    const byUser = new Map(group.map((n) => [n.address.platform === 'line' ? n.address.userId : '', n]));
    for (const to of batches([...byUser.keys()])) {
      report.multicasts++;
      const outcome = await multicast(env, first.id, to, first.message);
      const people = to.map((u) => byUser.get(u)!);
      const items = people.map((n) => ({ person: n.person, id: n.id }));
      if (outcome.ok) await mark(items);
      else await fail(items, outcome);
    }
  }
  for (const n of plan.notices) {
    if (n.address.platform !== 'slack') continue;
    report.dms++;
    const outcome = await slackDm(env, n.id, n.address.user, n.message);
    if (outcome.ok) await mark([{ person: n.person, id: n.id }]);
    else await fail([{ person: n.person, id: n.id }], outcome);
  }
  report.sent = done.length;
  await index.setVersion(plan.version, todayJst(now));
  report.version = plan.version;
  console.log(`follow-ups: ${report.sent} sent, ${report.failed} failed (${report.final} final) (${report.multicasts} multicasts, ${report.dms} DMs), version ${report.version}`);
  return report;
}

/** Slack errors about the recipient that no retry can change. */
export const SLACK_FINAL_ERRORS = ['user_not_found', 'channel_not_found', 'account_inactive', 'user_disabled', 'cannot_dm_bot'];

/** A refusal that cannot change: a Slack recipient error, or LINE's 400 (the request itself refused). */
export function isFinal(outcome: SendOutcome): boolean {
  if (outcome.ok) return false;
  if (SLACK_FINAL_ERRORS.some((e) => new RegExp(`\\b${e}\\b`).test(outcome.reason))) return true;
  return outcome.status === 400;
}
