// Reading a LINE webhook request: the raw body, its x-line-signature, then the JSON.
// Shared by POST /webhook/line and the benchmark's echo route, so that the echo does
// exactly what the webhook does before a turn.
import type { LineWebhookBody } from './events';
import { verifyLineSignature } from './signature';

export type SignedWebhook = { ok: true; body: LineWebhookBody } | { ok: false; status: 400 | 401; error: 'bad_signature' | 'bad_json' | 'bad_body' };

export async function readSignedWebhook(request: Request, channelSecret: string): Promise<SignedWebhook> {
  const raw = await request.text();
  if (!(await verifyLineSignature(raw, channelSecret, request.headers.get('x-line-signature') ?? undefined))) return { ok: false, status: 401, error: 'bad_signature' };
  let body: LineWebhookBody;
  try {
    body = JSON.parse(raw) as LineWebhookBody;
  } catch {
    return { ok: false, status: 400, error: 'bad_json' };
  }
  if (!body || !Array.isArray(body.events)) return { ok: false, status: 400, error: 'bad_body' };
  return { ok: true, body };
}
