// npm run line:richmenu — create the rich menu (始める / 条件を変える / ヘルプ / データを削除)
// from adapters/line/richmenu.ts, upload its image and set it as the default.
//   LINE_CHANNEL_ACCESS_TOKEN=… npm run line:richmenu [-- --image menu.png]
// Without --image a plain four-colour image is generated (replace it with a designed
// one that shows the four labels). LINE_API_BASE_URL / LINE_DATA_API_BASE_URL point
// the client elsewhere (a local fake server).
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { messagingApi } from '@line/bot-sdk';
import { richMenu } from '../adapters/line/richmenu';

const token = process.env.LINE_CHANNEL_ACCESS_TOKEN;
if (!token) {
  console.error('LINE_CHANNEL_ACCESS_TOKEN を設定してください（LINE Developers コンソールのチャネルアクセストークン）。');
  process.exit(1);
}
const definition = richMenu;
const imageArg = process.argv.indexOf('--image');

/** A PNG of vertical colour bands, one per rich-menu area (no dependencies). */
function bandsPng(width: number, height: number, colors: [number, number, number][]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(colors[Math.min(colors.length - 1, Math.floor((x * colors.length) / width))]!, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const image =
  imageArg > 0
    ? readFileSync(process.argv[imageArg + 1]!)
    : bandsPng(definition.size?.width ?? 2500, definition.size?.height ?? 843, [[30, 123, 52], [21, 101, 192], [117, 117, 117], [198, 40, 40]]);

const client = new messagingApi.MessagingApiClient({ channelAccessToken: token, ...(process.env.LINE_API_BASE_URL ? { baseURL: process.env.LINE_API_BASE_URL } : {}) });
const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: token, ...(process.env.LINE_DATA_API_BASE_URL ? { baseURL: process.env.LINE_DATA_API_BASE_URL } : {}) });

await client.validateRichMenuObject(definition);
const { richMenuId } = await client.createRichMenu(definition);
await blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(image)], { type: 'image/png' }));
await client.setDefaultRichMenu(richMenuId);
console.log(`リッチメニューを作成し、既定に設定しました: ${richMenuId}`);
