// A conversation with the dialogue engine for transcript tests: send text or inputs,
// press named actions (encoded as the platforms send them back).
import { encodeAction, type Action } from '../src/dialogue/actions';
import { handleTurn } from '../src/dialogue/engine';
import type { Features } from '../src/dialogue/plan';
import type { ConversationState, Reply, TurnInput } from '../src/dialogue/types';
import { knowledge } from './helpers';

export class Transcript {
  state: ConversationState | undefined;
  /** `features`: what the channel offers (the handoff, saving), as an adapter would say. */
  constructor(
    private readonly date = '2025-05-01',
    private readonly features?: Features,
  ) {}
  send(input: TurnInput | string): Reply {
    const turn = typeof input === 'string' ? ({ kind: 'text', text: input } as const) : input;
    const { state, reply } = handleTurn({ knowledge, date: this.date, ...(this.features ? { features: this.features } : {}) }, this.state, turn);
    this.state = state;
    return reply;
  }
  /** Presses a button: the named action, encoded as the platforms send it back. */
  act(action: Action): Reply {
    return this.send({ kind: 'choice', value: encodeAction(action) });
  }
  /** Answers the refinements under an answer with 「分からない」 until none is pending. */
  skipFollowUps(reply: Reply): Reply {
    let r = reply;
    for (let i = 0; i < 8 && r.question?.id.startsWith('q:'); i++) r = this.act({ type: 'answer', question: r.question.id.slice(2), value: null });
    return r;
  }
}

export const text = (r: Reply) => r.texts.join('\n');
