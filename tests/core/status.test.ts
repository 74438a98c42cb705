// Application status against injected dates.
import { describe, expect, it } from 'vitest';
import { applicationStatus, todayJst } from '../../src/core/status';
import type { Application } from '../../src/core/knowledge/types';

// 000 高岡市: 1次募集 令和6年4月1日～6月28日, 2次募集 8月1日～9月30日.
const takaoka: Application = {
  kind: 'window',
  windows: [
    { label: '1次募集', start: '2024-04-01', end: '2024-06-28', text: '令和6年4月1日(月)～令和6年6月28日(金)' },
    { label: '2次募集', start: '2024-08-01', end: '2024-09-30', text: '令和6年8月1日(木)～令和6年9月30日(月)' },
  ],
};

describe('applicationStatus', () => {
  it.each([
    ['2024-03-31', 'upcoming', '1次募集'],
    ['2024-04-01', 'open', '1次募集'],
    ['2024-06-28', 'open', '1次募集'],
    ['2024-06-29', 'upcoming', '2次募集'],
    ['2024-08-01', 'open', '2次募集'],
    ['2024-09-30', 'open', '2次募集'],
    ['2024-10-01', 'closed', '2次募集'],
    ['2026-11-21', 'closed', '締め切られました'],
  ] as const)('高岡市 windows on %s → %s', (date, code, detail) => {
    const s = applicationStatus(takaoka, date);
    expect(s.code).toBe(code);
    expect(s.detail).toContain(detail);
  });

  it('a deadline without a start is open until the deadline (金沢市: 令和7年7月4日まで)', () => {
    const app: Application = { kind: 'window', windows: [{ end: '2025-07-04', text: '令和7年7月4日(金)まで' }] };
    expect(applicationStatus(app, '2025-07-04').code).toBe('open');
    expect(applicationStatus(app, '2025-07-05').code).toBe('closed');
    expect(applicationStatus(app, '2025-07-05').label).toBe('受付終了');
  });

  it('随時 is rolling until its fiscal year ends, then closed', () => {
    const app: Application = { kind: 'rolling', until: '2026-03-31', text: '随時' };
    expect(applicationStatus(app, '2026-03-31').code).toBe('rolling');
    expect(applicationStatus(app, '2026-04-01').code).toBe('closed');
    expect(applicationStatus({ kind: 'rolling', text: '当面の間' }, '2030-01-01').code).toBe('rolling');
  });

  it('未定 stays tbd', () => {
    expect(applicationStatus({ kind: 'tbd', text: '次回、未定' }, '2024-01-01')).toMatchObject({ code: 'tbd', label: '未定' });
  });

  it('today is computed in JST', () => {
    expect(todayJst(new Date('2024-03-31T15:00:00Z'))).toBe('2024-04-01');
    expect(todayJst(new Date('2024-03-31T14:59:59Z'))).toBe('2024-03-31');
  });
});
