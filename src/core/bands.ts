// Employee bands of a cap table (従業員5人以下 / 6〜20人 / 21人以上 …): the label of each band.
interface Band {
  maxEmployees?: number;
}

/** 「5人以下」「6〜20人」「21人以上」 for the band at `index`. */
export function bandLabel(bands: Band[], index: number): string {
  const band = bands[index]!;
  const lower = index === 0 ? 0 : (bands[index - 1]!.maxEmployees ?? 0) + 1;
  if (band.maxEmployees === undefined) return `${lower}人以上`;
  return lower === 0 ? `${band.maxEmployees}人以下` : `${lower}〜${band.maxEmployees}人`;
}
