// Yen formatting for replies: 1234567 → 「1,234,567円」, and a readable 万円 form.

/** 1234567 → "1,234,567" (by hand: toLocaleString goes through ICU and is slow on hot paths). */
export function group(n: number): string {
  const s = String(n);
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return sign + out + (dot < 0 ? '' : s.slice(dot));
}

export function yen(n: number): string {
  return `${group(n)}円`;
}

/** 12,345,678 → 「1,234万5,678円」; 3,000,000 → 「300万円」; 100,000,000 → 「1億円」. */
export function manYen(n: number): string {
  if (n < 10000) return yen(n);
  const oku = Math.floor(n / 100_000_000);
  const man = Math.floor((n % 100_000_000) / 10_000);
  const rest = n % 10_000;
  let s = '';
  if (oku > 0) s += `${group(oku)}億`;
  if (man > 0) s += `${group(man)}万`;
  if (rest > 0) s += group(rest);
  return `${s}円`;
}
