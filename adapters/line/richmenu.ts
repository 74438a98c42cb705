// The LINE rich menu: four areas, each a named command (src/dialogue/actions.ts).
// `npm run line:richmenu` validates and uploads it.
import type { messagingApi } from '@line/bot-sdk';
import { encodeAction, type CommandName } from '../../src/dialogue/actions';

const AREAS: [label: string, command: CommandName][] = [
  ['始める', 'restart'],
  ['条件を変える', 'change'],
  ['ヘルプ', 'help'],
  ['データを削除', 'delete'],
];

const WIDTH = 2500;
const HEIGHT = 843;

export const richMenu: messagingApi.RichMenuRequest = {
  size: { width: WIDTH, height: HEIGHT },
  selected: true,
  name: 'hojo-navi-main',
  chatBarText: 'メニュー',
  areas: AREAS.map(([label, command], i) => ({
    bounds: { x: (WIDTH / AREAS.length) * i, y: 0, width: WIDTH / AREAS.length, height: HEIGHT },
    action: { type: 'postback', label, data: encodeAction({ type: 'command', command }), displayText: label },
  })),
};
