/**
 * A retry's report shows the original and the retry side by side from the branch point (issue 12
 * pt 7): score per criterion, findings, and the two replies to the questions open at that point.
 * Data: GET /api/sessions/:id/report/compare (core/rubric/retry-compare.ts).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetryComparison } from '../../../core/rubric/retry-compare.js';
import { streamClock } from '../../../core/stream-time.js';
import { withCode } from '../net/api.js';

export function RetryCompare({ sessionId, lang }: { sessionId: string; lang: 'zh' | 'en' }) {
  const { t } = useTranslation('report');
  const [cmp, setCmp] = useState<RetryComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`/api/sessions/${encodeURIComponent(sessionId)}/report/compare`, withCode(sessionId))
      .then(async (r) => {
        if (!r.ok) throw new Error(((await r.json()) as { message?: string }).message ?? r.statusText);
        return (await r.json()) as RetryComparison;
      })
      .then(
        (c) => live && setCmp(c),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    return () => {
      live = false;
    };
  }, [sessionId]);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!cmp) return null;
  const score = (v: number | null) => (v === null ? '—' : String(v));
  return (
    <section className="retry-compare" data-testid="retry-compare">
      <h3>{t('compare.title', { at: streamClock(cmp.startedT, cmp.point.atT, lang) })}</h3>
      <table className="data-table compact">
        <thead>
          <tr>
            <th />
            <th className="num">{t('compare.original')}</th>
            <th className="num">{t('compare.retry')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{t('compare.total')}</td>
            <td className="num">{cmp.original.total}</td>
            <td className="num">{cmp.retry.total}</td>
          </tr>
          {cmp.retry.criteria.map((c, i) => (
            <tr key={c.kind}>
              <td>{c.label[lang]}</td>
              <td className="num">{score(cmp.original.criteria[i]?.score ?? null)}</td>
              <td className="num">{score(c.score)}</td>
            </tr>
          ))}
          <tr>
            <td>{t('compare.findings')}</td>
            <td className="num">{cmp.original.findings.length}</td>
            <td className="num">{cmp.retry.findings.length}</td>
          </tr>
        </tbody>
      </table>
      {cmp.questions.length > 0 && (
        <>
          <h4>{t('compare.questions')}</h4>
          {cmp.questions.map((q) => (
            <div key={q.seq} className="report-finding" data-testid="compare-question">
              <div>
                <strong>{streamClock(cmp.startedT, q.t, lang)}</strong> {q.text}
              </div>
              <div data-testid="compare-original-reply">
                {t('compare.reply', { side: t('compare.original'), text: q.original?.text ?? t('compare.noReply') })}
              </div>
              <div data-testid="compare-retry-reply">
                {t('compare.reply', { side: t('compare.retry'), text: q.retry?.text ?? t('compare.noReply') })}
              </div>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
