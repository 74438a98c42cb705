// Where a case's Durable Objects are (kept apart from the class, so that code running
// in Node can import the desk without 'cloudflare:workers').
import type { Env } from '../../src/env';

export const caseName = (id: string) => `case:${id}`;
export const threadName = (channel: string, ts: string) => `thread:${channel}:${ts}`;

/** The case itself. */
export const caseStub = (env: Env, id: string) => env.CASE.get(env.CASE.idFromName(caseName(id)));
/** The pointer of a case's thread (the card's channel and ts) to the case. */
export const threadStub = (env: Env, channel: string, ts: string) => env.CASE.get(env.CASE.idFromName(threadName(channel, ts)));
