// The follow-up dialogue (issue 16): 「この制度を保存」 on a card, 「新しい制度をお知らせ」
// under an answer, 「保存した制度」 with one-tap removal; every change emits the 'follow'
// effect that the storage layer copies to the notice index; nothing is offered where
// the channel cannot send later (web chat, LINE groups).
import { describe, expect, it } from 'vitest';
import { encodeAction, type Action } from '../../src/dialogue/actions';
import { handleTurn, type TurnContext } from '../../src/dialogue/engine';
import type { ConversationState, Reply, TurnInput } from '../../src/dialogue/types';
import { knowledge } from '../helpers';

const QUERY = '金沢市で製造業、従業員8人、新製品を開発したい、費用300万円';
const SINGLE = { programId: 'kanazawa-new-product', trackId: 'single' };

class Chat {
  state: ConversationState | undefined;
  constructor(readonly ctx: TurnContext) {}
  send(input: TurnInput | string): Reply {
    const r = handleTurn(this.ctx, this.state, typeof input === 'string' ? { kind: 'text', text: input } : input);
    this.state = r.state;
    return r.reply;
  }
  act(action: Action): Reply {
    return this.send({ kind: 'choice', value: encodeAction(action) });
  }
}
const withFollow = (date = '2025-06-01') => new Chat({ knowledge, date, features: { follow: true } });
const follows = (r: Reply) => (r.effects ?? []).filter((e) => e.type === 'follow').map((e) => (e.type === 'follow' ? e.follow : undefined));
const labels = (r: Reply) => r.choices.map((c) => c.label);

describe('follow-up dialogue', () => {
  it('offers 「この制度を保存」 on each card and 「新しい制度をお知らせ」 under the answer only with the feature', () => {
    const plain = new Chat({ knowledge, date: '2025-06-01' }).send(QUERY);
    expect(plain.kind).toBe('answer');
    expect(plain.cards.flatMap((c) => c.actions.map((a) => a.label))).not.toContain('この制度を保存');
    expect(labels(plain)).not.toContain('新しい制度をお知らせ');

    const r = withFollow().send(QUERY);
    const card = r.cards.find((c) => c.programId === SINGLE.programId)!;
    expect(card.actions.map((a) => a.label)).toEqual(['計算の内訳', '詳しく', '他の枠（5件）', 'この制度を保存']);
    expect(card.actions[3]).toMatchObject({ value: 'sv:kanazawa-new-product:single', subject: '新製品開発・改良促進事業' });
    for (const c of r.cards) expect(c.actions.length).toBeLessThanOrEqual(4);
    expect(labels(r)).toContain('新しい制度をお知らせ');
  });

  it('saves a track once (idempotent), with its deadline; the card then offers 保存を解除; unsave removes it', () => {
    const chat = withFollow();
    chat.send(QUERY);
    let r = chat.act({ type: 'save', ...SINGLE });
    expect(r.texts[0]).toContain('新製品開発・改良促進事業（単独企業コース）を保存しました');
    expect(r.texts[0]).toContain('2025年7月4日）の14日前と3日前');
    expect(follows(r)).toEqual([{ programs: [SINGLE], revision: 1, expires: '2025-07-01' }]);
    expect(chat.state!.follow).toEqual({ programs: [SINGLE], revision: 1, expires: '2025-07-01' });

    r = chat.act({ type: 'save', ...SINGLE });
    expect(r.texts[0]).toContain('すでに保存しています');
    // Emitted again, unchanged (the same revision): pressing again repairs an index a failed copy left behind.
    expect(follows(r)).toEqual([{ programs: [SINGLE], revision: 1, expires: '2025-07-01' }]);
    expect(chat.state!.follow!.programs).toHaveLength(1);

    r = chat.act({ type: 'command', command: 'results' });
    const card = r.cards.find((c) => c.programId === SINGLE.programId)!;
    expect(card.actions.map((a) => [a.label, a.value])).toContainEqual(['保存を解除', 'us:kanazawa-new-product:single']);

    r = chat.act({ type: 'unsave', ...SINGLE });
    expect(r.texts[0]).toContain('保存を解除しました');
    expect(follows(r)).toEqual([{ programs: [], revision: 2 }]);
    // Nothing saved; the revision stays, so the next copy still supersedes the index's.
    expect(chat.state!.follow).toEqual({ programs: [], revision: 2 });
  });

  it('is honest about time: a closed window and a window without a firm date', () => {
    const chat = withFollow();
    chat.send(QUERY);
    let r = chat.act({ type: 'save', programId: 'national-monodukuri', trackId: 'kofukakachi' });
    expect(r.texts[0]).toContain('資料の上では終了しています');
    // 金沢市 海外販路: rolling to the end of the fiscal year, inferred (no date in the document).
    r = chat.act({ type: 'save', programId: 'kanazawa-overseas-market', trackId: 'expo-domestic' });
    expect(r.texts[0]).toContain('資料に締切日が書かれていないため');
    r = chat.send('保存した制度');
    expect(r.texts[0]).toContain('受付は終了しています');
    expect(r.texts[0]).toContain('締切日は資料に書かれていません');
  });

  it('「新しい制度をお知らせ」 keeps the conditions as slots (never text); off stops it', () => {
    const chat = withFollow();
    chat.send(QUERY);
    let r = chat.act({ type: 'watch', on: true });
    expect(r.texts[0]).toContain('条件：金沢市・製造業・8人・新製品・新技術の開発・300万円');
    const [f] = follows(r);
    expect(f!.watch).toMatchObject({ prefecture: '石川県', municipality: '金沢市', industry: 'manufacturing', employees: 8, goals: ['new-product'] });
    expect(JSON.stringify(f)).not.toContain('開発したい');
    // Under the answer, now: the list instead of the offer.
    expect(labels(chat.act({ type: 'command', command: 'results' }))).toContain('保存した制度');
    r = chat.act({ type: 'watch', on: false });
    expect(r.texts[0]).toContain('停止しました');
    expect(follows(r)).toEqual([{ programs: [], revision: 2 }]);
  });

  it('「保存した制度」 (typed or the command) lists each with a removal button; 最初から keeps the settings', () => {
    const chat = withFollow();
    chat.send(QUERY);
    chat.act({ type: 'save', ...SINGLE });
    chat.act({ type: 'watch', on: true });
    chat.send('最初から');
    for (const typed of ['保存した制度', 'お知らせ設定']) {
      const r = chat.send(typed);
      expect(r.texts.join('\n')).toContain('1. 新製品開発・改良促進事業（単独企業コース）\n　締切 2025年7月4日（あと33日）');
      expect(r.texts.join('\n')).toContain('【新しい制度のお知らせ】設定中');
      expect(r.choices.map((c) => c.value)).toEqual(['us:kanazawa-new-product:single', 'w:off']);
      // Opening the list renews the settings (the same day: the same revision).
      expect(follows(r)).toEqual([expect.objectContaining({ revision: 2, expires: '2025-07-01' })]);
    }
  });

  it('without the feature: saving and watching say politely why not and change nothing; removal still works', () => {
    const chat = new Chat({ knowledge, date: '2025-06-01' });
    chat.send(QUERY);
    for (const a of [{ type: 'save', ...SINGLE }, { type: 'watch', on: true }] as Action[]) {
      const r = chat.act(a);
      expect(r.texts[0]).toContain('LINEの1対1のトーク');
      expect(follows(r)).toEqual([]);
      expect(chat.state!.follow).toBeUndefined();
    }
    expect(chat.send('保存した制度').texts[0]).toContain('保存した制度と、お知らせの設定はありません');
    // Settings from a channel that offers it (the state is the person's): removable anywhere.
    chat.state = { ...chat.state!, follow: { programs: [SINGLE] } };
    expect(follows(chat.act({ type: 'unsave', ...SINGLE }))).toEqual([{ programs: [], revision: 1 }]);
  });

  it('a removal pressed in a conversation that no longer holds the settings (expired) still emits the effect, so notices stop', () => {
    const chat = withFollow();
    expect(follows(chat.act({ type: 'unsave', ...SINGLE }))).toEqual([{ programs: [], revision: 1 }]);
    expect(follows(chat.act({ type: 'watch', on: false }))).toEqual([{ programs: [], revision: 1 }]);
  });

  it('every change increments the revision; a repeated save or watch changes nothing and emits the same copy', () => {
    const chat = withFollow();
    chat.send(QUERY);
    const revisions = [
      chat.act({ type: 'save', ...SINGLE }),
      chat.act({ type: 'save', programId: 'national-monodukuri', trackId: 'kofukakachi' }),
      chat.act({ type: 'save', ...SINGLE }),
      chat.act({ type: 'watch', on: true }),
      chat.act({ type: 'watch', on: true }),
      chat.act({ type: 'unsave', ...SINGLE }),
    ].map((r) => follows(r)[0]!.revision);
    expect(revisions).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it('the settings last 30 days after the last follow action, said on saving; then the list is empty and a save starts afresh (a higher revision)', () => {
    const chat = withFollow('2025-06-01');
    chat.send(QUERY);
    const saved = chat.act({ type: 'save', ...SINGLE });
    expect(saved.texts.join('\n')).toContain('お知らせは2025年6月30日までお送りします（保存・解除や「保存した制度」の確認をした日から30日間');
    // The day before the expiry: still listed, and opening the list renews it.
    const on30 = new Chat({ knowledge, date: '2025-06-30', features: { follow: true } });
    on30.state = structuredClone(chat.state);
    expect(follows(on30.send('保存した制度'))).toEqual([{ programs: [SINGLE], revision: 2, expires: '2025-07-30' }]);
    // Without that: expired on 2025-07-01, here as in the index (the same date).
    const later = new Chat({ knowledge, date: '2025-07-01', features: { follow: true } });
    later.state = structuredClone(chat.state);
    const list = later.send('保存した制度');
    expect(list.texts[0]).toContain('保存した制度と、お知らせの設定はありません');
    expect(follows(list)).toEqual([]);
    const other = { programId: 'national-monodukuri', trackId: 'kofukakachi' };
    expect(follows(later.act({ type: 'save', ...other }))).toEqual([{ programs: [other], revision: 2, expires: '2025-07-31' }]);
  });

  it('watching needs an answer first; an unknown track is not saved', () => {
    const chat = withFollow();
    expect(chat.act({ type: 'watch', on: true }).texts[0]).toContain('先に条件');
    expect(chat.act({ type: 'save', programId: 'no-such-program', trackId: 'x' }).texts[0]).toContain('見つかりませんでした');
    expect(chat.state!.follow).toBeUndefined();
  });
});
