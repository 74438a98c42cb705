// Where a case's Durable Objects are (adapters/handoff/case.ts): the case by its id, and
// the pointer of its Slack thread. Apart from the class, so that the conversation and
// code running in Node reach a case without importing it.
import type { Env } from '../env';

export const caseName = (id: string) => `case:${id}`;
export const threadName = (channel: string, ts: string) => `thread:${channel}:${ts}`;

/** The case itself. */
export const caseStub = (env: Env, id: string) => env.CASE.get(env.CASE.idFromName(caseName(id)));
/** The pointer of a case's thread (the card's channel and ts) to the case. */
export const threadStub = (env: Env, channel: string, ts: string) => env.CASE.get(env.CASE.idFromName(threadName(channel, ts)));
