// Coverage of the five source documents: every measure listed in the knowledge
// issue is in the knowledge base, every figure cites its document, and every
// quote is really in that document.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeQuote, SEED_DIR, SEEDS_MISSING_NOTE, sourcePath } from '../../scripts/knowledge/cases';
import { knowledge, program } from '../helpers';

// program id → editions (id → track ids) that must exist.
const EXPECTED: Record<string, Record<string, string[]>> = {
  // 000 高岡市 イノベーション推進事業 ①〜⑥
  'takaoka-innovation-talent': { r6: ['side-job', 'internship-domestic', 'internship-overseas'] },
  'takaoka-carbon-neutral': { r6: ['eccj-audit', 'otasuketai-audit'] },
  'takaoka-smart-industry': { r6: ['digitization', 'digital-innovation-dx', 'digital-training'] },
  'takaoka-startup-succession': { r6: ['startup-succession', 'successor-training'] },
  'takaoka-monozukuri-stepup': {
    r6: ['new-product-technology', 'new-product-local-resources', 'new-product-carbon-neutral', 'new-product-sdgs', 'new-product-recycle', 'monozukuri-training'],
  },
  'takaoka-new-era-sales': { r6: ['trade-show-domestic', 'trade-show-overseas', 'industrial-tourism'] },
  // 001 金沢市 ものづくり産業 支援ガイド 令和7年度
  'kanazawa-new-product': { r7: ['sangaku-priority', 'sangaku-general-sme', 'sangaku-general-other', 'sangaku-basic-research', 'single', 'partnership', 'improvement'] },
  'kanazawa-monozukuri-advisor': { r7: ['dispatch'] },
  'kanazawa-overseas-market': { r7: ['expo-domestic', 'expo-overseas', 'expo-online', 'foreign-website', 'overseas-ec'] },
  'kanazawa-kagayaki-brand': { r7: ['award', 'sales-support'] },
  'kanazawa-monozukuri-reskilling': { r7: ['training-in-house', 'training-external', 'skill-test'] },
  'kanazawa-digital-reskilling': { r7: ['exam-fee-basic', 'course-basic', 'exam-fee-applied', 'course-applied'] },
  'kanazawa-foreign-staff-japanese': { r7: ['japanese-training'] },
  'kanazawa-advanced-equipment-tax': { r7: ['wage-1-5', 'wage-3'] },
  'kanazawa-equipment-interest': { r7: ['tekko-kiden', 'isico'] },
  'kanazawa-igyoshu-kenshu-kaikan': { r7: ['facility', 'monozukuri-corner'] },
  'kanazawa-monozukuri-kaikan': { r7: ['facility'] },
  'kanazawa-it-business-plaza-musashi': { r7: ['facility'] },
  'kanazawa-mirai-no-machi-sozokan': { r7: ['facility'] },
  // 002 石川県の商工会ページ and 003 中国経済産業局: national programs, one edition per document
  'national-jizokuka': { 'ippan-17': ['tsujo', 'wage-hike', 'graduation', 'successor', 'startup', 'saigai-noto'], kobo15: ['tsujo', 'wage-hike', 'graduation', 'successor', 'startup'] },
  'national-saikouchiku': { kobo13: ['growth', 'gx', 'covid-min-wage', 'sotsugyo-uwanose', 'chingin-uwanose'] },
  'shoryokuka-catalog': { 'r5-hosei': ['catalog'], '2025': ['catalog'] },
  'shoryokuka-ippan': { '2025': ['ippan', 'ippan-min-wage', 'ippan-big-wage'] },
  'national-monodukuri': { kobo19: ['kofukakachi', 'global'], kobo18: ['shoryokuka', 'kofukakachi-tsujo', 'kofukakachi-seicho', 'global'] },
  'it-donyu': {
    '2025': ['normal-1to3', 'normal-4plus', 'invoice-software', 'invoice-pc', 'invoice-register'],
    '2024': ['normal-1to3', 'normal-4plus', 'invoice-software', 'invoice-pc', 'invoice-register', 'e-transaction', 'multi-company-base', 'multi-company-admin', 'security'],
  },
  'jigyo-shokei-hikitsugi': {
    '2025': ['keiei-kakushin-sogyo', 'keiei-kakushin-kotai', 'keiei-kakushin-ma', 'senmonka-buyer', 'senmonka-seller', 'haigyo'],
    'r5-hosei': ['keiei-kakushin-sogyo', 'keiei-kakushin-kotai', 'keiei-kakushin-ma', 'senmonka-buyer', 'senmonka-seller', 'haigyo'],
  },
  'gyomu-kaizen-josei': { '2025-03': ['standard'] },
  'ishikawa-saigai-marukei': { '2025-03': ['direct', 'indirect'] },
  'ishikawa-noto-special-loan': { '2025-03': ['direct'] },
  'ishikawa-price-surge-loan': { '2025-03': ['standard'] },
  'ishikawa-noto-disaster-loan': { '2025-03': ['standard'] },
  'ishikawa-keiei-advisor': { '2025-03': ['standard'] },
  'meti-case-mobility-demo': { r6: ['commissioned-demo'] },
  'manabi-dx': { r6: ['portal'] },
  'chugoku-digital-amoeba': { r6: ['membership', 'matching'] },
  'meti-regional-core-companies': { r6: ['core-company-network', 'regional-talent-acquisition', 'sme-talent-seminars', 'digital-talent-programs'] },
  // 004 ひたちなか市 中小企業事業活性化補助金 公募要領
  'hitachinaka-business-revitalization': {
    r6: ['new-product-general', 'new-product-iot-ai', 'matching-domestic', 'matching-overseas', 'matching-website', 'skills-training', 'recruitment'],
  },
  'hitachinaka-coordinator': { r6: ['consultation'] },
};

describe('coverage of the five source documents', () => {
  it.each(Object.entries(EXPECTED))('%s is encoded with every track', (id, editions) => {
    const p = program(id);
    for (const [editionId, tracks] of Object.entries(editions)) {
      const e = p.editions.find((x) => x.id === editionId);
      expect(e, `${id} edition ${editionId}`).toBeDefined();
      expect(e!.tracks.map((t) => t.id)).toEqual(expect.arrayContaining(tracks));
    }
  });

  it('has no program the list above does not know (keep the list complete)', () => {
    expect(knowledge.programs.map((p) => p.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('counts roughly 45 programs and 90+ tracks across all editions', () => {
    const tracks = knowledge.programs.flatMap((p) => p.editions.flatMap((e) => e.tracks));
    expect(knowledge.programs.length).toBeGreaterThanOrEqual(38);
    expect(tracks.length).toBeGreaterThanOrEqual(90);
  });

  it('uses each of the five documents', () => {
    const files = new Set(knowledge.programs.flatMap((p) => p.editions.flatMap((e) => [e.source.file, ...e.tracks.map((t) => t.source.file)])));
    expect([...files].map((f) => f.slice(0, 3)).sort()).toEqual(['000', '001', '002', '003', '004']);
  });

  it('dates national programs that appear in both 002 and 003 as two editions', () => {
    for (const id of ['national-jizokuka', 'national-monodukuri', 'it-donyu', 'jigyo-shokei-hikitsugi', 'shoryokuka-catalog']) {
      const files = program(id).editions.map((e) => e.source.file.slice(0, 3)).sort();
      expect(files, id).toEqual(['002', '003']);
      const dates = program(id).editions.map((e) => e.asOf);
      expect(new Set(dates).size, id).toBe(dates.length);
    }
  });
});

const seedDir = SEED_DIR;
const seeds = existsSync(seedDir);
if (!seeds) console.warn(`coverage.test: ${SEEDS_MISSING_NOTE}`);

describe.skipIf(!seeds)(`every source quote is verbatim in its document${seeds ? '' : ' (skipped: ../shared/seeds not found)'}`, () => {
  const seeds = new Map<string, string>();
  // A seed document, or the Jグランツ record kept at promotion (sourcePath).
  const seed = (file: string) => {
    if (!seeds.has(file)) seeds.set(file, normalizeQuote(readFileSync(sourcePath(file, seedDir).path, 'utf8')));
    return seeds.get(file)!;
  };
  const sources = knowledge.programs.flatMap((p) =>
    p.editions.flatMap((e) => [
      { where: `${p.id}/${e.id}`, source: e.source },
      ...e.tracks.map((t) => ({ where: `${p.id}/${e.id}/${t.id}`, source: t.source })),
    ]),
  );
  it.each(sources)('$where', ({ source }) => {
    // Fragments of one quote taken from different cells are separated by 「…」.
    for (const fragment of source.quote.split('…').map(normalizeQuote).filter(Boolean)) {
      expect(seed(source.file), `quote fragment 「${fragment}」 not found in ${source.file}`).toContain(fragment);
    }
  });
});

// 001 (金沢市) quotes are copied character for character, without normalisation.
const KANAZAWA = '001_43386e5738d85651.txt';
it.skipIf(!seeds)('001 金沢市: every quote is in the document exactly as written', () => {
  const seed = readFileSync(join(seedDir, KANAZAWA), 'utf8');
  for (const p of knowledge.programs.filter((x) => x.id.startsWith('kanazawa-')))
    for (const e of p.editions) {
      expect(seed, `${p.id}/${e.id}`).toContain(e.source.quote);
      for (const t of e.tracks) expect(seed, `${p.id}/${t.id}`).toContain(t.source.quote);
    }
});
