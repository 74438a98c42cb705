// Global commands typed as text (「最初から」「1番の内訳」): read into the same typed
// actions as the buttons (src/dialogue/actions.ts).
import type { Action, CommandName } from './actions';

export const HELP_TEXT = [
  '【使い方】',
  '・質問にボタンか文字でお答えください。「金沢市で製造業、従業員8人、展示会に出たい、費用300万円」のように一度にまとめて送っても大丈夫です。',
  '・結果のあと「従業員は30人に変更」「やっぱり東京都」のように条件を変えられます。',
  '・「1番の内訳」で計算の内訳、「1番を詳しく」で制度の詳細を表示します。',
  '・「IT導入補助金の補助率は？」「持続化補助金の締切は？」のように制度について質問できます。',
  '・LINEでは、結果のカードの「この制度を保存」で締切前にお知らせします。「保存した制度」で一覧と解除ができます。',
  '・「戻る」で一つ前へ、「最初から」でやり直し、「データを削除」で入力内容を消去します（確認のあと「削除する」で消去）。',
  '※金額は税抜経費から計算した目安です。申請前に必ず公募要領と窓口でご確認ください。',
].join('\n');

const TEXT_COMMANDS: [RegExp, CommandName][] = [
  [/^(最初から|はじめから|初めから|リセット|やり直し|やりなおし|始める|はじめる|スタート|start)$/i, 'restart'],
  [/^(ヘルプ|help|使い方|つかいかた|\?|？)$/i, 'help'],
  [/(データ|情報|履歴|記録).{0,4}(削除|消去|消して|けして|忘れて)|^(削除|退会)(する|して|してください)?$/, 'delete'],
  [/^(戻る|もどる|前に戻る|一つ前|ひとつ前|back)$/i, 'back'],
  [/^(結果|けっか|結果を見る|結果をもう一度|一覧)$/, 'results'],
  [/^(条件を変える|条件を変えたい|条件変更|変更したい|変更)$/, 'change'],
  [/^(保存した制度|保存した制度を見る|保存一覧|保存済み|お知らせ設定|お知らせの設定|通知設定|通知の設定)$/, 'saved'],
];

/** A text command, or 「2番の内訳」 (a card by its number: `index` is 0-based). */
export type TextCommand = Action | { type: 'numbered'; what: 'detail' | 'calc'; index: number };

export function textCommand(raw: string): TextCommand | undefined {
  const text = raw.normalize('NFKC').trim().replace(/[。.!！\s]+$/g, '');
  for (const [re, command] of TEXT_COMMANDS) if (re.test(text)) return { type: 'command', command };
  const numbered = /^(\d{1,2})\s*(?:番|件目|つ目)?\s*(?:の|を)?\s*(内訳|計算|計算の内訳|詳しく|詳細|くわしく)/.exec(text);
  if (numbered) return { type: 'numbered', what: /内訳|計算/.test(numbered[2]!) ? 'calc' : 'detail', index: Number(numbered[1]) - 1 };
  return undefined;
}
