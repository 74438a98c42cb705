// npm run fake:platforms — the fake LINE and Slack APIs of the Worker tests
// (tests/fake-platforms.ts) as a local server, logging each call, so the handoff and the
// notices can be tried on `npm start` without accounts (README: Trying the handoff locally).
import { createServer } from 'node:http';
import { fakePlatformsNode } from '../tests/fake-platforms';

const port = Number(process.env.FAKE_PORT ?? 9999);
createServer((req, res) => {
  res.on('finish', () => {
    if (!req.url?.startsWith('/__')) console.log(`${new Date().toISOString().slice(11, 19)} ${req.method} ${req.url} → ${res.statusCode}`);
  });
  void fakePlatformsNode(req, res);
}).listen(port, '127.0.0.1', () => console.log(`fake LINE/Slack API on http://127.0.0.1:${port} (every call: GET /__recorded)`));
