// The daily Cron Trigger (issue 16, wrangler.toml `0 0 * * *`: 09:00 JST): deadline
// reminders and new-program notices. It reads the notice index once, plans with the
// pure planNotices (src/follow/notices.ts: quiet hours, thresholds, first run, the
// ledger), sends (./send.ts: LINE multicast by identical message, Slack DMs), marks
// each notice sent only after the platform accepted it, and records the knowledge
// version once nothing failed (a failed notice is planned again the next day; the
// ledger keeps the others from repeating).
//
// Locally: `npm start`, then curl "http://127.0.0.1:8787/__scheduled?cron=0+0+*+*+*".
import type { Knowledge } from '../../src/core/knowledge/types';
import type { Env } from '../../src/env';
import { planNotices, type PlannedNotice } from '../../src/follow/notices';
import { knowledge as bundled } from '../../src/knowledge';
import { followIndex } from '../../src/follow/effect';
import { batches, multicast, slackDm } from './send';

export interface FollowRunReport {
  quiet: boolean;
  firstRun: boolean;
  /** The knowledge version recorded (undefined when none was: quiet hours, or a failure). */
  version: number | undefined;
  planned: number;
  sent: number;
  failed: number;
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
  const plan = planNotices({ knowledge: k, entries: snap.entries, sent: new Set(snap.sent), lastVersion: snap.version, now });
  const report: FollowRunReport = { quiet: plan.quiet, firstRun: plan.firstRun, version: undefined, planned: plan.notices.length, sent: 0, failed: 0, multicasts: 0, dms: 0 };
  if (plan.quiet) return report;

  // Marked after each accepted call, so a run cut short does not send those again.
  const done: { person: string; id: string }[] = [];
  const mark = async (items: { person: string; id: string }[]) => {
    await index.markSent(items);
    done.push(...items);
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
      if (outcome.ok) await mark(people.map((n) => ({ person: n.person, id: n.id })));
      else report.failed += people.length;
    }
  }
  for (const n of plan.notices) {
    if (n.address.platform !== 'slack') continue;
    report.dms++;
    const outcome = await slackDm(env, n.id, n.address.user, n.message);
    if (outcome.ok) await mark([{ person: n.person, id: n.id }]);
    else report.failed++;
  }
  report.sent = done.length;
  if (report.failed === 0) {
    await index.setVersion(plan.version);
    report.version = plan.version;
  }
  console.log(`follow-ups: ${report.sent} sent, ${report.failed} failed (${report.multicasts} multicasts, ${report.dms} DMs), version ${report.version ?? 'unchanged'}`);
  return report;
}
