// A fake LINE/Slack API for Worker tests: miniflare routes the Worker's outbound
// fetches here (outboundService, running in Node). It records what it receives;
// tests read the records with GET http://fake.test/__recorded and can make the
// next N calls fail with POST http://fake.test/__fail?count=N&status=S.
interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

const recorded: Recorded[] = [];
let failures: { count: number; status: number } = { count: 0, status: 500 };

export async function fakePlatforms(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === '/__recorded') return Response.json(recorded);
  if (url.pathname === '/__reset') {
    recorded.length = 0;
    failures = { count: 0, status: 500 };
    return Response.json({ ok: true });
  }
  if (url.pathname === '/__fail') {
    failures = { count: Number(url.searchParams.get('count') ?? 1), status: Number(url.searchParams.get('status') ?? 500) };
    return Response.json({ ok: true });
  }
  const text = await request.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // form-encoded or empty: keep the text
  }
  recorded.push({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body });
  if (failures.count > 0) {
    failures.count--;
    return Response.json({ message: 'fake failure' }, { status: failures.status });
  }
  // LINE's reply endpoint answers {} (sentMessages in newer API versions); Slack answers {ok: true}.
  if (url.pathname.startsWith('/v2/bot/')) return Response.json({ sentMessages: [] });
  return Response.json({ ok: true });
}
