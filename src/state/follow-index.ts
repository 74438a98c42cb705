// The notice index (issue 16): who saved which programs and conditions, and where they
// are reached, for the daily cron. TODO(issue 16, follow-ups): implement.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';

export class FollowIndex extends DurableObject<Env> {}

