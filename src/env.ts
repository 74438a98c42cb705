// Bindings and settings of the Worker (wrangler.toml, `wrangler secret put`).
import type { Conversation } from './state/conversation';
import type { RateLimit } from './state/rate-limit';
import type { PersonRegistry } from './state/person';
import type { FollowIndex } from './state/follow-index';
import type { HandoffCase } from '../adapters/handoff/case';

export interface Env {
  CONVERSATION: DurableObjectNamespace<Conversation>;
  /** One registry per person and platform: the keys of that person's conversations (deletion by person). */
  PERSON: DurableObjectNamespace<PersonRegistry>;
  /** Global rate limits of the chat endpoints: one object per client id and per client address. */
  RATE_LIMIT: DurableObjectNamespace<RateLimit>;
  /** One object per case handed to a 商工会 advisor (adapters/handoff/case.ts), and per case thread (its pointer). */
  CASE: DurableObjectNamespace<HandoffCase>;
  /** The notice index: saved programs and conditions, for the daily cron (src/state/follow-index.ts). */
  FOLLOW: DurableObjectNamespace<FollowIndex>;
  /** Static assets of the web chat (public/). */
  ASSETS?: Fetcher;
  /** "production" disables developer endpoints such as /api/v1/chat (unless API_TOKEN is set). */
  ENVIRONMENT?: string;
  /** Enables /api/v1/chat in production with `Authorization: Bearer <API_TOKEN>`. */
  API_TOKEN?: string;
  /** LINE Messaging API (secrets). */
  LINE_CHANNEL_SECRET?: string;
  LINE_CHANNEL_ACCESS_TOKEN?: string;
  /** Optional: send LINE API calls elsewhere (a local fake server in tests). */
  LINE_API_BASE_URL?: string;
  /** Slack app (secrets). */
  SLACK_SIGNING_SECRET?: string;
  SLACK_BOT_TOKEN?: string;
  /** Optional: Slack Web API base URL (a local fake server in tests). Default https://slack.com/api/ */
  SLACK_API_BASE_URL?: string;
  /** The advisors' Slack channel for handed-over cases (a channel id, C…); unset: no handoff is offered. */
  HANDOFF_SLACK_CHANNEL?: string;
  /**
   * Optional routing of cases to channels, JSON: {"石川県金沢市": "C…", "石川県": "C…"}. The
   * municipality's entry wins over the prefecture's; anything else goes to HANDOFF_SLACK_CHANNEL.
   */
  HANDOFF_ROUTES?: string;
  /** "true" enables the web chat in production (it is always on in development). */
  WEB_CHAT_ENABLED?: string;
  /** Comma-separated origins allowed to embed the web chat, e.g. https://www.example-shokokai.jp */
  WEB_CHAT_ORIGINS?: string;
}
