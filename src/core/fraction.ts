// Exact fractions for rates ("2/3"): amounts are computed without floating point
// and truncated to the yen only at the end.

export interface Fraction {
  num: number;
  den: number;
}

export function parseRate(text: string): Fraction {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new Error(`not a rate: ${text}`);
  return { num: Number(m[1]), den: Number(m[2]) };
}

/** floor(yen × rate), exact for integer yen. */
export function applyRate(yen: number, rate: Fraction): number {
  const product = yen * rate.num;
  return (product - (product % rate.den)) / rate.den;
}

/** The Japanese reading of a rate: 2/3 → 3分の2. */
export function rateLabel(rate: Fraction): string {
  return `${rate.den}分の${rate.num}`;
}

export function rateText(rate: Fraction): string {
  return `${rate.num}/${rate.den}`;
}
