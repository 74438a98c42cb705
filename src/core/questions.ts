// The follow-up questions a result lists, so that a caller (or the dialogue)
// can answer them and ask again. Profile fields appear as pseudo-questions.
import type { Knowledge } from './knowledge/types';

export interface QuestionView {
  id: string;
  label: string;
  short: string;
  type: 'choice' | 'yen' | 'count' | 'text';
  choices?: { value: string; label: string }[];
  /** Where the answer goes in a match request: a top-level field or answers[id]. */
  field: 'answers' | 'profile';
}

const PROFILE_QUESTIONS: Record<string, Omit<QuestionView, 'id' | 'field'>> = {
  expenseYen: { label: '予定している経費（税抜）はいくらですか？', short: '予定経費（税抜）', type: 'yen' },
  capitalYen: { label: '資本金（出資の総額）はいくらですか？', short: '資本金', type: 'yen' },
  municipality: { label: '事業所のある市区町村を教えてください。', short: '市区町村', type: 'text' },
  employees: { label: '常時使用する従業員は何人ですか？', short: '従業員数', type: 'count' },
  industry: { label: '詳しい業種を教えてください。', short: '業種', type: 'text' },
};

export function questionsFor(k: Knowledge, ids: string[]): QuestionView[] {
  const out: QuestionView[] = [];
  for (const id of new Set(ids)) {
    const profileQuestion = PROFILE_QUESTIONS[id];
    if (profileQuestion) {
      out.push({ id, ...profileQuestion, field: 'profile' });
      continue;
    }
    const q = k.ix.questionById.get(id);
    if (!q) continue;
    out.push({ id: q.id, label: q.label, short: q.short, type: q.type, ...(q.choices ? { choices: q.choices } : {}), field: 'answers' });
  }
  return out;
}
