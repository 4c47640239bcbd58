/**
 * The wall's toolbar (issue 17 pt 2): which cohort, in what order, wall or table; and the actions
 * on every room shown — a message to all trainees (a facilitator notice on their screen), pause
 * or resume all, end all (confirmed with the shared ConfirmDialog).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { endAll, listCohorts, noticeAll, pauseAll, type BulkResult, type CohortListItem } from './console-api.js';
import { ErrorNote } from './error-note.js';
import { WALL_SORTS, type WallSort } from './wall-sort.js';

/** core/protocol.ts MAX_TEXT (not imported: that file brings zod into the console's chunk). */
const MAX_TEXT = 500;

export interface WallView {
  cohortId: string;
  sort: WallSort;
  mode: 'wall' | 'table';
}

export function WallToolbar({
  view,
  onView,
  live,
  onChanged,
}: {
  view: WallView;
  onView: (v: WallView) => void;
  /** Rooms whose stream runs now (pause all is for them). */
  live: number;
  onChanged: () => void;
}) {
  const { t } = useTranslation('console');
  const [cohorts, setCohorts] = useState<CohortListItem[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ what: string; r: BulkResult } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  useEffect(() => {
    listCohorts().then(setCohorts, () => undefined);
  }, []);
  const cohortId = view.cohortId || undefined;

  async function run(what: string, call: () => Promise<BulkResult>): Promise<void> {
    setBusy(what);
    setError(null);
    setResult(null);
    try {
      setResult({ what, r: await call() });
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  function notice(e: FormEvent) {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    void run('notice', () => noticeAll(body, cohortId)).then(() => setText(''));
  }

  return (
    <div className="wall-toolbar" data-testid="wall-toolbar">
      <div className="row-form">
        <label className="inline">
          <span>{t('wall.cohort')}</span>
          <select
            value={view.cohortId}
            onChange={(e) => onView({ ...view, cohortId: e.target.value })}
            data-testid="wall-cohort"
          >
            <option value="">{t('wall.allCohorts')}</option>
            {cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <span>{t('wall.sort')}</span>
          <select
            value={view.sort}
            onChange={(e) => onView({ ...view, sort: e.target.value as WallSort })}
            data-testid="wall-sort"
          >
            {WALL_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`wall.sortBy.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="segmented" role="group" aria-label={t('wall.mode')}>
          {(['wall', 'table'] as const).map((m) => (
            <button
              key={m}
              type="button"
              className={view.mode === m ? 'active' : undefined}
              aria-pressed={view.mode === m}
              onClick={() => onView({ ...view, mode: m })}
              data-testid={`wall-mode-${m}`}
            >
              {t(`wall.modes.${m}`)}
            </button>
          ))}
        </div>
      </div>
      <form className="row-form wall-actions" onSubmit={notice}>
        <input
          value={text}
          maxLength={MAX_TEXT}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('wall.noticePlaceholder')}
          aria-label={t('wall.noticePlaceholder')}
          data-testid="notice-all-text"
        />
        <button type="submit" className="primary" disabled={busy !== null || !text.trim()} data-testid="notice-all">
          {t('wall.noticeAll')}
        </button>
        <button
          type="button"
          disabled={busy !== null || live === 0}
          onClick={() => void run('pause', () => pauseAll(true, cohortId))}
          data-testid="pause-all"
        >
          {t('wall.pauseAll')}
        </button>
        <button
          type="button"
          disabled={busy !== null || live === 0}
          onClick={() => void run('resume', () => pauseAll(false, cohortId))}
          data-testid="resume-all"
        >
          {t('wall.resumeAll')}
        </button>
        {!confirmEnd && (
          <button
            type="button"
            className="danger"
            disabled={busy !== null}
            onClick={() => setConfirmEnd(true)}
            data-testid="end-all"
          >
            {t('wall.endAll')}
          </button>
        )}
      </form>
      {confirmEnd && (
        <ConfirmDialog
          message={t('wall.endAllConfirm')}
          confirmLabel={t('wall.endAllYes')}
          cancelLabel={t('panel.endNo')}
          tone="danger"
          busy={busy !== null}
          onConfirm={() => void run('end', () => endAll(cohortId)).then(() => setConfirmEnd(false))}
          onCancel={() => setConfirmEnd(false)}
          testId="end-all"
        />
      )}
      {result && (
        <p className="tag ok" role="status" data-testid="bulk-result">
          {t(`wall.done.${result.what}`, { count: result.r.done.length })}
          {result.r.refused.length > 0 && ` · ${t('wall.refused', { count: result.r.refused.length })}`}
        </p>
      )}
      <ErrorNote error={error} testId="bulk-error" />
    </div>
  );
}
