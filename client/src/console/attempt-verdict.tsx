/**
 * The gradebook's per-attempt verdict (issue 12 pt 8): a never-started attempt reads 未开始 (no
 * score), a voided one shows its reason, and the facilitator voids/restores or comments here.
 * Voided and never-started attempts count in no statistic (core/workshop/progress.ts `counted`).
 * The reason and the comment are asked for in the shared ConfirmDialog, never window.prompt.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../net/api.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
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
        {a.voidReason ? t('cohort.voidedWith', { reason: a.voidReason }) : t('cohort.voided')}
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
  const { t } = useTranslation(['console', 'common']);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState<'void' | 'comment' | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (note: Parameters<typeof noteAttempt>[1]) => {
    setError(null);
    setBusy(true);
    try {
      await noteAttempt(a.sessionId, note);
      setAsking(null);
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="attempt-actions">
      {asking === null && (
        <>
          <button
            type="button"
            className="ghost"
            disabled={busy}
            onClick={() => (a.voided ? void run({ voided: false }) : setAsking('void'))}
            data-testid="attempt-void"
          >
            {a.voided ? t('cohort.unvoid') : t('cohort.void')}
          </button>
          <button type="button" className="ghost" onClick={() => setAsking('comment')} data-testid="attempt-comment">
            {t('cohort.comment')}
          </button>
        </>
      )}
      {asking === 'void' && (
        <ConfirmDialog
          message={t('cohort.voidConfirm')}
          confirmLabel={t('cohort.voidYes')}
          cancelLabel={t('common:cancel')}
          tone="danger"
          busy={busy}
          input={{ label: t('cohort.voidReason'), required: true, maxLength: 500 }}
          onConfirm={(reason) => void run({ voided: true, voidReason: reason })}
          onCancel={() => setAsking(null)}
          testId="void"
        />
      )}
      {asking === 'comment' && (
        <ConfirmDialog
          message={t('cohort.commentPrompt')}
          confirmLabel={t('cohort.commentSave')}
          cancelLabel={t('common:cancel')}
          busy={busy}
          input={{ label: t('cohort.comment'), initial: a.comment ?? '', maxLength: 500 }}
          // An empty comment removes it.
          onConfirm={(text) => void run({ comment: text === '' ? null : text })}
          onCancel={() => setAsking(null)}
          testId="comment"
        />
      )}
      {a.comment && (
        <small className="hint" data-testid="attempt-comment-text">
          {a.comment}
        </small>
      )}
      {error && (
        <small className="error" role="alert">
          {error}
        </small>
      )}
    </span>
  );
}
