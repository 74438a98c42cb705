// Cloudflare Worker entry.
import { createApp } from './app';
import { knowledge } from './knowledge';

import { runFollowUps } from '../adapters/follow/cron';
import type { Env } from './env';

const app = createApp(knowledge);

export { Conversation } from './state/conversation';
export { PersonRegistry } from './state/person';
export { RateLimit } from './state/rate-limit';
export { HandoffCase } from '../adapters/handoff/case';
export { FollowIndex } from './state/follow-index';

export default {
  fetch: app.fetch,
  /** The daily Cron Trigger: deadline reminders and new-program notices. */
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    ctx.waitUntil(runFollowUps(env, new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Env>;
