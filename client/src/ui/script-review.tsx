/**
 * The pre-broadcast script review in the lobby (GET /api/scenarios/:id/review): the same findings
 * as `branchcast review`, so a trainee sees what the script would trigger before going live.
 */
import { useEffect, useState } from 'react';
import type { ScriptReview } from '../../../core/rubric/review.js';
import { useUi } from '../stores/ui-store.js';
import { useTranslation } from 'react-i18next';
import { pick } from './i18n.js';

export function ScriptReviewPanel({ scenarioId }: { scenarioId: string }) {
  const { t } = useTranslation('lobby');
  const lang = useUi((s) => s.lang);
  const [review, setReview] = useState<ScriptReview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`/api/scenarios/${encodeURIComponent(scenarioId)}/review`)
      .then((r) => (r.ok ? (r.json() as Promise<ScriptReview>) : Promise.reject(new Error(r.statusText))))
      .then(
        (r) => live && setReview(r),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    return () => {
      live = false;
    };
  }, [scenarioId]);
  if (error) return <p className="error">{error}</p>;
  if (!review) return <p className="hint">{t('reviewLoading')}</p>;
  const lines = review.segments.flatMap((s) =>
    s.lines.filter((l) => l.skipped || l.findings.length > 0).map((l) => ({ seg: s, line: l })),
  );
  return (
    <div className={`script-review ${review.ok ? 'ok' : 'failed'}`} data-testid="script-review">
      <strong>{review.ok ? t('reviewOk') : t('reviewFailed')}</strong>{' '}
      <small>
        {t('reviewCounts', {
          lines: review.counts.lines,
          findings: review.counts.findings,
          skipped: review.counts.skipped,
        })}
      </small>
      <ul>
        {lines.map(({ seg, line }) => (
          <li key={`${seg.index}:${line.index}`}>
            {pick(seg.title, lang)} #{line.index + 1}:{' '}
            {line.skipped
              ? t('reviewSkipped')
              : line.findings.map((f) => `${f.severity} ${f.rule} “${f.quote}”`).join('；')}
          </li>
        ))}
      </ul>
    </div>
  );
}
