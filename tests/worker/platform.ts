// Shared by the worker tests: signed LINE and Slack requests to the Worker, and what
// the fake platform API (tests/fake-platforms.ts) recorded.
import { env, exports } from 'cloudflare:workers';
import { lineSignature } from '../../adapters/line/signature';
import { slackSignature } from '../../adapters/slack/verify';
import type { Env } from '../../src/env';

export const worker = (exports as unknown as { default: Fetcher }).default;
export const bindings = env as unknown as Env;

/** A LINE webhook body, signed with the channel secret. */
export async function signedLine(body: string): Promise<Response> {
  return worker.fetch('http://hojo-navi.test/webhook/line', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': await lineSignature(body, bindings.LINE_CHANNEL_SECRET!) },
    body,
  });
}

/** A Slack request to /webhook/slack/<path>, signed like Slack signs it (at `ts`, default now). */
export async function signedSlack(path: string, body: string, contentType = 'application/json', ts = Math.floor(Date.now() / 1000)): Promise<Response> {
  const stamp = String(ts);
  return worker.fetch(`http://hojo-navi.test/webhook/slack/${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': stamp, 'x-slack-signature': await slackSignature(bindings.SLACK_SIGNING_SECRET!, stamp, body) },
    body,
  });
}

export const form = (f: Record<string, string>) => new URLSearchParams(f).toString();

/** Every call the fake platform API recorded (reset before each test by the test files). */
export async function recorded<T>(): Promise<T[]> {
  return (await (await fetch('http://fake.test/__recorded')).json()) as T[];
}

/** The recorded calls that match, once there are `count` of them (or after ~3 s). */
export async function waitFor<T>(pred: (r: T) => boolean, count = 1, tries = 150): Promise<T[]> {
  for (let i = 0; i < tries; i++) {
    const r = (await recorded<T>()).filter(pred);
    if (r.length >= count) return r;
    await new Promise((res) => setTimeout(res, 20));
  }
  return (await recorded<T>()).filter(pred);
}

/** An Events API envelope (event_callback) around one event, as Slack sends it. */
export const eventCallback = (team: string, eventId: string, event: Record<string, unknown>) => ({
  token: 'x',
  team_id: team,
  api_app_id: 'A0MDYCDME',
  type: 'event_callback',
  event_id: eventId,
  event_time: 1515449522,
  event,
});
