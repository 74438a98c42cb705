// Text modules (wrangler's default rule for *.txt; the vitest config loads them the same way).
declare module '*.txt' {
  const text: string;
  export default text;
}
