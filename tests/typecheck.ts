// Type-checks a snippet of TypeScript with the project's compiler options, for tests
// that show a rendered payload fits the platform SDK's types (and a wrong one does not).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

/** Type-checks `source` (a module placed in tests/) with the project's compiler options; the error messages. */
export function typeErrors(source: string, prefix = '.typecheck-'): string[] {
  const dir = mkdtempSync(join(resolve('tests'), prefix));
  try {
    const file = join(dir, 'payload.ts');
    writeFileSync(file, source);
    const config = ts.readConfigFile(resolve('tsconfig.json'), ts.sys.readFile).config as { compilerOptions: object };
    const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, resolve('.'));
    const program = ts.createProgram([file], { ...options, noEmit: true, types: [] });
    return ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
