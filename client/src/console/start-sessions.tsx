/**
 * Assigning a scenario to all or some of a cohort's trainees and starting their sessions. A start
 * for trainees who already have a live or unstarted session asks first (issue 12 pt 8): start
 * only the others, start another anyway, or cancel.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BOT_RATE, MAX_BOTS } from '../../../core/audience/limits.js';
import { describeError, fetchScenarios, type ScenarioSummary } from '../net/api.js';
import { useUi } from '../stores/ui-store.js';
import { pick } from '../ui/i18n.js';
import { startSessions, type CohortDetail, type ExistingSession, type StartedSessions } from './console-api.js';

export function StartSessions({
  cohort,
  selected,
  onStarted,
}: {
  cohort: CohortDetail;
  selected: Set<string>;
  onStarted: (r: StartedSessions) => void;
}) {
  const { t } = useTranslation('console');
  const lang = useUi((s) => s.lang);
  const [scenarios, setScenarios] = useState<ScenarioSummary[] | null>(null);
  const [scenarioId, setScenarioId] = useState('');
  const [count, setCount] = useState('');
  const [rate, setRate] = useState('');
  const [ramp, setRamp] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Trainees who already have an open session: the server asked first, so do we.
  const [conflict, setConflict] = useState<{ ids: string[] | undefined; existing: ExistingSession[] } | null>(null);

  useEffect(() => {
    fetchScenarios().then(setScenarios, (err: unknown) => setError(describeError(t, err)));
    // Loaded once per mount; a language switch does not need a refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const chosen = scenarioId || scenarios?.[0]?.id || '';
  const picked = cohort.trainees.filter((tr) => selected.has(tr.id)).map((tr) => tr.id);

  async function start(ids: string[] | undefined, onExisting?: 'force' | 'skipExisting') {
    setBusy(true);
    setError(null);
    setConflict(null);
    const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
    const bots = { count: num(count), ratePerMinute: num(rate), rampSec: num(ramp) };
    const anyBots = Object.values(bots).some((v) => v !== undefined);
    try {
      const made = await startSessions(cohort.id, {
        scenarioId: chosen,
        ...(ids ? { traineeIds: ids } : {}),
        ...(anyBots ? { bots: JSON.parse(JSON.stringify(bots)) as typeof bots } : {}),
        ...(onExisting ? { onExisting } : {}),
      });
      if ('conflict' in made) setConflict({ ids, existing: made.conflict });
      else onStarted(made);
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="start-card">
      <h2>{t('cohort.assign')}</h2>
      <label className="field">
        <span>{t('cohort.scenario')}</span>
        <select value={chosen} onChange={(e) => setScenarioId(e.target.value)} data-testid="start-scenario">
          {scenarios?.map((s) => (
            <option key={s.id} value={s.id}>
              {pick(s.title, lang)}
            </option>
          ))}
        </select>
      </label>
      <div className="row-form">
        <label className="field">
          <span>{t('cohort.botsCount')}</span>
          <input
            type="number"
            min={0}
            max={MAX_BOTS}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            data-testid="start-bots"
          />
        </label>
        <label className="field">
          <span>{t('cohort.botsRate')}</span>
          <input
            type="number"
            min={0}
            max={MAX_BOT_RATE}
            step={0.5}
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            data-testid="start-rate"
          />
        </label>
        <label className="field">
          <span>{t('cohort.botsRamp')}</span>
          <input
            type="number"
            min={0}
            max={600}
            value={ramp}
            onChange={(e) => setRamp(e.target.value)}
            data-testid="start-ramp"
          />
        </label>
      </div>
      <p className="hint">{t('cohort.defaults')}</p>
      <div className="row-form">
        <button
          type="button"
          className="primary"
          disabled={busy || !chosen || cohort.trainees.length === 0}
          onClick={() => void start(undefined)}
          data-testid="start-all"
        >
          {busy ? t('cohort.starting') : t('cohort.forAll')}
        </button>
        <button
          type="button"
          disabled={busy || !chosen || picked.length === 0}
          onClick={() => void start(picked)}
          data-testid="start-selected"
        >
          {t('cohort.forSelected', { count: picked.length })}
        </button>
      </div>
      {conflict && (
        <div className="confirm" role="alertdialog" data-testid="start-conflict">
          <p>{t('cohort.conflict', { count: conflict.existing.length })}</p>
          <ul>
            {conflict.existing.map((e) => (
              <li key={e.sessionId}>
                {e.name} · {t(`cohort.conflictState.${e.state}`)} · <code>{e.joinCode}</code>
              </li>
            ))}
          </ul>
          <div className="row-form">
            <button type="button" onClick={() => void start(conflict.ids, 'skipExisting')} data-testid="start-skip">
              {t('cohort.conflictSkip')}
            </button>
            <button type="button" onClick={() => void start(conflict.ids, 'force')} data-testid="start-force">
              {t('cohort.conflictForce')}
            </button>
            <button type="button" className="ghost" onClick={() => setConflict(null)} data-testid="start-cancel">
              {t('cohort.conflictCancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="start-error">
          {error}
        </p>
      )}
    </section>
  );
}
