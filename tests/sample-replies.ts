// Replies a real conversation produces (greeting, every question, the answer with
// its cards, details, help, a free question, stickers, long input, deletion) plus
// synthetic extremes: what the platform renderers must fit into their limits.
import { encodeAction } from '../src/dialogue/actions';
import { handleTurn } from '../src/dialogue/engine';
import type { ConversationState, Reply, TurnInput } from '../src/dialogue/types';
import { knowledge } from './helpers';

export function sampleReplies(): Reply[] {
  const out: Reply[] = [];
  let state: ConversationState | undefined;
  const send = (input: TurnInput) => {
    const r = handleTurn({ knowledge, date: '2024-05-01' }, state, input);
    state = r.state;
    out.push(r.reply);
    return r.reply;
  };
  send({ kind: 'start' });
  send({ kind: 'text', text: '富山県' });
  send({ kind: 'text', text: 'その他' });
  send({ kind: 'text', text: '製造業' });
  send({ kind: 'text', text: '20人' });
  send({ kind: 'text', text: '特に決めていない' });
  let r = send({ kind: 'text', text: '1,000万円' });
  for (let i = 0; i < 5 && r.question?.id.startsWith('q:'); i++) r = send({ kind: 'choice', value: encodeAction({ type: 'answer', question: r.question.id.slice(2), value: null }) });
  send({ kind: 'text', text: '1番の内訳' });
  send({ kind: 'text', text: '2番を詳しく' });
  send({ kind: 'text', text: 'ヘルプ' });
  send({ kind: 'text', text: 'IT導入補助金の補助率は？' });
  send({ kind: 'unsupported', what: 'sticker' });
  send({ kind: 'text', text: '🎉'.repeat(2600) });
  // The last answer: the one computed with the expense.
  const answer = [...out].reverse().find((x) => x.kind === 'answer');
  if (!answer) throw new Error('the sample conversation did not reach an answer');
  send({ kind: 'text', text: 'データを削除' });
  send({ kind: 'choice', value: encodeAction({ type: 'delete', confirmed: true }) });
  out.push({
    kind: 'info',
    texts: ['あ'.repeat(7000), '𠮷'.repeat(3000), 'い'.repeat(4999), '<script>&'],
    cards: [],
    choices: Array.from({ length: 40 }, (_, i) => ({ label: `とても長い選択肢のラベル その${i}`.repeat(4), value: `s:x:${'v'.repeat(3000)}` })),
  });
  out.push({ ...answer, cards: Array.from({ length: 30 }, (_, i) => answer.cards[i % answer.cards.length]!), texts: [...answer.texts, 'う'.repeat(9000)] });
  // Cards with every text at its longest: 12 such bubbles would be far over LINE's 50 KB per carousel.
  const long = (n: number) => '長い説明の文章'.repeat(n);
  const fat = answer.cards.map((c) => ({ ...c, title: long(100), subtitle: long(100), issuer: long(100), headline: long(100), source: long(100), fields: c.fields.map((f) => ({ label: long(100), value: long(100) })), working: c.working.map(() => long(100)) }));
  out.push({ ...answer, cards: Array.from({ length: 12 }, (_, i) => fat[i % fat.length]!) });
  return out;
}
