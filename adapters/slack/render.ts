// Reply model → Slack Block Kit (typed against @slack/types' KnownBlock), within
// Slack's limits: ≤ 50 blocks, section text ≤ 3,000 characters, button text ≤ 75,
// value ≤ 2,000, ≤ 25 elements per actions block; with a plain-text fallback
// (escaped like any Slack text). For advisors, answers also get a compact comparison
// table of the programs. Cards that do not fit in 50 blocks are not dropped silently:
// the reply says 「ほか N 件」 with a 「詳しく」 button for each.
import type { ActionsBlock, Button, DividerBlock, HomeView, KnownBlock, MrkdwnElement, SectionBlock } from '@slack/types';
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

/** A message as chat.postMessage, chat.update and response_url take it. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Buttons (default true); a message shared in the channel has none. */
  buttons?: boolean;
  /** A 「チャンネルに共有」 button (answers of /hojo, which only the advisor sees). */
  share?: boolean;
  /** A context line above the reply (mrkdwn, already escaped): the choice made, who shared it. */
  note?: string;
}

/** action_id of 「チャンネルに共有」; every button of ours starts with hojo_. */
export const SHARE_ACTION_ID = 'hojo_share';
export const SHARE_LABEL = 'チャンネルに共有';

/** Escapes &, <, > as Slack's mrkdwn requires. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const mrkdwn = (text: string, max: number = SLACK_LIMITS.sectionText): MrkdwnElement => ({ type: 'mrkdwn', text: clip(text, max) });
const divider: DividerBlock = { type: 'divider' };
const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(escape(text)) });

function button(choice: Choice, actionId: string): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(choice.label, SLACK_LIMITS.buttonText), emoji: true },
    value: clip(choice.value, SLACK_LIMITS.buttonValue),
    action_id: actionId,
  };
}

function actions(choices: Choice[], blockId: string): ActionsBlock[] {
  const blocks: ActionsBlock[] = [];
  for (let i = 0; i < choices.length; i += SLACK_LIMITS.actionsElements)
    blocks.push({ type: 'actions', block_id: `${blockId}_${i}`, elements: choices.slice(i, i + SLACK_LIMITS.actionsElements).map((c, j) => button(c, `hojo_${i + j}`)) });
  return blocks;
}

const VERDICT_EMOJI: Record<ProgramCard['verdict'], string> = { eligible: ':large_green_circle:', check: ':large_yellow_circle:', ineligible: ':white_circle:' };

function cardBlocks(card: ProgramCard, index: number, withButtons: boolean): KnownBlock[] {
  const others = card.otherTracks ? `\n${escape(card.otherTracks)}` : '';
  const head = `${VERDICT_EMOJI[card.verdict]} *${index + 1}. ${escape(card.title)}*（${escape(card.subtitle)}）\n${escape(card.issuer)}\n*${escape(card.headline)}*　判定：${escape(card.verdictLabel)}　受付：${escape(card.statusLabel)}\n_${escape(card.reason)}_${others}`;
  const working = card.working.length > 0 ? `\n\`\`\`${escape(card.working.join('\n'))}\`\`\`` : '';
  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(head + working) }];
  const fields = card.fields.slice(0, SLACK_LIMITS.fields).map((f) => mrkdwn(`*${escape(f.label)}*\n${escape(f.value)}`, SLACK_LIMITS.fieldText));
  if (fields.length > 0) blocks.push({ type: 'section', fields });
  blocks.push({ type: 'context', elements: [mrkdwn(escape(card.source))] });
  if (withButtons) blocks.push(...actions(card.actions, `card_${index}`));
  return blocks;
}

/** A compact comparison of the programs for advisors (one line each, in a code block). */
export function comparisonTable(cards: ProgramCard[]): string {
  const rows = cards.map((c, i) => escape(`${String(i + 1).padStart(2)}. ${c.verdictLabel.padEnd(3, '　')} ${c.statusLabel.padEnd(4, '　')} ${c.headline.replace('補助額の目安 ', '')}｜${c.title}（${c.subtitle}）`));
  return `\`\`\`番号 判定　 受付　　 目安｜制度\n${rows.join('\n')}\`\`\``;
}

/** The plain-text fallback (notifications, clients without Block Kit), escaped like any Slack text. */
export function fallbackText(reply: Reply): string {
  const cards = reply.cards.map((c, i) => `${i + 1}. ${c.title}（${c.subtitle}）${c.verdictLabel} ${c.headline} ${c.statusLabel}`);
  return clip(escape([...reply.texts, ...cards].join('\n')), SLACK_LIMITS.fallbackText);
}

/** The card's 「詳しく」 (or its first) button, to reach a card that did not fit. */
const detailChoice = (card: ProgramCard, index: number): Choice | undefined => {
  const c = card.actions.find((a) => a.label === '詳しく') ?? card.actions[0];
  return c ? { label: `${index + 1}. ${card.title}`, value: c.value } : undefined;
};

/** 「ほか N 件」 for the cards from `from` on, with a button to see each. */
function moreBlocks(cards: ProgramCard[], from: number, withButtons: boolean): KnownBlock[] {
  const rest = cards.slice(from);
  if (rest.length === 0) return [];
  const range = rest.length === 1 ? `${from + 1} 番` : `${from + 1}〜${cards.length} 番`;
  const how = withButtons ? 'ボタンで詳しく表示します' : 'くわしくは /hojo でお調べください';
  const text = `ほか ${rest.length} 件の制度があります（上の一覧の ${range}）。${how}。`;
  const choices = withButtons ? rest.flatMap((c, i) => detailChoice(c, from + i) ?? []) : [];
  return [divider, section(text), ...actions(choices, 'more')];
}

export function renderSlack(reply: Reply, opts: RenderOptions = {}): SlackMessage {
  const withButtons = opts.buttons !== false;
  const head: KnownBlock[] = opts.note ? [{ type: 'context', elements: [mrkdwn(opts.note)] }] : [];
  head.push(...reply.texts.map(section));
  if (reply.cards.length > 1) head.push({ type: 'section', text: mrkdwn(comparisonTable(reply.cards)) });
  const choices = withButtons ? actions(reply.choices, 'choices') : [];
  // 「チャンネルに共有」 has its own action_id and block: it is not a dialogue choice.
  const share: KnownBlock[] = withButtons && opts.share ? [{ type: 'actions', block_id: 'share', elements: [{ type: 'button', text: { type: 'plain_text', text: SHARE_LABEL, emoji: true }, value: 'share', action_id: SHARE_ACTION_ID }] }] : [];
  const tail: KnownBlock[] = choices.length + share.length > 0 ? [divider, ...choices, ...share] : [];
  // As many cards as fit with the texts, the 「ほか N 件」 part and the choices.
  const perCard = reply.cards.map((c, i) => [divider, ...cardBlocks(c, i, withButtons)]);
  let shown = perCard.length;
  let used = perCard.reduce((n, b) => n + b.length, 0);
  while (shown > 0 && head.length + used + moreBlocks(reply.cards, shown, withButtons).length + tail.length > SLACK_LIMITS.blocks) {
    shown--;
    used -= perCard[shown]!.length;
  }
  const blocks = [...head, ...perCard.slice(0, shown).flat(), ...moreBlocks(reply.cards, shown, withButtons), ...tail];
  return { text: fallbackText(reply), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
}

/** action_id of 「もう一度調べる」 on the Home tab; its value is the query's compact id (src/dialogue/recent.ts). */
export const RERUN_ACTION_ID = 'hojo_rerun';
export const RERUN_LABEL = 'もう一度調べる';

/** A remembered query on the Home tab: its one-line summary (from slots) and its id. */
export interface HomeQuery {
  id: string;
  summary: string;
}

function recentBlocks(queries: HomeQuery[]): KnownBlock[] {
  if (queries.length === 0) return [];
  return [
    divider,
    section('*最近の検索*（/hojo で調べた条件。回答はこのアプリのメッセージタブに届きます）'),
    ...queries.map(
      (q, i): SectionBlock => ({
        type: 'section',
        block_id: `recent_${i}`,
        text: mrkdwn(escape(q.summary)),
        accessory: { type: 'button', text: { type: 'plain_text', text: RERUN_LABEL, emoji: true }, value: q.id, action_id: RERUN_ACTION_ID },
      }),
    ),
  ];
}

/** The App Home tab: what the bot does and how to ask, then the advisor's last few queries. */
export function homeView(recent: HomeQuery[] = []): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: '補助金ナビ', emoji: true } },
      section('補助金・助成金・融資を、所在地・業種・従業員数・目的から探し、補助額の目安（経費 × 補助率、上限）を計算します。足りない条件はボタンでお聞きします。'),
      divider,
      section('*使い方*'),
      {
        type: 'section',
        text: mrkdwn(
          [
            '• `/hojo 金沢市 製造業 8人 海外展示会 300万円` … 一行で調べます（結果はご本人だけに表示。「チャンネルに共有」で共有できます）',
            '• チャンネルで `@hojo-navi 高岡市で製造業、従業員20人、展示会に出たい` … そのスレッドで続けます',
            '• このアプリの「メッセージ」タブ（DM）… 1対1でやり取りできます',
            '• メッセージの「…」→「補助金を調べる」… そのメッセージの文面で調べます',
          ].join('\n'),
        ),
      },
      divider,
      section('*例*'),
      section('「金沢市で製造業、従業員8人。海外の見本市に出たい。費用は300万円くらい」\n「ひたちなか市 小売業 3人 ホームページ制作 50万円」\n「締め切りはいつ？」「自己負担は？」'),
      ...recentBlocks(recent),
      { type: 'context', elements: [mrkdwn('補助額はあくまで目安です。申請の可否・金額は各制度の公募要領と窓口でご確認ください。「データを削除」と送ると、入力した条件と最近の検索を消去します。')] },
    ],
  };
}
