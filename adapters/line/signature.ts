// x-line-signature: base64 HMAC-SHA256 of the raw body with the channel secret.
// Web Crypto, constant-time comparison.
const encoder = new TextEncoder();

function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function base64ToBytes(b64: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export async function lineSignature(body: string, channelSecret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(channelSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return btoa(String.fromCharCode(...mac));
}

export async function verifyLineSignature(body: string, channelSecret: string, signature: string | undefined): Promise<boolean> {
  if (!signature) return false;
  const given = base64ToBytes(signature);
  if (!given) return false;
  const expected = base64ToBytes(await lineSignature(body, channelSecret))!;
  return timingSafeEqual(expected, given);
}
