// A fake LINE/Slack API for Worker tests: miniflare routes the Worker's outbound
// fetches here (outboundService, running in Node). It records every attempt it
// receives (GET http://fake.test/__recorded, with the time `at`) and what the
// platform accepted (GET http://fake.test/__delivered). POST /__reset clears both
// and the faults, and ends any hanging request.
//
// Like LINE, a reply token is accepted once (a second use answers 400 "Invalid
// reply token"), and X-Line-Retry-Key on the reply endpoint answers 400 (LINE
// accepts it only on push, multicast, narrowcast and broadcast). Slack has no
// such dedupe: every accepted post is delivered.
//
// Push and multicast accept X-Line-Retry-Key, and answer 409 to a key they accepted
// before (LINE keeps them 24 hours): a retried push is not delivered twice.
//
// Faults: POST /__fail?count=N&… queues a fault for the next N matching calls
// (queued faults are used in order):
//   status=S           answer S (default 500), e.g. 429, 400, 503
//   retryAfter=SECS    with a Retry-After header
//   error=E            with a Slack body {ok: false, error: E} (status default 200)
//   mode=hang          answer nothing for ms=MS (default 10000), or until /__reset
//   mode=reset         close the connection without an answer ("Network connection lost")
//   accept=1           the platform processes the call first (delivered; reply token used),
//                      then the fault hits the answer: the ambiguous case
//   match=TEXT         only calls whose URL or body contains TEXT (default: any call)
import type { IncomingMessage, ServerResponse } from 'node:http';

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  at: number;
}

interface Fault {
  count: number;
  status: number;
  mode: 'status' | 'hang' | 'reset';
  accept: boolean;
  retryAfter?: string;
  error?: string;
  match?: string;
  ms: number;
}

const recorded: Recorded[] = [];
const delivered: Recorded[] = [];
const usedReplyTokens = new Set<string>();
/** X-Line-Retry-Key values LINE accepted (push, multicast): a repeat answers 409, as LINE does for 24 hours. */
const acceptedRetryKeys = new Set<string>();
/** Slack message timestamps handed out by chat.postMessage (unique, increasing). */
let postCount = 0;
let faults: Fault[] = [];
const hanging = new Set<() => void>();

function reset(): void {
  recorded.length = 0;
  delivered.length = 0;
  faults = [];
  for (const release of hanging) release();
  hanging.clear();
}

function addFault(params: URLSearchParams): void {
  const mode = params.get('mode') ?? 'status';
  if (mode !== 'status' && mode !== 'hang' && mode !== 'reset') throw new Error(`unknown fault mode ${mode}`);
  const error = params.get('error') ?? undefined;
  faults.push({
    count: Number(params.get('count') ?? 1),
    status: Number(params.get('status') ?? (error ? 200 : 500)),
    mode,
    accept: params.get('accept') === '1',
    ms: Number(params.get('ms') ?? 10_000),
    ...(params.get('retryAfter') !== null ? { retryAfter: params.get('retryAfter')! } : {}),
    ...(error ? { error } : {}),
    ...(params.get('match') !== null ? { match: params.get('match')! } : {}),
  });
}

function takeFault(url: string, text: string): Fault | undefined {
  const fault = faults.find((f) => f.count > 0 && (f.match === undefined || url.includes(f.match) || text.includes(f.match)));
  if (fault) fault.count--;
  return fault;
}

/** What the platform does with a call it processes: LINE's reply tokens are single-use. */
function processCall(url: URL, rec: Recorded): Response {
  if (url.pathname === '/v2/bot/message/reply') {
    if (rec.headers['x-line-retry-key'] !== undefined) return Response.json({ message: 'The retry key is not supported for this API' }, { status: 400 });
    const token = (rec.body as { replyToken?: unknown } | null)?.replyToken;
    if (typeof token !== 'string' || usedReplyTokens.has(token)) return Response.json({ message: 'Invalid reply token' }, { status: 400 });
    usedReplyTokens.add(token);
  }
  if (url.pathname === '/v2/bot/message/push' || url.pathname === '/v2/bot/message/multicast') {
    const key = rec.headers['x-line-retry-key'];
    if (key !== undefined) {
      if (acceptedRetryKeys.has(key)) return Response.json({ message: 'The retry key is already accepted' }, { status: 409, headers: { 'x-line-accepted-request-id': 'fake-accepted' } });
      acceptedRetryKeys.add(key);
    }
  }
  delivered.push(rec);
  // LINE's reply endpoint answers {} (sentMessages in newer API versions); Slack answers {ok: true}.
  if (url.pathname.startsWith('/v2/bot/')) return Response.json({ sentMessages: [] });
  // chat.postMessage answers where the message went and its ts (a thread is addressed by it).
  if (url.pathname.endsWith('/chat.postMessage')) {
    const channel = (rec.body as { channel?: unknown } | null)?.channel;
    return Response.json({ ok: true, channel, ts: `${Math.floor(Date.now() / 1000)}.${String(++postCount).padStart(6, '0')}` });
  }
  // users.info (form-encoded): a display name for users whose id starts with UNAMED, none for others.
  if (url.pathname.endsWith('/users.info')) {
    const user = new URLSearchParams(typeof rec.body === 'string' ? rec.body : '').get('user') ?? '';
    return Response.json(user.startsWith('UNAMED') ? { ok: true, user: { id: user, real_name: 'Taro Sato', profile: { display_name: '佐藤（商工会）', real_name: 'Taro Sato' } } } : { ok: true, user: { id: user, profile: {} } });
  }
  return Response.json({ ok: true });
}

/** The fault's answer; RESET closes the connection without one. */
function failWith(fault: Fault, url: URL, closed: Promise<void>): Promise<Response | typeof RESET> | Response | typeof RESET {
  if (fault.mode === 'reset') return RESET;
  if (fault.mode === 'hang') {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        hanging.delete(release);
        resolve(Response.json({ message: 'fake hang ended' }, { status: 504 }));
      };
      const timer = setTimeout(release, fault.ms);
      hanging.add(release);
      // The caller gave up (its timeout aborted the request): nobody is waiting any more.
      void closed.then(release);
    });
  }
  const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {};
  if (fault.error !== undefined) return Response.json({ ok: false, error: fault.error }, { status: fault.status, headers });
  const isLine = url.pathname.startsWith('/v2/bot/');
  return Response.json(isLine ? { message: 'fake failure' } : { ok: false, error: 'fake_failure' }, { status: fault.status, headers });
}

const RESET = Symbol('reset');

async function handle(request: Request, closed: Promise<void>): Promise<Response | typeof RESET> {
  const url = new URL(request.url);
  if (url.pathname === '/__recorded') return Response.json(recorded);
  if (url.pathname === '/__delivered') return Response.json(delivered);
  if (url.pathname === '/__reset') {
    reset();
    return Response.json({ ok: true });
  }
  if (url.pathname === '/__fail') {
    addFault(url.searchParams);
    return Response.json({ ok: true });
  }
  const text = await request.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // form-encoded or empty: keep the text
  }
  const rec: Recorded = { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body, at: Date.now() };
  recorded.push(rec);
  const fault = takeFault(request.url, text);
  if (!fault) return processCall(url, rec);
  if (fault.accept) processCall(url, rec);
  return failWith(fault, url, closed);
}

/**
 * miniflare's outboundService as a Node handler (vitest.config.ts): a Node
 * socket is what lets `mode=reset` close the connection for real, which the
 * Worker sees as "Network connection lost".
 */
export async function fakePlatformsNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(`http://${req.headers.host ?? 'fake.test'}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(hasBody ? { body: Buffer.concat(chunks) } : {}) });
  const closed = new Promise<void>((r) => res.on('close', () => r()));
  const response = await handle(request, closed);
  if (response === RESET) {
    req.socket.destroy();
    return;
  }
  if (res.destroyed) return;
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
