// The conversation store in memory, for the Bolt Socket Mode runner on Node: the same
// contract as the Durable Object (one turn at a time per key, events once, 30 days of
// silence forgets; a deletion covers every conversation of the person, and the event
// ids outlive it, so a redelivery stays a duplicate), lost on restart.
import type { Knowledge } from '../core/knowledge/types';
import { todayJst } from '../core/status';
import { handleTurn } from '../dialogue/engine';
import type { ConversationState } from '../dialogue/types';
import { EXPIRY_MS } from './expiry';
import type { Slots } from '../dialogue/types';
import { MAX_RECENT } from '../dialogue/recent';
import type { ConversationStore, ForgetOptions, RecentQuery, TurnOutcome } from './store';

const MAX_EVENT_IDS = 1000;

export class MemoryConversationStore implements ConversationStore {
  private readonly states = new Map<string, { state: ConversationState; at: number }>();
  private readonly seen = new Set<string>();
  /** person → the keys of their conversations (registered on a conversation's first turn). */
  private readonly people = new Map<string, Set<string>>();
  /** person → their remembered queries (slots only), newest first; deleted with the person. */
  private readonly recent = new Map<string, RecentQuery[]>();

  constructor(
    private readonly knowledge: Knowledge,
    private readonly now: () => number = Date.now,
  ) {}

  async turn(key: string, input: Parameters<ConversationStore['turn']>[1], opts: Parameters<ConversationStore['turn']>[2]): Promise<TurnOutcome> {
    if (opts.eventId) {
      if (this.seen.has(opts.eventId)) return { duplicate: true };
      this.seen.add(opts.eventId);
      if (this.seen.size > MAX_EVENT_IDS) this.seen.delete(this.seen.values().next().value!);
    }
    const stored = this.states.get(key);
    if (!stored && opts.person) {
      const keys = this.people.get(opts.person) ?? new Set<string>();
      this.people.set(opts.person, keys.add(key));
    }
    const previous = stored && this.now() - stored.at < EXPIRY_MS ? stored.state : undefined;
    const { state, reply } = handleTurn({ knowledge: this.knowledge, date: opts.date ?? todayJst(new Date(this.now())), ...(opts.features ? { features: opts.features } : {}) }, previous, input);
    if (reply.forget) this.states.delete(key);
    else this.states.set(key, { state, at: this.now() });
    return reply.kind === 'answer' ? { duplicate: false, reply, slots: state.slots } : { duplicate: false, reply };
  }

  async forget(key: string, _opts?: ForgetOptions): Promise<void> {
    this.states.delete(key);
  }

  async forgetPerson(person: string, _opts?: ForgetOptions): Promise<void> {
    for (const key of this.people.get(person) ?? []) this.states.delete(key);
    this.people.delete(person);
    this.recent.delete(person);
  }

  async rememberQuery(person: string, query: { id: string; slots: Slots }): Promise<void> {
    // Kept only beside a conversation of the person, like the registry on Workers.
    if (!this.people.get(person)?.size) return;
    const rest = (this.recent.get(person) ?? []).filter((q) => q.id !== query.id);
    this.recent.set(person, [{ id: query.id, slots: query.slots, at: this.now() }, ...rest].slice(0, MAX_RECENT));
  }

  async recentQueries(person: string): Promise<RecentQuery[]> {
    // Expired with the conversations: 30 days after the query.
    return (this.recent.get(person) ?? []).filter((q) => this.now() - q.at < EXPIRY_MS);
  }

  /** The stored state (tests). */
  get(key: string): ConversationState | undefined {
    return this.states.get(key)?.state;
  }
}
