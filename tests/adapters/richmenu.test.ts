// npm run line:richmenu against a local fake LINE API that records the calls.
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run line:richmenu', () => {
  it('validates, creates, uploads the image and sets the default rich menu', async () => {
    const calls: { method: string; url: string; type?: string; size: number; auth?: string }[] = [];
    const server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      calls.push({ method: req.method!, url: req.url!, type: req.headers['content-type'], size: body.length, auth: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/v2/bot/richmenu' ? JSON.stringify({ richMenuId: 'richmenu-test-1' }) : '{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const root = join(import.meta.dirname, '..', '..');
      const { stdout } = await run(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/line-richmenu.ts'], {
        cwd: root,
        env: { ...process.env, LINE_CHANNEL_ACCESS_TOKEN: 'test-token', LINE_API_BASE_URL: base, LINE_DATA_API_BASE_URL: base },
      });
      expect(stdout).toContain('richmenu-test-1');
    } finally {
      server.close();
    }
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /v2/bot/richmenu/validate',
      'POST /v2/bot/richmenu',
      'POST /v2/bot/richmenu/richmenu-test-1/content',
      'POST /v2/bot/user/all/richmenu/richmenu-test-1',
    ]);
    expect(calls.every((c) => c.auth === 'Bearer test-token')).toBe(true);
    const upload = calls[2]!;
    expect(upload.type).toBe('image/png');
    expect(upload.size).toBeGreaterThan(100);
  }, 60_000);
});
