/** The cohorts list: each cohort's size and sessions, and a form to create one. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../net/api.js';
import { linkClick, navigate } from '../router.js';
import { useFormats } from '../ui/format.js';
import { createCohort, listCohorts } from './console-api.js';
import { usePoll } from './use-poll.js';

export function CohortsPage() {
  const { t } = useTranslation('console');
  const f = useFormats();
  const poll = usePoll(listCohorts, 0, 'cohorts');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const c = await createCohort(name.trim());
      navigate(`/console/cohorts/${encodeURIComponent(c.id)}`);
    } catch (err) {
      setError(describeError(t, err));
      setBusy(false);
    }
  }

  const cohorts = poll.data;
  return (
    <div className="page cohorts-page" data-testid="cohorts-page">
      <header className="page-head">
        <div>
          <h1>{t('cohorts.title')}</h1>
          <p className="hint">{t('cohorts.lead')}</p>
        </div>
      </header>
      <form className="card create-cohort" onSubmit={(e) => void create(e)} data-testid="cohort-create">
        <label className="field grow">
          <span>{t('cohorts.name')}</span>
          <input
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('cohorts.namePlaceholder')}
            data-testid="cohort-name"
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !name.trim()} data-testid="cohort-create-submit">
          {busy ? t('cohorts.creating') : t('cohorts.create')}
        </button>
        {error && (
          <p className="error full" role="alert">
            {error}
          </p>
        )}
      </form>
      {poll.error && (
        <p className="error" role="alert">
          {poll.error}
        </p>
      )}
      {!cohorts && !poll.error && (
        <div className="skeleton-table" aria-busy="true">
          <span />
          <span />
        </div>
      )}
      {cohorts?.length === 0 && (
        <div className="empty-state" data-testid="cohorts-empty">
          <div className="empty-icon" aria-hidden="true" />
          <p>{t('cohorts.empty')}</p>
        </div>
      )}
      {cohorts && cohorts.length > 0 && (
        <ul className="cohort-cards">
          {cohorts.map((c) => {
            const href = `/console/cohorts/${encodeURIComponent(c.id)}`;
            return (
              <li key={c.id} className="card cohort-card" data-testid="cohort-card" data-cohort-id={c.id}>
                <a href={href} onClick={linkClick(href)} className="cohort-name">
                  {c.name}
                </a>
                <p className="hint">{t('cohorts.created', { date: f.dateTime(c.createdAt) })}</p>
                <div className="cohort-stats">
                  <span>{t('cohorts.trainees', { count: c.trainees })}</span>
                  <span>{t('cohorts.sessions', { count: c.sessions })}</span>
                  {c.liveSessions > 0 && (
                    <span className="pill status-live">
                      <i className="dot" />
                      {t('cohorts.live', { count: c.liveSessions })}
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
