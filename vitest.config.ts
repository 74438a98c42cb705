import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { fakePlatformsNode } from './tests/fake-platforms';

// Secrets and URLs the Worker tests run with (a fake LINE/Slack API on http://fake.test).
const testBindings = {
  ENVIRONMENT: 'development',
  LINE_CHANNEL_SECRET: 'test-channel-secret',
  LINE_CHANNEL_ACCESS_TOKEN: 'test-access-token',
  LINE_API_BASE_URL: 'http://fake.test',
  SLACK_SIGNING_SECRET: 'test-signing-secret',
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_API_BASE_URL: 'http://fake.test/api/',
  WEB_CHAT_ORIGINS: 'https://shokokai.example',
  // Cases handed to advisors: the default channel, and 金沢市's own (routing).
  HANDOFF_SLACK_CHANNEL: 'CCASES0001',
  HANDOFF_ROUTES: '{"石川県金沢市": "CKANAZAWA1"}',
};

// Two projects: engine and knowledge logic in Node; the Worker's HTTP surface in
// the Workers runtime (workerd via @cloudflare/vitest-plugin).
/** Loads *.txt as a string module, as wrangler does for the Worker (the compiled knowledge base). */
const textModules = {
  name: 'text-modules',
  enforce: 'pre' as const,
  load(id: string) {
    return id.endsWith('.txt') ? `export default ${JSON.stringify(readFileSync(id, 'utf8'))};` : undefined;
  },
};

export default defineConfig({
  plugins: [textModules],
  test: {
    // The JSON report lets .ci/run print a plain 「N passed, N failed」 line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/core/**/*.test.ts', 'tests/knowledge/**/*.test.ts', 'tests/adapters/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: testBindings, outboundService: { node: fakePlatformsNode } },
          }),
        ],
        test: {
          name: 'workers',
          include: ['tests/worker/**/*.test.ts'],
          // The first request of a file starts workerd and loads the bundle; not a timing assertion.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
