// npm run knowledge:import -- jgrants [--dry-run] [--keyword 創業]… [--area 石川県]… [--today YYYY-MM-DD] [--pause-ms 1000]
// Imports open calls from the jGrants public API as drafts under knowledge/drafts/jgrants/
// (never into knowledge/programs/) and prints what is new, changed and closed.
// JGRANTS_API_BASE_URL points it elsewhere (default: the public API).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_JGRANTS_API_BASE_URL, JgrantsClient } from './knowledge/jgrants-api';
import { formatReport, importJgrants } from './knowledge/jgrants-import';
import { jstDate } from './knowledge/jgrants-map';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    keyword: { type: 'string', multiple: true },
    area: { type: 'string', multiple: true },
    today: { type: 'string' },
    'pause-ms': { type: 'string' },
    'timeout-ms': { type: 'string' },
  },
});

const usage = 'usage: npm run knowledge:import -- jgrants [--dry-run] [--keyword 語]… [--area 石川県]… [--today YYYY-MM-DD] [--pause-ms 1000]';
if (positionals[0] !== 'jgrants') {
  console.error(positionals[0] ? `unknown source "${positionals[0]}" (only jgrants is supported)\n${usage}` : usage);
  process.exit(2);
}
const today = values.today ?? jstDate(new Date().toISOString())!;
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
  console.error(`--today must be YYYY-MM-DD: ${today}`);
  process.exit(2);
}
const baseUrl = process.env.JGRANTS_API_BASE_URL || DEFAULT_JGRANTS_API_BASE_URL;
const client = new JgrantsClient({
  baseUrl,
  pauseMs: values['pause-ms'] !== undefined ? Number(values['pause-ms']) : 1000,
  timeoutMs: values['timeout-ms'] !== undefined ? Number(values['timeout-ms']) : 30_000,
});
const root = join(import.meta.dirname, '..');
console.log(`Jグランツ API: ${baseUrl}${values['dry-run'] ? '（試行：ファイルは書きません）' : ''}`);
const report = await importJgrants({
  root,
  client,
  today,
  keywords: values.keyword,
  areas: values.area,
  dryRun: values['dry-run'],
});
console.log(formatReport(report));
// Per-item failures are reported, not fatal; a run where nothing could be searched is.
if (report.searches.length > 0 && report.searches.every((s) => s.error)) process.exit(1);
