// Reply model → Slack Block Kit, within Slack's limits: ≤ 50 blocks, section text
// ≤ 3,000 characters, button text ≤ 75, value ≤ 2,000, ≤ 25 elements per actions
// block; with a plain-text fallback. For advisors, answers also get a compact
// comparison table of the programs.
import type { Choice, ProgramCard, Reply } from '../../src/dialogue/types';
import { clip } from '../text';

export { clip };

export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  fallbackText: 4000,
  fields: 10,
  fieldText: 2000,
} as const;

type Block = Record<string, unknown>;


/** Escapes &, <, > as Slack's mrkdwn requires. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(escape(text), SLACK_LIMITS.sectionText) } });

function button(choice: Choice, i: number): Block {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(choice.label, SLACK_LIMITS.buttonText), emoji: true },
    value: clip(choice.value, SLACK_LIMITS.buttonValue),
    action_id: `hojo_${i}`,
  };
}

function actions(choices: Choice[], blockId: string): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < choices.length; i += SLACK_LIMITS.actionsElements)
    blocks.push({ type: 'actions', block_id: `${blockId}_${i}`, elements: choices.slice(i, i + SLACK_LIMITS.actionsElements).map((c, j) => button(c, i + j)) });
  return blocks;
}

const VERDICT_EMOJI: Record<ProgramCard['verdict'], string> = { eligible: ':large_green_circle:', check: ':large_yellow_circle:', ineligible: ':white_circle:' };

function cardBlocks(card: ProgramCard, index: number): Block[] {
  const others = card.otherTracks ? `\n${escape(card.otherTracks)}` : '';
  const head = `${VERDICT_EMOJI[card.verdict]} *${index + 1}. ${escape(card.title)}*（${escape(card.subtitle)}）\n${escape(card.issuer)}\n*${escape(card.headline)}*　判定：${card.verdictLabel}　受付：${card.statusLabel}\n_${escape(card.reason)}_${others}`;
  const working = card.working.length > 0 ? `\n\`\`\`${escape(card.working.join('\n'))}\`\`\`` : '';
  return [
    { type: 'section', text: { type: 'mrkdwn', text: clip(head + working, SLACK_LIMITS.sectionText) } },
    {
      type: 'section',
      fields: card.fields.slice(0, SLACK_LIMITS.fields).map((f) => ({ type: 'mrkdwn', text: clip(`*${escape(f.label)}*\n${escape(f.value)}`, SLACK_LIMITS.fieldText) })),
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: clip(escape(card.source), SLACK_LIMITS.sectionText) }] },
    ...actions(card.actions, `card_${index}`),
  ].filter((b) => !(b.type === 'section' && Array.isArray(b.fields) && b.fields.length === 0));
}

/** A compact comparison of the programs for advisors (one line each, in a code block). */
export function comparisonTable(cards: ProgramCard[]): string {
  const rows = cards.map((c, i) => escape(`${String(i + 1).padStart(2)}. ${c.verdictLabel.padEnd(3, '　')} ${c.statusLabel.padEnd(4, '　')} ${c.headline.replace('補助額の目安 ', '')}｜${c.title}（${c.subtitle}）`));
  return `\`\`\`番号 判定　 受付　　 目安｜制度\n${rows.join('\n')}\`\`\``;
}

export function fallbackText(reply: Reply): string {
  const cards = reply.cards.map((c, i) => `${i + 1}. ${c.title}（${c.subtitle}）${c.verdictLabel} ${c.headline} ${c.statusLabel}`);
  return clip([...reply.texts, ...cards].join('\n'), SLACK_LIMITS.fallbackText);
}

export function renderSlack(reply: Reply): { text: string; blocks: Block[] } {
  const blocks: Block[] = reply.texts.map(section);
  if (reply.cards.length > 1) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(comparisonTable(reply.cards), SLACK_LIMITS.sectionText) } });
  const choiceBlocks = actions(reply.choices, 'choices');
  // Keep room for the choices: cards are dropped from the end if the message would exceed 50 blocks.
  const room = SLACK_LIMITS.blocks - blocks.length - choiceBlocks.length - 1;
  const cards: Block[] = [];
  for (const [i, card] of reply.cards.entries()) {
    const b = [{ type: 'divider' }, ...cardBlocks(card, i)];
    if (cards.length + b.length > room) break;
    cards.push(...b);
  }
  blocks.push(...cards);
  if (choiceBlocks.length > 0) blocks.push({ type: 'divider' }, ...choiceBlocks);
  return { text: fallbackText(reply), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
}
