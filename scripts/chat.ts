// npm run chat — a terminal conversation with the bot. Talks to the local server
// (npm start, http://127.0.0.1:8787) or, with --engine, to the dialogue engine
// directly. Choices are numbered: type the number to press the button.
import { createInterface } from 'node:readline';
import { handleTurn } from '../src/dialogue/engine';
import type { ConversationState, Reply, TurnInput } from '../src/dialogue/types';
import { loadKnowledgeFile } from './load-knowledge';
import { todayJst } from '../src/core/status';

const args = process.argv.slice(2);
const useEngine = args.includes('--engine');
const base = process.env.HOJO_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`;
const userId = `cli-${process.pid}`;
const date = process.env.HOJO_DATE ?? todayJst();

let state: ConversationState | undefined;
const knowledge = useEngine ? loadKnowledgeFile() : undefined;

async function send(input: TurnInput): Promise<Reply> {
  if (knowledge) {
    const r = handleTurn({ knowledge, date }, state, input);
    state = r.state;
    return r.reply;
  }
  const body =
    input.kind === 'choice' ? { choice: input.value } : input.kind === 'start' ? { event: 'start' } : input.kind === 'text' ? { text: input.text } : { event: 'sticker' };
  const res = await fetch(`${base}/api/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, date, ...body }) });
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as Reply;
}

function show(reply: Reply): void {
  for (const t of reply.texts) console.log(`\n🤖 ${t}`);
  reply.cards.forEach((c, i) => {
    console.log(`\n  [${i + 1}] ${c.title}／${c.subtitle}（${c.issuer}）`);
    console.log(`      判定：${c.verdictLabel}　${c.headline}　受付：${c.statusLabel}`);
    for (const f of c.fields) console.log(`      ${f.label}：${f.value}`);
    console.log(`      ${c.source}`);
  });
  if (reply.choices.length > 0) console.log(`\n${reply.choices.map((c, i) => `  ${i + 1}) ${c.label}`).join('\n')}`);
}

const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
// Create the line iterator before the first await, or piped lines that arrive meanwhile are lost.
const lines = rl[Symbol.asyncIterator]();
console.log(useEngine ? '(engine mode)' : `(server ${base})`, '終了は Ctrl+D または「exit」');
let last = await send({ kind: 'start' }).catch((e: Error) => {
  console.error(`サーバーに接続できません（${e.message}）。先に npm start を実行するか、npm run chat -- --engine をお使いください。`);
  process.exit(1);
});
show(last);
process.stdout.write('\n> ');
for await (const line of { [Symbol.asyncIterator]: () => lines }) {
  if (line.trim() === 'exit') break;
  if (!process.stdin.isTTY) console.log(line);
  const n = Number(line.trim());
  const choice = Number.isInteger(n) && n >= 1 && n <= last.choices.length ? last.choices[n - 1] : undefined;
  last = await send(choice ? { kind: 'choice', value: choice.value } : { kind: 'text', text: line });
  show(last);
  process.stdout.write('\n> ');
}
rl.close();
