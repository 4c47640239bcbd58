/**
 * The gradebook's per-attempt verdict (issue 12 pt 8): a never-started attempt reads 未开始 (no
 * score), a voided one shows its reason, and the facilitator voids/restores or comments here.
 * Voided and never-started attempts count in no statistic (core/workshop/progress.ts `counted`).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../net/api.js';
import { noteAttempt, type Attempt } from './console-api.js';

export function AttemptScore({ a }: { a: Attempt }) {
  const { t } = useTranslation('console');
  if (a.ended && !a.started) return <span className="hint">{t('cohort.notStarted')}</span>;
  return <span className={a.voided ? 'voided' : ''}>{a.total}</span>;
}

export function AttemptResult({ a }: { a: Attempt }) {
  const { t } = useTranslation('console');
  if (a.voided)
    return (
      <span className="badge" data-testid="attempt-voided" title={a.voidReason ?? ''}>
        {t('cohort.voided')}: {a.voidReason}
      </span>
    );
  if (!a.ended) return <span className="hint">{t('cohort.inProgress')}</span>;
  if (!a.started) return <span className="hint">{t('cohort.notStarted')}</span>;
  return (
    <span className={`badge ${a.pass ? 'pass' : 'fail'}`} data-testid="attempt-result">
      {a.pass ? t('cohort.passedBadge') : t('cohort.notYet')}
    </span>
  );
}

/** Void/restore and comment; the cohort page polls, so the change shows on its next refresh. */
export function AttemptActions({ a }: { a: Attempt }) {
  const { t } = useTranslation('console');
  const [error, setError] = useState<string | null>(null);
  const run = async (note: Parameters<typeof noteAttempt>[1]) => {
    setError(null);
    try {
      await noteAttempt(a.sessionId, note);
    } catch (err) {
      setError(describeError(t, err));
    }
  };
  const toggleVoid = () => {
    if (a.voided) return void run({ voided: false });
    const reason = window.prompt(t('cohort.voidReason'));
    if (reason?.trim()) void run({ voided: true, voidReason: reason.trim() });
  };
  const comment = () => {
    const text = window.prompt(t('cohort.commentPrompt'), a.comment ?? '');
    if (text !== null) void run({ comment: text });
  };
  return (
    <span className="attempt-actions">
      <button type="button" className="ghost" onClick={toggleVoid} data-testid="attempt-void">
        {a.voided ? t('cohort.unvoid') : t('cohort.void')}
      </button>
      <button type="button" className="ghost" onClick={comment} data-testid="attempt-comment">
        {t('cohort.comment')}
      </button>
      {a.comment && <small className="hint">{a.comment}</small>}
      {error && (
        <small className="error" role="alert">
          {error}
        </small>
      )}
    </span>
  );
}
