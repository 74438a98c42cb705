// Yen formatting for replies: 1234567 → 「1,234,567円」, and a readable 万円 form.

export function yen(n: number): string {
  return `${n.toLocaleString('en-US')}円`;
}

/** 12,345,678 → 「1,234万5,678円」; 3,000,000 → 「300万円」; 100,000,000 → 「1億円」. */
export function manYen(n: number): string {
  if (n < 10000) return yen(n);
  const oku = Math.floor(n / 100_000_000);
  const man = Math.floor((n % 100_000_000) / 10_000);
  const rest = n % 10_000;
  let s = '';
  if (oku > 0) s += `${oku.toLocaleString('en-US')}億`;
  if (man > 0) s += `${man.toLocaleString('en-US')}万`;
  if (rest > 0) s += rest.toLocaleString('en-US');
  return `${s}円`;
}
