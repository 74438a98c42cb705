// The web chat in a real browser: headless Debian Chromium driven by playwright-core
// against `wrangler dev` on loopback. Saves a screenshot of the answer for humans in
// test-results/web-chat-answer.png.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSignature } from '../../adapters/slack/verify';
import { fakePlatformsNode } from '../fake-platforms';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = join(import.meta.dirname, '..', '..');
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let base = '';
/** The fake Slack API the Worker posts cases to (tests/fake-platforms.ts), and the signing secret of the advisors' presses. */
let fake: Server | undefined;
let fakeBase = '';
const SIGNING_SECRET = 'browser-signing-secret';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function startWorker(): Promise<void> {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(
    join(root, 'node_modules', '.bin', 'wrangler'),
    [
      'dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', mkdtempSync(join(tmpdir(), 'hojo-')), '--var', 'ENVIRONMENT:development', '--show-interactive-dev-session=false',
      // The handoff to advisors, against the fake Slack API.
      '--var', 'SLACK_BOT_TOKEN:xoxb-browser', '--var', `SLACK_API_BASE_URL:${fakeBase}/api/`, '--var', 'HANDOFF_SLACK_CHANNEL:CBROWSER', '--var', `SLACK_SIGNING_SECRET:${SIGNING_SECRET}`,
    ],
    { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('Ready on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server!.stdout!.on('data', onData);
    server!.stderr!.on('data', onData);
    server!.on('exit', (code) => reject(new Error(`wrangler dev exited (${code}):\n${output}`)));
  });
}

async function newPage(): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
  await page.goto(`${base}/`);
  await page.getByRole('log').getByText('補助金ナビです').waitFor();
  return page;
}

const click = (page: Page, name: string | RegExp) =>
  Promise.all([page.waitForResponse('**/api/v1/web/chat'), page.locator('#choices').getByRole('button', { name }).first().click()]);

/** Skips follow-up questions with 「分からない」 until the answer (program cards) shows. */
async function untilAnswer(page: Page): Promise<void> {
  const cards = page.locator('article.card');
  const skip = page.locator('#choices').getByRole('button', { name: '分からない' });
  for (let i = 0; i < 6; i++) {
    await cards.or(skip).first().waitFor();
    if ((await cards.count()) > 0) return;
    await Promise.all([page.waitForResponse('**/api/v1/web/chat'), skip.click()]);
  }
  await cards.first().waitFor();
}

/** Types a message and waits for the bot's answer to it. */
async function type(page: Page, text: string): Promise<void> {
  await page.getByLabel('メッセージ').fill(text);
  await Promise.all([page.waitForResponse('**/api/v1/web/chat'), page.keyboard.press('Enter')]);
}

describe.skipIf(!existsSync(CHROMIUM))('web chat in Chromium', () => {
  beforeAll(async () => {
    const fakePort = await freePort();
    fakeBase = `http://127.0.0.1:${fakePort}`;
    fake = createHttpServer((req, res) => void fakePlatformsNode(req, res));
    await new Promise<void>((ok) => fake!.listen(fakePort, '127.0.0.1', () => ok()));
    await startWorker();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    fake?.close();
  });

  it('a whole conversation by clicks ends in an answer with an amount and its working', async () => {
    const page = await newPage();
    await click(page, '富山県高岡市');
    await click(page, '製造業');
    await click(page, '6〜20人');
    await click(page, '販路開拓・展示会');
    // Answer first: the programs with rates and caps, the expense asked under them.
    await page.locator('article.card').first().waitFor();
    expect((await page.locator('article.card').allInnerTexts()).join('\n')).toContain('補助率');
    await click(page, '100万円');
    await untilAnswer(page);
    const cards = page.locator('.cards').last().locator('article.card');
    expect(await cards.count()).toBeGreaterThan(0);
    const text = await cards.allInnerTexts();
    expect(text.join('\n')).toMatch(/補助額の目安 [\d,]+円/);
    const computed = cards.filter({ has: page.locator('summary') }).first();
    await computed.locator('summary').click();
    await expect.poll(() => computed.innerText()).toContain('自己負担額');
    mkdirSync(join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(root, 'test-results', 'web-chat-answer.png'), fullPage: true });
    await page.close();
  });

  it('a conversation by typing, in one message', async () => {
    const page = await newPage();
    await type(page, '金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円くらい');
    await untilAnswer(page);
    expect((await page.locator('article.card').allInnerTexts()).join('\n')).toContain('海外販路開拓支援事業');
    await page.close();
  });

  it('最初から starts over', async () => {
    const page = await newPage();
    await click(page, '石川県金沢市');
    await page.getByRole('button', { name: '最初から' }).first().click();
    await page.getByRole('log').getByText('最初からお調べします').waitFor();
    expect(await page.locator('#choices').getByRole('button', { name: '富山県高岡市' }).count()).toBe(1);
    await page.close();
  });

  it('shows the same answer as LINE and Slack would render it', async () => {
    const page = await newPage();
    await type(page, '高岡市で製造業、従業員20人、展示会、費用100万円');
    await untilAnswer(page);
    await page.getByLabel('表示の切り替え（プレビュー）').selectOption('line');
    const preview = page.locator('#preview');
    await expect.poll(() => preview.innerText()).toContain('LINEでの表示');
    expect(await preview.locator('.pv-bubble').count()).toBeGreaterThan(0);
    expect(await preview.locator('.pv-qr span').count()).toBeGreaterThan(0);
    await page.getByLabel('表示の切り替え（プレビュー）').selectOption('slack');
    await expect.poll(() => preview.innerText()).toContain('Slackでの表示');
    expect(await preview.innerText()).toContain('番号 判定');
    await page.close();
  });

  it('keeps the typed message and offers a retry when the server fails', async () => {
    const page = await newPage();
    await page.route('**/api/v1/web/chat', (route) => route.fulfill({ status: 500, body: 'down' }));
    await page.getByLabel('メッセージ').fill('高岡市');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '再送する' }).waitFor();
    expect(await page.getByLabel('メッセージ').inputValue()).toBe('高岡市');
    await page.unroute('**/api/v1/web/chat');
    await page.getByRole('button', { name: '再送する' }).click();
    await page.getByRole('log').getByText('業種を教えてください').waitFor();
    await page.close();
  });

  it('hands the answer to an advisor, shows the advisor’s news as it comes, and keeps the case across a reload', async () => {
    const page = await newPage();
    await type(page, '金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円くらい');
    await page.locator('article.card').first().waitFor();
    await click(page, '商工会に相談する');
    await page.getByRole('log').getByText('次の内容をお送りします', { exact: false }).waitFor();
    await click(page, '同意して相談する');
    await page.getByRole('log').getByText('相談内容をお送りしました', { exact: false }).waitFor();
    // The case card reached the (fake) advisors' channel; an advisor takes it.
    const calls = (await (await fetch(`${fakeBase}/__recorded`)).json()) as { url: string; body: { channel?: string; blocks?: { elements?: { action_id?: string; value?: string }[] }[] } }[];
    const card = calls.filter((c) => c.url.endsWith('/chat.postMessage') && c.body.channel === 'CBROWSER').at(-1)!;
    const caseId = card.body.blocks!.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'hojo_case_claim')!.value!;
    const payload = {
      type: 'block_actions',
      user: { id: 'UNAMEDBRW', username: 'sato.t', name: 'sato.t', team_id: 'T1' },
      team: { id: 'T1', domain: 'shokokai' },
      container: { type: 'message', message_ts: '1700000000.000001', channel_id: 'CBROWSER', is_ephemeral: false },
      channel: { id: 'CBROWSER', name: 'soudan' },
      response_url: `${fakeBase}/actions/browser`,
      actions: [{ action_id: 'hojo_case_claim', block_id: 'b', text: { type: 'plain_text', text: '担当する' }, value: caseId, type: 'button', action_ts: '1700000000.1' }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${base}/webhook/slack/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': await slackSignature(SIGNING_SECRET, ts, body) },
      body,
    });
    expect(res.status).toBe(200);
    // The page polls its inbox while the case is open: the news appears without typing anything.
    await page.getByRole('log').getByText('佐藤（商工会）さんが担当します', { exact: false }).waitFor({ timeout: 20_000 });
    // A reload keeps the case: no fresh greeting and its questions (typing goes to the advisor).
    await page.reload();
    await page.getByRole('log').getByText('商工会の担当者と相談中です', { exact: false }).waitFor();
    expect(await page.getByRole('log').getByText('補助金ナビです', { exact: false }).count()).toBe(0);
    await page.close();
  }, 60_000);
});
