// A small, polite client for the jGrants public API v1 (デジタル庁「Jグランツ」).
// Documented at https://developers.digital.go.jp/documents/jgrants/api/ :
//   GET {base}/subsidies?keyword=&sort=&order=&acceptance=&target_area_search=
//     → { metadata: { resultset: { count } }, result: [ { id, name, title, target_area_search,
//         subsidy_max_limit, acceptance_start_datetime, acceptance_end_datetime,
//         target_number_of_employees } ] }
//   GET {base}/subsidies/id/{id}
//     → { metadata, result: [ { id, name, title, subsidy_catch_phrase, detail (HTML), use_purpose,
//         industry, target_area_search, target_area_detail, target_number_of_employees,
//         subsidy_rate, subsidy_max_limit, acceptance_start_datetime, acceptance_end_datetime,
//         project_end_deadline, front_subsidy_detail_page_url, … } ] }
// Multi-valued fields (use_purpose, industry, target_area_search) are joined with " / ".
// Requests are made one at a time with a pause between them; every failure is returned
// as a value (never thrown) so that one bad item does not stop an import.

export const DEFAULT_JGRANTS_API_BASE_URL = 'https://api.jgrants-portal.go.jp/exp/v1/public';

/** One row of the search result (the documented list shape). */
export interface JgrantsListItem {
  id: string;
  name?: string;
  title?: string;
  target_area_search?: string | null;
  subsidy_max_limit?: number | null;
  acceptance_start_datetime?: string | null;
  acceptance_end_datetime?: string | null;
  target_number_of_employees?: string | null;
}

/** The detail of one subsidy (the documented fields this importer reads). */
export interface JgrantsDetail extends JgrantsListItem {
  subsidy_catch_phrase?: string | null;
  detail?: string | null;
  use_purpose?: string | null;
  industry?: string | null;
  target_area_detail?: string | null;
  subsidy_rate?: string | null;
  project_end_deadline?: string | null;
  front_subsidy_detail_page_url?: string | null;
  /** Not in every documented sample; used for the issuer when present. */
  institution_name?: string | null;
}

export interface SearchQuery {
  keyword: string;
  targetArea: string;
  sort?: 'created_date' | 'acceptance_start_datetime' | 'acceptance_end_datetime';
  order?: 'ASC' | 'DESC';
}

export type Fetched<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ClientOptions {
  baseUrl?: string;
  /** Pause before every request but the first (ms). Default 1000. */
  pauseMs?: number;
  /** Per-request timeout (ms). Default 30000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class JgrantsClient {
  readonly baseUrl: string;
  private readonly pauseMs: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private requests = 0;

  constructor(opts: ClientOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? DEFAULT_JGRANTS_API_BASE_URL).replace(/\/+$/, '');
    this.pauseMs = opts.pauseMs ?? 1000;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.fetchImpl = opts.fetch ?? fetch;
  }

  /** How many requests were made (for the report). */
  get requestCount(): number {
    return this.requests;
  }

  async search(q: SearchQuery): Promise<Fetched<JgrantsListItem[]>> {
    const keyword = q.keyword.trim();
    if (keyword.length < 2 || keyword.length > 255) return { ok: false, error: `keyword must be 2–255 characters: "${keyword}"` };
    const params = new URLSearchParams({
      keyword,
      sort: q.sort ?? 'created_date',
      order: q.order ?? 'DESC',
      acceptance: '1',
      target_area_search: q.targetArea,
    });
    const r = await this.getJson(`${this.baseUrl}/subsidies?${params}`);
    if (!r.ok) return r;
    const result = (r.value as { result?: unknown })?.result;
    if (!Array.isArray(result)) return { ok: false, error: 'unexpected response: no "result" array' };
    const items = result.filter((x): x is JgrantsListItem => !!x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string');
    return { ok: true, value: items };
  }

  async detail(id: string): Promise<Fetched<JgrantsDetail>> {
    const r = await this.getJson(`${this.baseUrl}/subsidies/id/${encodeURIComponent(id)}`);
    if (!r.ok) return r;
    const result = (r.value as { result?: unknown })?.result;
    const item = Array.isArray(result) ? result[0] : result;
    if (!item || typeof item !== 'object' || typeof (item as { id?: unknown }).id !== 'string')
      return { ok: false, error: 'unexpected response: no subsidy in "result"' };
    return { ok: true, value: item as JgrantsDetail };
  }

  private async getJson(url: string): Promise<Fetched<unknown>> {
    if (this.requests > 0 && this.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
    this.requests++;
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        headers: { accept: 'application/json', 'user-agent': 'hojo-navi knowledge importer' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const err = e as Error;
      if (err.name === 'TimeoutError' || err.name === 'AbortError') return { ok: false, error: `timeout after ${this.timeoutMs} ms` };
      return { ok: false, error: `network error: ${err.message}` };
    }
    let body: string;
    try {
      body = await res.text();
    } catch (e) {
      return { ok: false, error: `HTTP ${res.status}: body could not be read (${(e as Error).message})` };
    }
    if (!res.ok) return { ok: false, error: `HTTP ${res.status}` };
    try {
      return { ok: true, value: JSON.parse(body) };
    } catch {
      return { ok: false, error: 'malformed JSON' };
    }
  }
}
