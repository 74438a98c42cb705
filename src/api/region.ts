// The region of a /api/v1/match request, checked before matching: an unknown
// prefecture or municipality is a 400 naming the field with the closest names,
// never silently replaced (「存在しない県」 with 金沢市 used to become 石川県).
import type { Knowledge, Prefecture } from '../core/knowledge/types';
import type { FieldError } from '../core/profile';
import { findMunicipality, findPrefecture, normalize } from '../core/taxonomy';

export type RegionError = FieldError & { suggestions: string[] };

/** Edit distance (insert, delete, substitute), for short names. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[y.length]!;
}

const SUFFIX = /(都|道|府|県|市|区|町|村)$/;

/** Up to `max` names close to `text`: within a third of its length in edits, or one containing the other. */
export function closeNames(text: string, names: readonly string[], max = 5): string[] {
  const t = normalize(text);
  const stem = t.replace(SUFFIX, '');
  const scored: { name: string; d: number }[] = [];
  for (const name of names) {
    const n = normalize(name);
    const nStem = n.replace(SUFFIX, '');
    const d = Math.min(editDistance(t, n), editDistance(stem, nStem));
    const contains = stem.length >= 2 && nStem.length >= 2 && (nStem.includes(stem) || stem.includes(nStem));
    if (d <= Math.max(1, Math.floor([...t].length / 3)) || contains) scored.push({ name, d: contains ? Math.min(d, 1) : d });
  }
  return scored
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((s) => s.name);
}

const didYouMean = (s: string[]) => (s.length > 0 ? `もしかして：${s.join('、')}` : '');
const didYouMeanEn = (s: string[]) => (s.length > 0 ? `; did you mean ${s.join(', ')}?` : '');

/** A name that reads as a municipality (…市・区・町・村), for prefectures the knowledge base lists none of. */
const MUNICIPALITY_LIKE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆ヶ]{1,20}(市|区|町|村)$/u;

/**
 * Checks `prefecture` and `municipality` as given. A municipality must be one the
 * knowledge base lists (in the prefecture, when one is given); in a prefecture with
 * no municipal programs (and so no list), any name of a municipality's form passes.
 */
export function checkRegion(k: Knowledge, prefecture: string | undefined, municipality: string | undefined): RegionError[] {
  const errors: RegionError[] = [];
  const prefectureNames = k.prefectures.map((p) => p.name);
  let pref: Prefecture | undefined;
  if (prefecture !== undefined) {
    pref = findPrefecture(k, prefecture);
    if (!pref) {
      // A known municipality names its prefecture: 「存在しない県」 + 金沢市 → 石川県.
      const byMunicipality = municipality ? findMunicipality(k, municipality)?.prefecture.name : undefined;
      const suggestions = [...new Set([...(byMunicipality ? [byMunicipality] : []), ...closeNames(prefecture, prefectureNames)])].slice(0, 5);
      errors.push({
        field: 'prefecture',
        message: `都道府県「${prefecture}」が分かりません。${didYouMean(suggestions)}`,
        messageEn: `unknown prefecture "${prefecture}"${didYouMeanEn(suggestions)}`,
        suggestions,
        accepted: prefectureNames,
      });
      return errors;
    }
  }
  if (municipality === undefined) return errors;
  if (findMunicipality(k, municipality, pref?.name)) return errors;
  if (pref && pref.municipalities.length === 0 && MUNICIPALITY_LIKE.test(municipality.normalize('NFKC').trim())) return errors;
  const elsewhere = pref ? findMunicipality(k, municipality) : undefined;
  const candidates = pref ? pref.municipalities : k.prefectures.flatMap((p) => p.municipalities);
  const suggestions = closeNames(municipality, candidates);
  const where = pref ? `${pref.name}の` : '';
  errors.push({
    field: 'municipality',
    message: elsewhere
      ? `市区町村「${municipality}」は${pref!.name}ではなく${elsewhere.prefecture.name}の市区町村です。`
      : `${where}市区町村「${municipality}」が分かりません。${didYouMean(suggestions)}`,
    messageEn: elsewhere
      ? `municipality "${municipality}" is in ${elsewhere.prefecture.name}, not ${pref!.name}`
      : `unknown municipality "${municipality}"${pref ? ` in ${pref.name}` : ''}${didYouMeanEn(suggestions)}`,
    suggestions: elsewhere ? [elsewhere.name] : suggestions,
    ...(pref && pref.municipalities.length > 0 ? { accepted: pref.municipalities } : {}),
  });
  return errors;
}
