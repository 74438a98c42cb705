// Request validation (zod/mini keeps the Worker bundle small) and the 400 body:
// every error names the field, in Japanese and English, with the accepted values.
import * as z from 'zod/mini';
import type { FieldError } from '../core/profile';

const MAX_YEN = 1_000_000_000_000; // 1兆円: anything above is not a small business's expense.

const yenField = z.number().check(z.gte(0), z.lte(MAX_YEN));
const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const MatchBody = z.object({
  prefecture: z.optional(text(20)),
  municipality: z.optional(text(30)),
  industry: text(60),
  employees: z.int().check(z.gte(0), z.lte(1_000_000)),
  capitalYen: z.optional(yenField),
  goal: z.optional(z.union([text(60), z.array(text(60)).check(z.maxLength(10))])),
  expenseYen: z.optional(yenField),
  answers: z.optional(z.record(z.string().check(z.maxLength(60)), z.union([z.string().check(z.maxLength(200)), z.number()]))),
  date: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  trackExpenses: z.optional(z.record(z.string().check(z.maxLength(120)), yenField)),
});
export type MatchBody = z.infer<typeof MatchBody>;

const FIELD_LABELS: Record<string, string> = {
  prefecture: '都道府県',
  municipality: '市区町村',
  industry: '業種',
  employees: '従業員数（0〜1,000,000の整数）',
  capitalYen: '資本金（円、0〜1兆）',
  goal: '目的',
  expenseYen: '予定経費（円・税抜、0〜1兆）',
  answers: '回答（answers）',
  date: '日付（YYYY-MM-DD）',
  trackExpenses: '類型ごとの経費（trackExpenses）',
};

export function zodErrors(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): FieldError[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(body)';
    const top = String(issue.path[0] ?? '');
    const label = FIELD_LABELS[top] ?? field;
    return {
      field,
      message: issue.path.length === 0 ? 'リクエスト本文はJSONオブジェクトにしてください。' : `「${label}」の値が正しくありません。`,
      messageEn: `${field}: ${issue.message}`,
    };
  });
}

export function isValidDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** The body of every 400: a summary and one entry per field, in Japanese and English. */
export function badRequest(errors: FieldError[]) {
  return { error: 'bad_request', message: '入力内容に誤りがあります。', messageEn: 'The request is invalid.', errors };
}

export const DATE_ERROR: FieldError = { field: 'date', message: '日付はYYYY-MM-DDの実在する日付で指定してください。', messageEn: 'date must be a valid YYYY-MM-DD date' };
export const JSON_ERROR: FieldError = { field: '(body)', message: 'リクエスト本文が正しいJSONではありません。', messageEn: 'The body is not valid JSON.' };
