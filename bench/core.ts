// Core benchmark: full dialogue turns that end in an answer over the whole knowledge
// base (parse the message, match, compute amounts, render for LINE). Prints figures;
// asserts nothing.
import { renderLine } from '../adapters/line/render';
import { handleTurn } from '../src/dialogue/engine';
import type { ConversationState } from '../src/dialogue/types';
import type { Knowledge } from '../src/core/knowledge/types';

const MESSAGES = [
  '金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円くらい',
  '高岡市で製造業、従業員20人、展示会に出たい、費用100万円',
  'ひたちなか市で情報サービス業、従業員12人、新製品の開発、費用500万円',
  '東京都で小売業、従業員4人、IT導入したい、費用80万円',
  '石川県小松市で飲食店、従業員6人、資金繰り、費用200万円',
];

/**
 * The state after a complete first message: the answer has been shown, with its
 * refinements pending, so the next text is a whole turn (parse, match, amounts, the
 * refinements' effects, cards).
 */
function answeredState(k: Knowledge, message: string): ConversationState {
  const { state, reply } = handleTurn({ knowledge: k, date: '2025-05-01' }, undefined, { kind: 'text', text: message });
  if (reply.kind !== 'answer') throw new Error(`no answer for ${message}`);
  return state;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface TurnFigures {
  turns: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
}

function figures(times: number[]): TurnFigures {
  const sorted = [...times].sort((a, b) => a - b);
  return { turns: times.length, medianMs: percentile(sorted, 50), p99Ms: percentile(sorted, 99), meanMs: times.reduce((a, b) => a + b, 0) / times.length };
}

/**
 * `warming`: the first 1,000 turns of a fresh process (V8 is still compiling the hot
 * functions); `steady`: the next `turns` turns, as in an isolate that has served a while.
 */
export function benchCore(k: Knowledge, turns = 5000): { warming: TurnFigures; steady: TurnFigures } {
  const states = MESSAGES.map((m) => answeredState(k, m));
  // 「費用は…に変更」 re-answers with every slot filled: parse + match + amounts + render.
  const inputs = MESSAGES.map((_, i) => ({ kind: 'text' as const, text: `費用は${100 + i * 50}万円に変更` }));
  const times: number[] = [];
  for (let i = 0; i < 1000 + turns; i++) {
    const t0 = performance.now();
    const { reply } = handleTurn({ knowledge: k, date: '2025-05-01' }, states[i % 5], inputs[i % 5]!);
    renderLine(reply);
    times.push(performance.now() - t0);
    if (reply.kind !== 'answer') throw new Error('turn did not end in an answer');
  }
  return { warming: figures(times.slice(0, 1000)), steady: figures(times.slice(1000)) };
}
