// The benchmark's Worker entry (`wrangler dev bench/worker.ts`, bench/e2e.ts): the
// production app (same bindings, Durable Objects and middleware from wrangler.toml)
// plus POST /bench/echo, the floor the full turn is measured against. Never deployed:
// src/index.ts, the production entry, does not mount the echo.
import { benchEcho } from '../adapters/line/bench-echo';
import { createApp } from '../src/app';
import { knowledge } from '../src/knowledge';

// Every Durable Object class the production entry exports (wrangler.toml binds them).
export * from '../src/index';

export default createApp(knowledge, { routes: { '/bench/echo': benchEcho() } });
