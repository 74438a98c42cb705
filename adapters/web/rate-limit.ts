// A sliding one-minute window per client, in the isolate's memory. Best effort: each
// isolate counts on its own, which bounds what one client can make one isolate do.
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly opts: { perMinute: number; now?: () => number }) {}

  allow(client: string): boolean {
    const now = (this.opts.now ?? Date.now)();
    const recent = (this.hits.get(client) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.opts.perMinute) {
      this.hits.set(client, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(client, recent);
    if (this.hits.size > 10_000) this.hits.delete(this.hits.keys().next().value!);
    return true;
  }
}
