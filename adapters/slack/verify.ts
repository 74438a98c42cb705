// X-Slack-Signature: "v0=" + hex HMAC-SHA256 of "v0:{timestamp}:{raw body}" with the
// signing secret; requests older than 5 minutes are rejected (replay protection).
import { hmacSha256 } from '../hmac';

export const MAX_AGE_SECONDS = 300;

export async function slackSignature(secret: string, timestamp: string, body: string): Promise<string> {
  const mac = await hmacSha256(secret, `v0:${timestamp}:${body}`);
  return `v0=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export type Verification = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export async function verifySlackRequest(
  secret: string,
  headers: { timestamp?: string | undefined; signature?: string | undefined },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<Verification> {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return { ok: false, reason: 'missing' };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_AGE_SECONDS) return { ok: false, reason: 'stale' };
  const expected = await slackSignature(secret, timestamp, body);
  if (expected.length !== signature.length) return { ok: false, reason: 'mismatch' };
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
  return diff === 0 ? { ok: true } : { ok: false, reason: 'mismatch' };
}
