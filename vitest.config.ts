import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Two projects: engine and knowledge logic in Node; the Worker's HTTP surface in
// the Workers runtime (workerd via @cloudflare/vitest-plugin).
export default defineConfig({
  test: {
    // The JSON report lets .ci/run print a plain 「N passed, N failed」 line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/core/**/*.test.ts', 'tests/knowledge/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare: { bindings: { ENVIRONMENT: 'development' } } })],
        test: {
          name: 'workers',
          include: ['tests/worker/**/*.test.ts'],
        },
      },
    ],
  },
});
