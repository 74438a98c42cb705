// Transcript tests of issue 12's failures, as a business owner would type them:
// the first reply answers, the right program comes first, every fact is kept.
import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/dialogue/actions';
import { handleTurn } from '../../src/dialogue/engine';
import { migrateState, type ConversationState, type Reply, type TurnInput } from '../../src/dialogue/types';
import { knowledge } from '../helpers';
import { text, Transcript } from '../transcript';

const cardOf = (r: Reply, programId: string) => r.cards.find((c) => c.programId === programId);

describe('answer first', () => {
  it('a complete message gets the answer in the same turn, 海外販路開拓支援事業 first, questions under it', () => {
    const t = new Transcript();
    const r = t.send('金沢市で製造業をしています。従業員は8人です。海外の見本市に出展したいです。費用は300万円くらいです。');
    expect(r.kind).toBe('answer');
    expect(r.cards[0]!.programId).toBe('kanazawa-overseas-market');
    expect(r.cards[0]!.trackId).toBe('expo-overseas');
    // 3,000,000 × 1/2 = 1,500,000 → 上限 1,000,000.
    expect(r.cards[0]!.headline).toBe('補助額の目安 1,000,000円');
    expect(r.cards[0]!.reason).toContain('展示会・見本市への出展');
    // The three yes/no questions are refinements under the answer, each saying what it changes.
    expect(text(r)).toContain('インボイス発行事業者');
    expect(text(r)).toMatch(/はい（転換する・した） → 小規模事業者持続化補助金 補助額 \+500,000円/);
    expect(r.question?.id).toMatch(/^q:/);
  });

  it('one card per program: the five 持続化補助金 tracks are one card with the others on one line', () => {
    const t = new Transcript();
    const r = t.send('金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円');
    const jizokuka = r.cards.filter((c) => c.programId === 'national-jizokuka');
    expect(jizokuka).toHaveLength(1);
    expect(jizokuka[0]!.otherTracks).toMatch(/^他の枠：/);
    expect(new Set(r.cards.map((c) => c.programId)).size).toBe(r.cards.length);
    expect(jizokuka[0]!.actions.map((a) => a.value)).toContain(encodeAction({ type: 'tracks', programId: 'national-jizokuka' }));
  });

  it('pressing a refinement updates the answer (インボイス転換 → 上限 +50万円)', () => {
    const t = new Transcript();
    t.send('金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円');
    expect(cardOf(t.send('結果'), 'national-jizokuka')!.headline).toBe('補助額の目安 500,000円（要確認）');
    const r = t.act({ type: 'answer', question: 'invoice_conversion', value: 'yes' });
    expect(r.kind).toBe('answer');
    expect(cardOf(r, 'national-jizokuka')!.headline).toBe('補助額の目安 1,000,000円');
  });

  it('without an expense the answer shows rates and caps and asks the expense as a refinement', () => {
    const t = new Transcript();
    const r = t.send('高岡市で製造業、従業員20人、展示会に出たい');
    expect(r.kind).toBe('answer');
    expect(r.question?.id).toBe('expense');
    expect(cardOf(r, 'takaoka-new-era-sales')!.headline).toBe('補助率 1/2／上限 30万円');
  });
});

describe('the right program first', () => {
  it('技能検定: ものづくり企業リスキリング支援事業 (技能検定受検支援) first; 機械部品 is not a goal', () => {
    const t = new Transcript();
    const r = t.send('金沢市で機械部品の製造業、従業員45人。社員に技能検定を受けさせたい。受検料は1人3万円です');
    expect(t.state!.slots.goals).toEqual(['skill-test']);
    expect(t.state!.slots.employees).toBe(45);
    expect(r.kind).toBe('answer');
    expect(r.cards[0]).toMatchObject({ programId: 'kanazawa-monozukuri-reskilling', trackId: 'skill-test' });
    expect(r.cards.some((c) => c.programId === 'shoryokuka-catalog')).toBe(false);
    // Persons unknown: computed for one person, and said to be 要確認.
    expect(r.cards[0]!.headline).toBe('補助額の目安 10,000円（要確認）');
    expect(r.cards[0]!.fields.find((f) => f.label === '要確認')!.value).toContain('対象人数');
  });

  it('インボイス対応 does not bring ものづくり補助金 グローバル枠 (no drift up and down the goals)', () => {
    const t = new Transcript();
    const r = t.send('金沢市で小売業、従業員3人。インボイス対応のレジを入れたい。費用30万円');
    expect(r.cards.some((c) => c.programId === 'national-monodukuri')).toBe(false);
    expect(r.cards[0]!.programId).toBe('it-donyu');
  });
});

describe('facts are kept', () => {
  it('「3人」 typed while another question is pending never changes the headcount', () => {
    const t = new Transcript();
    const r = t.send('金沢市で機械部品の製造業、従業員45人。社員に技能検定を受けさせたい。受検料は1人3万円です');
    expect(r.question?.id).not.toBe('employees');
    const after = t.send('3人');
    expect(t.state!.slots.employees).toBe(45);
    // 「3人」 answers 対象人数: 3 × 30,000 = 90,000 × 1/2 = 45,000 → 上限 1万円 × 3 = 30,000.
    expect(t.state!.slots.answers.persons).toBe(3);
    expect(after.cards[0]!.headline).toBe('補助額の目安 30,000円');
  });

  it('「3人」 while a yes/no question is pending is not read as anything: the question is repeated', () => {
    const t = new Transcript();
    t.send('金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円');
    const pending = t.state!.step;
    expect(pending).toMatch(/^q:/);
    const r = t.send('3人');
    expect(t.state!.slots.employees).toBe(8);
    expect(t.state!.step).toBe(pending);
    expect(r.question?.id).toBe(pending);
  });

  it('a fact in the first message is not asked again (インボイス転換済み, 人件費)', () => {
    const t = new Transcript();
    const r = t.send('金沢市で製造業、従業員8人、インボイス発行事業者に転換済みです。展示会に出たい。費用は300万円');
    expect(t.state!.slots.answers.invoice_conversion).toBe('yes');
    expect(t.state!.slots.goals).toEqual(['trade-show']);
    expect(text(r)).not.toContain('インボイス発行事業者）に転換しますか');
    expect(cardOf(r, 'national-jizokuka')!.headline).toBe('補助額の目安 1,000,000円');

    const h = new Transcript();
    const r2 = h.send('ひたちなか市で情報サービス業、従業員10人。IoTを使った新製品を開発したい。費用300万円、うち人件費100万円');
    expect(h.state!.slots.answers.hitachinaka_personnel_cost_yen).toBe(1_000_000);
    expect(text(r2)).not.toContain('人件費はいくら');
  });

  it('a changed slot is confirmed', () => {
    const t = new Transcript();
    t.send('高岡市で製造業、従業員8人、展示会に出たい、費用100万円');
    const r = t.send('従業員は30人に変更');
    expect(text(r)).toContain('従業員数を「30人」に変更しました');
    expect(t.state!.slots.employees).toBe(30);
  });

  it('「締め切りはいつ？」 while a question is pending is answered, and the question is repeated', () => {
    const t = new Transcript();
    t.send('高岡市で製造業');
    const r = t.send('締め切りはいつ？');
    expect(r.kind).toBe('info');
    expect(text(r)).toContain('制度ごとに異なります');
    expect(r.question?.id).toBe('employees');
    expect(t.state!.slots.employees).toBeUndefined();
  });

  it('「締め切りはいつ？」 after the answer lists the statuses of the programs shown', () => {
    const t = new Transcript();
    t.send('高岡市で製造業、従業員8人、展示会に出たい、費用100万円');
    const r = t.send('締め切りはいつ？');
    expect(text(r)).toMatch(/新時代販路開拓事業支援補助金（見本市等展示事業（国内出展））：受付終了/);
  });
});

describe('several expenses', () => {
  it('「展示会50万、HP16万」 go to their tracks, and the combined claim is shown (250,000 + 80,000 → 300,000)', () => {
    const t = new Transcript();
    const r = t.send('ひたちなか市で製造業20人。国内の展示会出展とホームページのリニューアル。展示会50万、HP16万');
    expect(t.state!.slots.expenses).toEqual([
      { yen: 500_000, goal: 'trade-show', label: '展示会' },
      { yen: 160_000, goal: 'website', label: 'HP' },
    ]);
    const card = r.cards[0]!;
    expect(card.programId).toBe('hitachinaka-business-revitalization');
    expect(card.trackId).toBe('matching-domestic+matching-website');
    expect(card.headline).toBe('補助額の目安 300,000円');
    expect(card.working.join('\n')).toContain('合計：330,000円');
    expect(card.otherTracks).toContain('ビジネスマッチング事業（自社ホームページ新規作成・リニューアル） 80,000円');
  });

  it('「設備に300万、研修に20万」: each amount only where its purpose belongs', () => {
    const t = new Transcript();
    const r = t.send('ひたちなか市で製造業20人。設備に300万、研修に20万');
    expect(t.state!.slots.expenses).toEqual([
      { yen: 3_000_000, goal: 'equipment-it', label: expect.any(String) },
      { yen: 200_000, goal: 'training', label: expect.any(String) },
    ]);
    // 技能訓練: 200,000 × 1/2 = 100,000 — never computed from the 300万 for equipment.
    const hitachinaka = cardOf(r, 'hitachinaka-business-revitalization')!;
    expect(hitachinaka.trackId).toBe('skills-training');
    expect(hitachinaka.headline).toBe('補助額の目安 100,000円');
    // 「設備に300万」 is not spent on a narrower track (IT導入 software): rates and caps only, no guess.
    const it = cardOf(r, 'it-donyu');
    if (it) expect(it.headline).toMatch(/^補助率 /);
    expect(text(r)).not.toContain('2,083,333円');
  });

  it('a hardware track is not computed from a budget stated for something else (レジ → not PC, not software)', () => {
    const t = new Transcript();
    const r = t.send('金沢市で小売業、従業員3人。インボイス対応のレジを入れたい。費用30万円');
    const it = cardOf(r, 'it-donyu')!;
    expect(it.subtitle).toContain('レジ・券売機等');
    // 300,000 × 1/2 = 150,000 (上限 20万円).
    expect(it.headline).toBe('補助額の目安 150,000円');
    expect(it.otherTracks).toContain('PC・タブレット等');
    expect(it.otherTracks).not.toMatch(/PC・タブレット等 \d/);
  });

  it('amounts whose purpose cannot be told apart are asked about', () => {
    const t = new Transcript();
    const r = t.send('高岡市で製造業、従業員8人、展示会に出たい。100万と50万');
    expect(text(r)).toContain('どの金額が何の経費か');
    expect(r.question?.id).toBe('expense');
  });
});

describe('actions', () => {
  it.each(['ch:nonsense', 'd:', 'c:x', 's:exp:-3000000', 's:emp:1e9', 'a:__proto__', 'x:y:z', ''])('the value 「%s」 gets a polite reply and the question again, no exception', (value) => {
    const t = new Transcript();
    t.send('高岡市で製造業');
    const before = structuredClone(t.state);
    const r = t.send({ kind: 'choice', value });
    expect(r.kind).toBe('fallback');
    expect(r.question?.id).toBe('employees');
    expect(t.state!.slots).toEqual(before!.slots);
  });

  it('a municipality or goal the knowledge base does not have is refused', () => {
    const t = new Transcript();
    t.send({ kind: 'start' });
    t.act({ type: 'region', prefecture: '富山県', municipality: '存在しない市' });
    expect(t.state!.slots.prefecture).toBeUndefined();
  });
});

describe('stored state', () => {
  it('version 1 state is migrated, not dropped', () => {
    const v1 = { version: 1, slots: { prefecture: '富山県', municipality: '高岡市', answers: {} }, step: 'industry', asked: [], history: [], lastResults: [] };
    const state = migrateState(JSON.parse(JSON.stringify(v1)))!;
    expect(state).toMatchObject({ version: 2, answered: false, offered: [], slots: { municipality: '高岡市' } });
    const { reply } = handleTurn({ knowledge, date: '2025-05-01' }, state, { kind: 'text', text: '製造業' });
    expect(reply.question?.id).toBe('employees');
  });

  it('unknown versions and shapes are not taken for state', () => {
    expect(migrateState({ version: 99, slots: {}, step: 'region' })).toBeUndefined();
    expect(migrateState(null)).toBeUndefined();
    expect(migrateState({ version: 2 })).toBeUndefined();
  });
});

describe('found by trying the bot as owners would', () => {
  it('「はい」 while a multiple-choice question is pending never answers another question', () => {
    const t = new Transcript();
    t.send('輪島市 旅館 10人 地震 建物全壊 復旧資金');
    expect(t.state!.slots.answers.ishikawa_noto_damage).toBe('direct');
    expect(t.state!.step).toBe('q:ishikawa_noto_loan_basis');
    const r = t.send('はい');
    expect(t.state!.slots.answers.ishikawa_price_surge_decline).toBeUndefined();
    expect(r.question?.id).toBe('q:ishikawa_noto_loan_basis');
  });

  it.each([
    ['金沢市 製造業 12人 社外研修 受講料1人5万円、3人', 12],
    ['金沢で印刷業やってます、従業員12人。社外研修の受講料1人5万円で3人行かせる予定', 12],
  ])('「%s」: 3 persons, headcount %i', (message, employees) => {
    const t = new Transcript();
    const r = t.send(message);
    expect(t.state!.slots.employees).toBe(employees);
    expect(t.state!.slots.answers.persons).toBe(3);
    // 社外研修: 3 × 50,000 = 150,000 × 2/3 (小規模) = 100,000 → 上限 10万円; never a made-up 同時申請.
    const reskilling = cardOf(r, 'kanazawa-monozukuri-reskilling')!;
    expect(reskilling.trackId).toBe('training-external');
    expect(reskilling.headline).toBe('補助額の目安 100,000円');
    expect(r.cards.every((c) => !c.subtitle.includes('同時申請'))).toBe(true);
  });

  it('「免税事業者なんですがインボイス登録するつもりです」 is the インボイス特例, not asked again', () => {
    const t = new Transcript();
    const r = t.send('高岡市で小売業3人、ホームページを作りたい。費用60万円。免税事業者なんですがインボイス登録するつもりです');
    expect(t.state!.slots.answers.invoice_conversion).toBe('yes');
    expect(t.state!.slots.goals).toEqual(['website']);
    expect(r.texts.join('\n')).not.toContain('転換しますか');
  });

  it('after the answer a new purpose adds to the goals; 「やっぱり」 replaces them', () => {
    const t = new Transcript();
    t.send('高岡市で製造業10人、親から事業承継したい');
    const r = t.send('継いだあと設備更新に500万くらい');
    expect(t.state!.slots.goals).toEqual(expect.arrayContaining(['business-succession', 'equipment-it']));
    expect(r.cards.some((c) => c.programId === 'jigyo-shokei-hikitsugi')).toBe(true);
    t.send('やっぱり展示会');
    expect(t.state!.slots.goals).toEqual(['trade-show']);
  });

  it('「自己負担はいくら？」 after the answer gives each program its amount and 自己負担', () => {
    const t = new Transcript();
    t.send('金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円');
    const r = t.send('自己負担はいくら？');
    expect(r.kind).toBe('info');
    expect(text(r)).toContain('海外販路開拓支援事業（見本市等出展（海外開催の見本市等））：補助額の目安 1,000,000円、自己負担 2,000,000円');
    expect(t.state!.slots.expenseYen).toBe(3_000_000);
  });

  it.each(['従業員はいません', '従業員なし', '一人でやっています'])('「%s」 is 0 employees', (said) => {
    const t = new Transcript();
    t.send('高岡市で小売業');
    t.send(said);
    expect(t.state!.slots.employees).toBe(0);
  });

  it('a move is confirmed once, as 所在地', () => {
    const t = new Transcript();
    t.send('金沢市で製造業、従業員8人、展示会に出たい、費用100万円');
    const r = t.send('やっぱりひたちなか市');
    expect(text(r)).toContain('所在地を「茨城県ひたちなか市」に変更しました');
    expect(text(r)).not.toContain('市区町村を');
  });
});

describe('changing the plan after the answer', () => {
  it('「展示会はやめてHPだけにします」 drops the exhibition and its amount, and says so in one message', () => {
    const t = new Transcript();
    t.send('ひたちなか市で製造業20人。国内の展示会出展とホームページのリニューアル。展示会50万、HP16万');
    const r = t.send('展示会はやめてHPだけにします');
    expect(t.state!.slots.goals).toEqual(['website']);
    expect(t.state!.slots.expenses).toEqual([{ yen: 160_000, goal: 'website', label: 'HP' }]);
    expect(r.texts[0]).toContain('目的を「自社ホームページの作成・改修」に変更しました。\n予定経費を「HP 160,000円（税抜）」に変更しました。');
    // ホームページ 160,000 × 1/2 = 80,000.
    expect(cardOf(r, 'hitachinaka-business-revitalization')!.headline).toBe('補助額の目安 80,000円');
  });

  it.each([
    ['こんにちは', 'こんにちは'],
    ['ありがとうございました！', 'どういたしまして'],
  ])('「%s」 gets a word back and the pending question', (said, word) => {
    const t = new Transcript();
    t.send('高岡市で製造業');
    const r = t.send(said);
    expect(r.texts[0]).toContain(word);
    expect(r.question?.id).toBe('employees');
  });
});

describe('found in the second round of trying the bot', () => {
  it('a trade show in 台北 is overseas: 高岡市 国外出展 first (150万 × 3/4 = 112.5万 → 上限 100万)', () => {
    const t = new Transcript();
    const r = t.send('高岡市で製造業15人。台湾の台北で開かれる見本市に出たい。150万円');
    expect(t.state!.slots.goals).toEqual(expect.arrayContaining(['trade-show', 'overseas']));
    expect(r.cards[0]).toMatchObject({ programId: 'takaoka-new-era-sales', trackId: 'trade-show-overseas', headline: '補助額の目安 1,000,000円' });
  });

  it('「会計ソフト80万、PC45万」: the PC amount goes to the PC track only (45万 × 1/2 → 上限 10万)', () => {
    const t = new Transcript();
    const r = t.send('金沢市で小売業3人、インボイス対応で会計ソフト80万、PC45万');
    const it = cardOf(r, 'it-donyu')!;
    expect(it.subtitle).toContain('ITツール');
    expect(it.working.join('\n')).toContain('800,000円');
    expect(it.working.join('\n')).not.toContain('1,250,000円');
    expect(it.otherTracks).toContain('PC・タブレット等 100,000円');
  });

  it('「省力化設備を2,000万円」 is for 省力化, so 省力化投資補助金 is computed', () => {
    const t = new Transcript();
    t.send('石川県小松市で製造業60人、省力化設備を2,000万円で入れたい');
    expect(t.state!.slots.expenses).toEqual([{ yen: 20_000_000, goal: 'labor-saving', label: '省力化設備' }]);
    expect(cardOf(t.send('結果'), 'shoryokuka-ippan')!.headline).toMatch(/^補助額の目安 /);
  });

  it('typing the button label 「3億円超」 is more than 3億円: a large manufacturer stays large', () => {
    const t = new Transcript();
    t.send('東京都で製造業、従業員500人');
    t.send('3億円超');
    expect(t.state!.slots.capitalYen).toBe(300_000_001);
  });

  it('「戻る」 after a message that filled several slots goes back one question, not the whole message', () => {
    const t = new Transcript();
    t.send('広島県の建設会社、従業員18人');
    const r = t.send('戻る');
    expect(t.state!.slots).toMatchObject({ prefecture: '広島県', industry: 'construction' });
    expect(t.state!.slots.employees).toBeUndefined();
    expect(r.question?.id).toBe('employees');
  });

  it('「どこに相談すればいい？」 lists the contacts and repeats the question; it is not a new goal', () => {
    const t = new Transcript();
    t.send('金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円');
    const goals = t.state!.slots.goals;
    const r = t.send('どこに相談すればいい？');
    expect(text(r)).toContain('海外販路開拓支援事業：金沢市 産業政策課 TEL 076-220-2204');
    expect(t.state!.slots.goals).toEqual(goals);
  });

  it('a refinement that would only move the card to another track does not claim 「対象」 for the program', () => {
    const t = new Transcript();
    const r = t.send('高岡市で小売業3人、創業したばかり。チラシを作りたい。費用60万円');
    expect(text(r)).not.toMatch(/いいえ[^\n]*→ 小規模事業者持続化補助金が「対象」に/);
  });
});

describe('found in the third round of trying the bot (at 2026-11-24)', () => {
  it('「東京ビッグサイトの展示会」 does not move a 高岡市 business to 東京都', () => {
    const t = new Transcript();
    const r = t.send('高岡市で金属加工やってて社員18人です。東京ビッグサイトの展示会に出たくて、出展料80万くらい');
    expect(t.state!.slots).toMatchObject({ prefecture: '富山県', municipality: '高岡市' });
    // 800,000 × 1/2 = 400,000 → 上限 300,000.
    expect(r.cards[0]).toMatchObject({ programId: 'takaoka-new-era-sales', headline: '補助額の目安 300,000円' });
    t.send('東京の展示会にも出たい');
    expect(t.state!.slots.prefecture).toBe('富山県');
  });

  it('金沢 新製品の試作開発: 単独企業コース first (3,000,000 × 2/3 = 2,000,000 → 上限 200万), not a 産学連携 course', () => {
    const t = new Transcript();
    const r = t.send('金沢市で食品製造、社員5人。新製品の試作開発をしたい。費用300万');
    expect(t.state!.slots.goals).toEqual(['new-product']);
    expect(r.cards[0]).toMatchObject({ programId: 'kanazawa-new-product', trackId: 'single' });
    expect(r.cards[0]!.headline).toContain('2,000,000円');
  });

  it('「省エネ診断も受けたいんだけど」 adds the goal; 「だけど」 is not 「だけ」', () => {
    const t = new Transcript('2026-11-24');
    t.send('高岡市で小売業3人。ホームページを作りたい。費用60万');
    t.send('省エネ診断も受けたいんだけどそれも補助ある？');
    expect(t.state!.slots.goals).toEqual(['website', 'energy-saving']);
  });

  it('a later expense for another purpose keeps the per-person cost (技能検定 1人2万円 × 6人 = 60,000円 stays)', () => {
    const t = new Transcript();
    t.send('金沢市で製造業40人。社員に技能検定を受けさせたい。受検料1人2万円で6人');
    const r = t.send('あと海外の展示会にも出たい。台湾のやつで150万');
    expect(t.state!.slots).toMatchObject({ perPersonYen: 20_000, perPersonGoal: 'skill-test', expenses: [{ yen: 1_500_000, goal: 'overseas' }] });
    expect(cardOf(r, 'kanazawa-monozukuri-reskilling')!.headline).toBe('補助額の目安 60,000円');
    expect(cardOf(r, 'kanazawa-overseas-market')!.headline).toBe('補助額の目安 750,000円');
  });

  it('「経費200万」 after two purposes is a total, not the last purpose\'s cost', () => {
    const t = new Transcript();
    t.send('ひたちなか市 製造業 従業員12名 新製品開発と展示会出展 経費200万');
    expect(t.state!.slots.expenseYen).toBe(2_000_000);
    expect(t.state!.slots.expenses).toBeUndefined();
  });

  it('「女性で35歳、一人でやります」: the 高岡 創業 priority is a fact, and there are no employees', () => {
    const t = new Transcript();
    t.send('高岡市で小売業を創業したい。女性で35歳、一人でやります。開業資金120万');
    expect(t.state!.slots.answers.takaoka_founder_priority).toBe('yes');
    expect(t.state!.slots.employees).toBe(0);
  });

  it('「３０まん」 is 300,000円; 「3億円超」 is said back as 3億円超', () => {
    const t = new Transcript();
    t.send('金沢市で飲食店3人、ホームページ作りたい ３０まん');
    expect(t.state!.slots.expenses ?? t.state!.slots.expenseYen).toBeTruthy();
    const big = new Transcript();
    big.send('ひたちなか市で卸売業、従業員500人、採用');
    const r = big.send('3億円超');
    expect(text(r)).toContain('資本金：300,000,000円超');
  });
});

describe('answers that belong to another place', () => {
  it('after moving from 金沢市 to ひたちなか市, 「金沢市内に1年以上」 is dropped and not listed', () => {
    const t = new Transcript();
    t.send('金沢市で製造業をしています。従業員は8人です。海外の見本市に出展したいです。費用は300万円くらいです。');
    t.act({ type: 'answer', question: 'kanazawa_one_year', value: 'yes' });
    expect(t.state!.slots.answers.kanazawa_one_year).toBe('yes');
    const r = t.send('やっぱりひたちなか市。国内の展示会とホームページのリニューアル。展示会50万、HP16万');
    expect(t.state!.slots.answers.kanazawa_one_year).toBeUndefined();
    expect(text(r)).not.toContain('金沢市内に1年以上');
  });

  it('「台湾の展示会」 for a 金沢市 business does not keep the 高岡市-only question as answered', () => {
    const t = new Transcript();
    t.send('金沢市で製造業40人。台湾の展示会に出たい。150万');
    expect(t.state!.slots.answers.takaoka_expo_us_midwest_taipei).toBeUndefined();
  });
});

describe('statuses known only from old wording, on the card', () => {
  it('a 随時 status from the document\'s wording is coloured as 未定 (not as open), and 「詳しく」 dates its information as 「…頃」', () => {
    const t = new Transcript('2026-11-24');
    const r = t.send('石川県小松市で飲食店、従業員6人、資金繰りに困っている');
    const worded = r.cards.find((c) => c.statusLabel.includes('資料時点'));
    expect(worded).toBeDefined();
    expect(worded!.statusCode).toBe('tbd');
    const d = t.act({ type: 'detail', programId: worded!.programId, trackId: worded!.trackId });
    expect(d.texts.join('\n')).toMatch(/\d{4}年\d{1,2}月頃時点の情報/);
    expect(d.texts.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}時点の情報/);
  });
});
