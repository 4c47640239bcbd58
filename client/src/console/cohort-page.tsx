/**
 * One cohort: its trainees (paste a list of names), assigning a scenario to all or some and
 * starting their sessions at once, every session's join code and link, and the progress view
 * (a lazy chunk with the charts).
 */
import { lazy, Suspense, useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fetchScenarios, type ScenarioSummary } from '../net/api.js';
import { sessionClient } from '../net/session-client.js';
import { linkClick, navigate } from '../router.js';
import { uiStore, useUi } from '../stores/ui-store.js';
import { useFormats } from '../ui/format.js';
import { pick } from '../ui/i18n.js';
import {
  addTrainees,
  fetchCohort,
  fetchProgress,
  removeTrainee,
  resultsCsvUrl,
  type CohortDetail,
  type StartedSessions,
} from './console-api.js';
import { StartSessions } from './start-sessions.js';
import { CopyButton } from './copy-button.js';
import { joinUrlAt, useJoinOrigin, useLinks } from './join-links.js';
import { LinksOriginNote, QrToggle } from './join-qr.js';
import { parseNames } from './parse.js';
import { usePoll } from './use-poll.js';

const ProgressView = lazy(() => import('./progress-view.js'));

/** While a session of the cohort is live, its progress and statuses change: poll them. */
const COHORT_POLL_MS = 4000;

function Trainees({
  cohort,
  selected,
  setSelected,
  onChanged,
}: {
  cohort: CohortDetail;
  selected: Set<string>;
  setSelected: (s: Set<string>) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation('console');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const names = parseNames(text);
  const withAttempts = new Set(cohort.assignments.map((a) => a.traineeId));

  async function add(e: FormEvent) {
    e.preventDefault();
    if (names.length === 0) return;
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const made = await addTrainees(cohort.id, names);
      setText('');
      setNote(t('cohort.added', { count: made.trainees.length }));
      onChanged();
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: string) {
    setError(null);
    try {
      await removeTrainee(cohort.id, id);
      const next = new Set(selected);
      next.delete(id);
      setSelected(next);
      onChanged();
    } catch (err) {
      setError(describeError(t, err));
    }
  }

  const all = cohort.trainees.length > 0 && cohort.trainees.every((tr) => selected.has(tr.id));
  return (
    <section className="card" data-testid="trainees-card">
      <h2>
        {t('cohort.trainees')} <span className="count">{cohort.trainees.length}</span>
      </h2>
      {cohort.trainees.length === 0 ? (
        <p className="hint">{t('cohort.traineesEmpty')}</p>
      ) : (
        <ul className="trainee-list">
          <li className="select-all">
            <label>
              <input
                type="checkbox"
                checked={all}
                onChange={() => setSelected(all ? new Set() : new Set(cohort.trainees.map((tr) => tr.id)))}
              />
              {t('cohort.selectAll')}
            </label>
          </li>
          {cohort.trainees.map((tr) => (
            <li key={tr.id} data-testid="trainee-item" data-trainee-id={tr.id}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.has(tr.id)}
                  onChange={() => {
                    const next = new Set(selected);
                    if (next.has(tr.id)) next.delete(tr.id);
                    else next.add(tr.id);
                    setSelected(next);
                  }}
                  data-testid="trainee-select"
                />
                <span className="avatar small" aria-hidden="true">
                  {tr.name.slice(0, 1)}
                </span>
                {tr.name}
              </label>
              {!withAttempts.has(tr.id) && (
                <button type="button" className="ghost small" onClick={() => void remove(tr.id)}>
                  {t('cohort.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="paste-form" onSubmit={(e) => void add(e)}>
        <label className="field">
          <span>{t('cohort.paste')}</span>
          <textarea
            rows={4}
            value={text}
            maxLength={4000}
            onChange={(e) => setText(e.target.value)}
            data-testid="trainee-names"
          />
          <small className="hint">{t('cohort.pasteHint')}</small>
        </label>
        <button type="submit" disabled={busy || names.length === 0} data-testid="trainee-add">
          {busy ? t('cohort.adding') : `${t('cohort.add')}${names.length ? ` (${names.length})` : ''}`}
        </button>
        {note && <span className="tag ok">{note}</span>}
      </form>
      {error && (
        <p className="error" role="alert" data-testid="trainee-error">
          {error}
        </p>
      )}
    </section>
  );
}

function JoinLinks({ cohort, started }: { cohort: CohortDetail; started: StartedSessions | null }) {
  const { t } = useTranslation('console');
  const lang = useUi((s) => s.lang);
  const f = useFormats();
  const links = useLinks();
  const origin = useJoinOrigin();
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>([]);
  useEffect(() => {
    fetchScenarios().then(setScenarios, () => undefined);
  }, []);
  const title = (id: string) => {
    const s = scenarios.find((x) => x.id === id);
    return s ? pick(s.title, lang) : id;
  };
  const rows = [...cohort.assignments].sort((a, b) => b.startedAt - a.startedAt);

  async function watch(code: string) {
    const ack = await sessionClient.join({ code, role: 'observer', name: t('common:role.facilitator') });
    if (!ack.ok) return;
    uiStore.setState({ view: 'rehearsal', replyTo: null, createdCodes: null, returnTo: location.pathname });
    navigate('/');
  }

  return (
    <section className="card wide" data-testid="links-card">
      <h2>{t('cohort.links')}</h2>
      <LinksOriginNote origin={origin} publicUrl={links?.publicUrl ?? null} lan={links?.lan ?? []} />
      {started && (
        <p className="notice" role="status" data-testid="started-note">
          {t('cohort.started', { count: started.sessions.length })}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="hint">{t('cohort.linksEmpty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('cohort.colTrainee')}</th>
                <th>{t('cohort.colScenario')}</th>
                <th>{t('cohort.colStatus')}</th>
                <th>{t('cohort.colCode')}</th>
                <th>{t('cohort.colLink')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => {
                const url = joinUrlAt(origin, a.joinCode);
                return (
                  <tr key={a.sessionId} data-testid="assignment-row" data-session-id={a.sessionId}>
                    <td className="strong">{a.traineeName}</td>
                    <td>
                      {title(a.scenarioId)}
                      <div className="hint">{f.dateTime(a.startedAt)}</div>
                    </td>
                    <td>
                      <span className={`pill status-${a.status}`}>
                        {a.status === 'live' && <i className="dot" />}
                        {a.status === 'live' ? t('cohort.live') : t('cohort.ended')}
                      </span>
                    </td>
                    <td>
                      <code className="join-code" data-testid="assignment-code">
                        {a.joinCode}
                      </code>{' '}
                      <CopyButton text={a.joinCode} label={t('cohort.copyCode')} />
                    </td>
                    <td className="link-cell">
                      <a href={url} target="_blank" rel="noreferrer" data-testid="assignment-link">
                        {url}
                      </a>{' '}
                      <CopyButton text={url} label={t('cohort.copyLink')} testId="copy-link" />{' '}
                      <QrToggle url={url} name={a.traineeName} />
                    </td>
                    <td>
                      {a.status === 'live' && (
                        <button type="button" className="ghost" onClick={() => void watch(a.observerCode)}>
                          {t('cohort.observe')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function CohortPage({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation('console');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [started, setStarted] = useState<StartedSessions | null>(null);
  const detail = usePoll(() => fetchCohort(cohortId), COHORT_POLL_MS, `cohort:${cohortId}`);
  const progress = usePoll(() => fetchProgress(cohortId), COHORT_POLL_MS, `progress:${cohortId}`);
  const cohort = detail.data;
  const { reload: reloadDetail } = detail;
  const { reload: reloadProgress } = progress;
  const reload = useCallback(() => {
    reloadDetail();
    reloadProgress();
  }, [reloadDetail, reloadProgress]);

  if (detail.status === 404)
    return (
      <div className="page">
        <div className="empty-state" data-testid="cohort-missing">
          <p>{t('cohort.notFound')}</p>
          <a href="/console/cohorts" onClick={linkClick('/console/cohorts')}>
            ← {t('cohort.back')}
          </a>
        </div>
      </div>
    );

  return (
    <div className="page cohort-page" data-testid="cohort-page">
      <header className="page-head">
        <div>
          <a className="crumb" href="/console/cohorts" onClick={linkClick('/console/cohorts')}>
            ← {t('cohort.back')}
          </a>
          <h1 data-testid="cohort-title">{cohort?.name ?? '\u00a0'}</h1>
        </div>
        <a className="button" href={resultsCsvUrl(cohortId)} download data-testid="cohort-csv">
          {t('cohort.csv')}
        </a>
      </header>
      {detail.error && !cohort && (
        <p className="error" role="alert">
          {detail.error}
        </p>
      )}
      {!cohort && !detail.error && (
        <div className="skeleton-table" aria-busy="true">
          <span />
          <span />
        </div>
      )}
      {cohort && (
        <div className="cohort-grid">
          <Trainees cohort={cohort} selected={selected} setSelected={setSelected} onChanged={reload} />
          <StartSessions
            cohort={cohort}
            selected={selected}
            onStarted={(r) => {
              setStarted(r);
              reload();
            }}
          />
          <JoinLinks cohort={cohort} started={started} />
        </div>
      )}
      <section className="progress-section" data-testid="progress-section">
        <h2 className="section-title">{t('cohort.progress')}</h2>
        {progress.error && !progress.data && (
          <p className="error" role="alert">
            {progress.error}
          </p>
        )}
        {progress.data && (
          <Suspense
            fallback={
              <div className="skeleton-table" aria-busy="true">
                <span />
              </div>
            }
          >
            <ProgressView progress={progress.data} />
          </Suspense>
        )}
      </section>
    </div>
  );
}
