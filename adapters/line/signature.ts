// x-line-signature: base64 HMAC-SHA256 of the raw body with the channel secret,
// checked with Web Crypto's constant-time verify.
import { hmacSha256, hmacSha256Verify } from '../hmac';

function base64ToBytes(b64: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export async function lineSignature(body: string, channelSecret: string): Promise<string> {
  return btoa(String.fromCharCode(...(await hmacSha256(channelSecret, body))));
}

export async function verifyLineSignature(body: string, channelSecret: string, signature: string | undefined): Promise<boolean> {
  if (!signature) return false;
  const given = base64ToBytes(signature);
  if (!given || given.length !== 32) return false;
  return hmacSha256Verify(channelSecret, body, given);
}
