// The daily Cron Trigger (issue 16): deadline reminders and new-program notices.
// TODO(issue 16, follow-ups): implement.
import type { Env } from '../../src/env';

export async function runFollowUps(_env: Env, _now: Date): Promise<void> {}
