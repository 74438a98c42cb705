// Records a CPU profile of the Worker under `wrangler dev` through its DevTools
// inspector (Chrome DevTools Protocol over WebSocket). Used by the end-to-end
// benchmark when BENCH_CPU_PROFILE names a file; open the file in Chrome DevTools.
// (`ws`, not Node's global WebSocket, which wrangler's inspector proxy refuses.)
import WebSocket from 'ws';
export async function startProfile(inspectorPort: number): Promise<() => Promise<unknown>> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as { webSocketDebuggerUrl: string; title?: string }[];
  const target = targets.find((t) => !/proxy/i.test(t.title ?? '')) ?? targets[0];
  if (!target) throw new Error('no inspector target');
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((ok, fail) => {
    ws.once('open', ok);
    ws.once('error', fail);
  });
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((ok) => {
      pending.set(++id, ok);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 100 });
  await call('Profiler.start');
  return async () => {
    const result = (await call('Profiler.stop')) as { profile: unknown };
    ws.close();
    return result.profile;
  };
}
