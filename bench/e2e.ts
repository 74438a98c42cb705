// End to end on `wrangler dev` over loopback: signed LINE webhooks that run a full turn
// (Durable Object, match, amounts, Flex render) and reply to a local fake LINE server,
// against POST /bench/echo in the same Worker (signature + parse, no turn; mounted only
// by the benchmark's entry, bench/worker.ts), measured in
// the same run with autocannon. Prints figures; asserts nothing.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './core';
import { startProfile } from './inspector';
import { cpuDelta, treeCpu } from './proc-cpu';

const SECRET = 'bench-channel-secret';
const USERS = 200;
const CONNECTIONS = 10;
/** Webhooks sent at once in an ack burst (the review's figure: 200 concurrent). */
const BURST = 200;
const now = () => performance.timeOrigin + performance.now();
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('base64');
const userId = (i: number) => `U${i.toString(16).padStart(32, '0')}`;

let seq = 0;
/** A text message event as LINE documents it; the reply token carries the send time. */
function textEvent(user: number, text: string) {
  seq++;
  return {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId: userId(user) },
    webhookEventId: `01BENCH${seq.toString().padStart(19, '0')}`,
    deliveryContext: { isRedelivery: false },
    replyToken: `bench.${now().toFixed(3)}.${seq}`,
    message: { id: String(seq), type: 'text', quoteToken: `q${seq}`, text },
  };
}
const webhookBody = (events: unknown[]) => JSON.stringify({ destination: 'Ubench', events });

/** The fake LINE API: records each reply's latency (webhook sent → reply received) and whether it held an answer (Flex). */
interface Reply {
  sentAt: number;
  at: number;
  answer: boolean;
}
type Replies = Reply[];
function fakeLine(replies: Replies): Promise<Server> {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const t = now();
      try {
        const body = JSON.parse(raw) as { replyToken: string; messages: { type: string }[] };
        replies.push({ sentAt: Number(body.replyToken.split('.')[1]), at: t, answer: body.messages.some((m) => m.type === 'flex') });
      } catch {
        // not a reply: ignore
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"sentMessages":[]}');
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Waits until no reply has arrived for a second (the previous phase's turns have drained). */
async function settled(replies: Replies): Promise<void> {
  let count = -1;
  while (count !== replies.length) {
    count = replies.length;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * `wrangler dev --minify` of the benchmark's entry (bench/worker.ts: the production app
 * plus /bench/echo, with wrangler.toml's bindings), minified as deployed;
 * BENCH_NO_MINIFY=1 keeps names readable in a CPU profile.
 */
function startWorker(port: number, linePort: number, stateDir: string, inspectorPort: number): ChildProcess {
  const vars = [
    'ENVIRONMENT:development',
    `LINE_CHANNEL_SECRET:${SECRET}`,
    'LINE_CHANNEL_ACCESS_TOKEN:bench-token',
    `LINE_API_BASE_URL:http://127.0.0.1:${linePort}`,
  ].flatMap((v) => ['--var', v]);
  return spawn('wrangler', ['dev', 'bench/worker.ts', ...(process.env.BENCH_NO_MINIFY ? [] : ['--minify']), '--port', String(port), '--ip', '127.0.0.1', '--persist-to', stateDir, '--show-interactive-dev-session=false', '--log-level', 'warn', '--inspector-port', String(inspectorPort), ...vars], {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

interface Load {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}
async function load(url: string, seconds: number, text: () => string): Promise<Load> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => {
          const body = webhookBody([textEvent(Math.floor(Math.random() * USERS), text())]);
          return { ...req, body, headers: { ...(req.headers as object), 'x-line-signature': sign(body) } };
        },
      },
    ],
  });
  return { rps: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors };
}

/** What one route cost and delivered over a load phase. */
export interface Phase {
  load: Load;
  /** CPU ms per request, by process (workerd, wrangler's node, the benchmark itself). */
  cpuMsPerRequest: Record<string, number>;
  /** Turns completed (replies received) per second, from the start of the load to the last reply; the echo's req/s. */
  turnsPerSecond: number;
  replies: number;
  answerShare: number;
  replyP50Ms: number;
  replyP99Ms: number;
  drainMs: number;
}

/** A burst: BURST webhooks sent at once, each its own connection; the ack is the 200. */
export interface Burst {
  ackMinMs: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  failed: number;
  /** From the send to the last reply at the fake LINE server (0 for the echo). */
  drainMs: number;
  cpuMsPerRequest: Record<string, number>;
}

export interface E2eRound {
  echo: Phase;
  empty: Phase;
  full: Phase;
  burstEcho: Burst;
  burstEmpty: Burst;
  burstFull: Burst;
}

export async function benchE2e(seconds = 10, rounds = 3): Promise<E2eRound[]> {
  const replies: Replies = [];
  const line = await fakeLine(replies);
  const linePort = (line.address() as AddressInfo).port;
  const port = 18787 + Math.floor(Math.random() * 1000);
  const stateDir = mkdtempSync(join(tmpdir(), 'hojo-bench-'));
  const inspectorPort = port + 1000;
  const worker = startWorker(port, linePort, stateDir, inspectorPort);
  let log = '';
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-20_000));
  worker.stdout!.on('data', keep);
  worker.stderr!.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const ECHO = `${base}/bench/echo`;
  const EMPTY = `${base}/bench/empty`;
  const FULL = `${base}/webhook/line`;
  const perRequest = (d: Record<string, number>, n: number) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v / Math.max(1, n)]));
  const expense = () => `費用は${100 + Math.floor(Math.random() * 900)}万円に変更`;

  /** One load phase of a route; for the webhook routes, until every turn has replied. */
  async function phase(url: string, turns: boolean, profile?: string): Promise<Phase> {
    const cpu0 = treeCpu(worker.pid!);
    const start = now();
    const stopProfile = profile ? await startProfile(inspectorPort) : undefined;
    const result = await load(url, seconds, expense);
    const loadEnd = now();
    const ofPhase = () => replies.filter((x) => x.sentAt >= start);
    if (turns) await waitFor(() => ofPhase().length >= result.requests - result.non2xx, 60_000);
    const cpu1 = treeCpu(worker.pid!);
    if (stopProfile) writeFileSync(profile!, JSON.stringify(await stopProfile()));
    const got = turns ? ofPhase() : [];
    const last = got.length ? Math.max(...got.map((x) => x.at)) : loadEnd;
    const latency = got.map((x) => x.at - x.sentAt).sort((a, b) => a - b);
    const out: Phase = {
      load: result,
      cpuMsPerRequest: perRequest(cpuDelta(cpu0, cpu1), result.requests),
      turnsPerSecond: turns ? got.length / ((last - start) / 1000) : result.rps,
      replies: got.length,
      answerShare: got.filter((x) => x.answer).length / Math.max(1, got.length),
      replyP50Ms: latency.length ? percentile(latency, 50) : 0,
      replyP99Ms: latency.length ? percentile(latency, 99) : 0,
      drainMs: Math.max(0, last - loadEnd),
    };
    if (turns) await settled(replies);
    return out;
  }

  /** BURST signed webhooks (one per user, each on its own connection) sent at once; the ack latency of each. */
  async function burst(url: string, turns: boolean): Promise<Burst> {
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const bodies = Array.from({ length: BURST }, (_, i) => webhookBody([textEvent(i % USERS, expense())]));
    const signed = bodies.map((b) => ({ body: b, sig: sign(b) }));
    const cpu0 = treeCpu(worker.pid!);
    const start = now();
    const acks = await Promise.all(
      signed.map(
        ({ body, sig }) =>
          new Promise<{ ms: number; ok: boolean }>((ok) => {
            const t0 = now();
            const req = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-line-signature': sig } }, (res) => {
              res.resume();
              res.on('end', () => ok({ ms: now() - t0, ok: res.statusCode === 200 }));
            });
            req.on('error', () => ok({ ms: now() - t0, ok: false }));
            req.end(body);
          }),
      ),
    );
    const ofBurst = () => replies.filter((x) => x.sentAt >= start);
    if (turns) await waitFor(() => ofBurst().length >= acks.filter((a) => a.ok).length, 60_000);
    const cpu1 = treeCpu(worker.pid!);
    const got = ofBurst();
    agent.destroy();
    const ms = acks.map((a) => a.ms).sort((a, b) => a - b);
    const out: Burst = {
      ackMinMs: ms[0]!,
      ackP50Ms: percentile(ms, 50),
      ackP99Ms: percentile(ms, 99),
      ackMaxMs: ms[ms.length - 1]!,
      failed: acks.filter((a) => !a.ok).length,
      drainMs: turns && got.length ? Math.max(...got.map((x) => x.at)) - start : 0,
      cpuMsPerRequest: perRequest(cpuDelta(cpu0, cpu1), BURST),
    };
    if (turns) await settled(replies);
    return out;
  }

  try {
    const up = await waitFor(async () => (await fetch(`${base}/health`).catch(() => null))?.ok === true, 60_000);
    if (!up) throw new Error(`wrangler dev did not start:\n${log.slice(-2000)}`);
    // Prime: every user gives all slots and skips the follow-ups, so each later message ends in an answer.
    const first = ['金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円くらい', '高岡市で製造業、従業員20人、展示会に出たい、費用100万円', '東京都で小売業、従業員4人、IT導入したい、費用80万円'];
    await Promise.all(
      Array.from({ length: USERS }, (_, u) => {
        const body = webhookBody([textEvent(u, first[u % 3]!), textEvent(u, 'わからない'), textEvent(u, 'わからない'), textEvent(u, 'わからない')]);
        return fetch(FULL, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) }, body });
      }),
    );
    if (!(await waitFor(() => replies.length >= USERS * 4, 120_000))) throw new Error(`priming got ${replies.length} of ${USERS * 4} replies`);
    await settled(replies);
    // Warm-up (not recorded): every route, so the isolate and its caches are hot.
    await load(ECHO, 2, expense);
    await load(EMPTY, 2, expense);
    await load(FULL, 2, expense);
    await settled(replies);
    const out: E2eRound[] = [];
    for (let r = 0; r < rounds; r++) {
      const echo = await phase(ECHO, false);
      const empty = await phase(EMPTY, true);
      const full = await phase(FULL, true, r === 0 ? process.env.BENCH_CPU_PROFILE : undefined);
      const burstEcho = await burst(ECHO, false);
      const burstEmpty = await burst(EMPTY, true);
      const burstFull = await burst(FULL, true);
      out.push({ echo, empty, full, burstEcho, burstEmpty, burstFull });
    }
    return out;
  } finally {
    try {
      process.kill(-worker.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    line.close();
    await waitFor(() => worker.exitCode !== null || worker.signalCode !== null, 10_000);
    rmSync(stateDir, { recursive: true, force: true });
  }
}
