// Issue 15, the Slack renderer's types: Block Kit payloads typed against @slack/types
// (KnownBlock, HomeView; the types @slack/bolt uses). The rendered JSON of real
// conversations is type-checked by the TypeScript compiler, and wrong payloads are
// shown to fail.
import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { typeErrors } from '../typecheck';
import { homeView, renderSlack } from '../../adapters/slack/render';
import { sampleReplies } from '../sample-replies';

describe('Slack payloads against the Block Kit types', () => {
  it('renderSlack is typed as KnownBlock[] (no cast needed)', () => {
    const blocks: KnownBlock[] = renderSlack(sampleReplies()[0]!).blocks;
    expect(blocks.length).toBeGreaterThan(0);
    // @ts-expect-error a button without its text is not a Block Kit button
    const wrong: KnownBlock = { type: 'actions', elements: [{ type: 'button', value: 'x', action_id: 'hojo_0' }] };
    expect(wrong).toBeDefined();
  });

  it('the rendered JSON of real conversations (and the Home tab) type-checks; wrong payloads do not', () => {
    const answer = sampleReplies().find((r) => r.kind === 'answer' && r.cards.length > 0)!;
    const many = { ...answer, cards: Array.from({ length: 14 }, () => answer.cards[0]!) };
    const payloads = [...sampleReplies().map((r) => renderSlack(r)), renderSlack(answer, { share: true, note: 'x' }), renderSlack(many), renderSlack(many, { buttons: false })];
    const source = [
      "import type { HomeView, KnownBlock } from '@slack/types';",
      ...payloads.map((p, i) => `export const reply${i}: { text: string; blocks: KnownBlock[] } = ${JSON.stringify(p)};`),
      `export const home: HomeView = ${JSON.stringify(homeView())};`,
    ].join('\n');
    expect(typeErrors(source)).toEqual([]);
    // A text object type Slack does not know, a button without text, a home view of another type.
    const wrong = [
      "import type { HomeView, KnownBlock } from '@slack/types';",
      "export const a: KnownBlock[] = [{ type: 'section', text: { type: 'richtext', text: 'x' } }];",
      "export const b: KnownBlock[] = [{ type: 'actions', elements: [{ type: 'button', value: 'x' }] }];",
      "export const c: HomeView = { type: 'modal', blocks: [] };",
    ].join('\n');
    const errors = typeErrors(wrong);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors.join('\n')).toMatch(/richtext/);
  }, 60_000);
});
