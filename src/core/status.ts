// Application status (受付中 / 受付前 / 受付終了 / 随時 / 未定) of a call, from the
// dates in the documents against a given date (default: today in JST).
import type { Application } from './knowledge/types';

export type StatusCode = 'open' | 'upcoming' | 'closed' | 'rolling' | 'tbd';

export interface ApplicationStatus {
  code: StatusCode;
  label: string;
  /** The period as the document writes it, and what it means today. */
  detail: string;
}

const LABELS: Record<StatusCode, string> = {
  open: '受付中',
  upcoming: '受付前',
  closed: '受付終了',
  rolling: '随時受付',
  tbd: '未定',
};

/** Today's date in Japan (YYYY-MM-DD). */
export function todayJst(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

const md = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export function applicationStatus(app: Application, date: string): ApplicationStatus {
  const make = (code: StatusCode, detail: string): ApplicationStatus => ({ code, label: LABELS[code], detail });
  if (app.kind === 'tbd') return make('tbd', app.text);
  if (app.kind === 'rolling') {
    if (app.until && date > app.until) return make('closed', `${app.text}（${md(app.until)}までの制度です）`);
    return make('rolling', app.until ? `${app.text}（${md(app.until)}まで）` : app.text);
  }
  const windows = [...app.windows].sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  for (const w of windows) {
    if (date > w.end) continue;
    const name = w.label ? `${w.label}：` : '';
    if (w.start && date < w.start) return make('upcoming', `${name}${w.text}（${md(w.start)}から受付）`);
    return make('open', `${name}${w.text}（締切 ${md(w.end)}）`);
  }
  const last = windows[windows.length - 1]!;
  return make('closed', `${last.label ? `${last.label}：` : ''}${last.text}（${md(last.end)}に締め切られました）`);
}
