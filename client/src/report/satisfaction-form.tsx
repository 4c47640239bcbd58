/**
 * After a session the trainee may rate it 1–5 on the programme's three satisfaction items
 * (seed/ 6.1: 内容实用性, 讲师专业性, 工具实操性) with a comment. Stored per session
 * (POST /api/sessions/:id/satisfaction, with this tab's code); the cohort page averages them.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { withCode } from '../net/api.js';

const ITEMS = ['content', 'instructor', 'tool'] as const;
type Item = (typeof ITEMS)[number];

export function SatisfactionForm({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation('report');
  const [scores, setScores] = useState<Record<Item, number>>({ content: 0, instructor: 0, tool: 0 });
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'idle' | 'sent' | { error: string }>('idle');
  const complete = ITEMS.every((k) => scores[k] >= 1);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await fetch(
      `/api/sessions/${encodeURIComponent(sessionId)}/satisfaction`,
      withCode(sessionId, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...scores, comment: comment.trim() || null }),
      }),
    );
    if (res.ok) setState('sent');
    else setState({ error: ((await res.json().catch(() => ({}))) as { message?: string }).message ?? res.statusText });
  }

  if (state === 'sent')
    return (
      <p className="hint" data-testid="satisfaction-sent">
        {t('satisfaction.thanks')}
      </p>
    );
  return (
    <form className="satisfaction-form" onSubmit={(e) => void submit(e)} data-testid="satisfaction-form">
      <h3>{t('satisfaction.title')}</h3>
      {ITEMS.map((k) => (
        <fieldset key={k} className="rating-row">
          <legend>{t(`satisfaction.${k}`)}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n}>
              <input
                type="radio"
                name={`rate-${k}`}
                checked={scores[k] === n}
                onChange={() => setScores((s) => ({ ...s, [k]: n }))}
                data-testid={`rate-${k}-${n}`}
              />
              {n}
            </label>
          ))}
        </fieldset>
      ))}
      <label className="field">
        <span>{t('satisfaction.comment')}</span>
        <textarea value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="submit" disabled={!complete} data-testid="satisfaction-submit">
        {t('satisfaction.submit')}
      </button>
      {typeof state === 'object' && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
