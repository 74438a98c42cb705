// npm run knowledge:promote <draft> — turns a reviewed Jグランツ draft
// (knowledge/drafts/jgrants/<id>.yaml) into a program file in knowledge/programs/ with a
// .cases.yaml stub to fill; knowledge:check refuses the program until the cases are written.
import { join, resolve } from 'node:path';
import { PromoteError, promoteDraft } from './knowledge/jgrants-promote';

const draft = process.argv[2];
if (!draft) {
  console.error('usage: npm run knowledge:promote -- knowledge/drafts/jgrants/<id>.yaml');
  process.exit(2);
}
const root = join(import.meta.dirname, '..');
try {
  const r = promoteDraft(root, resolve(process.env.INIT_CWD ?? process.cwd(), draft));
  const what = { program: '新しい制度として', edition: '既存の制度に新しい公募回として', track: '既存の公募回に新しい枠として' }[r.added];
  console.log(`${r.programFile} に${what}追加しました（出典 ${r.sourceKey} を taxonomy/sources.yaml に登録）。`);
  console.log(
    r.casesStubWritten
      ? `テストケースの雛形 ${r.casesFile} を作りました。公募要領の数字でケースを書いてから npm run knowledge:check を実行してください（ケースがないうちは通りません）。`
      : `${r.casesFile} に今回の公募回・枠のケースを追加してから npm run knowledge:check を実行してください。`,
  );
} catch (e) {
  if (e instanceof PromoteError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
