/**
 * The server's facilitators (GET /api/facilitators), adding a colleague (POST /api/facilitators),
 * and running the team's accounts (team-accounts.tsx: disable, remove, reset link, own password).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../net/api.js';
import { useAuth } from '../auth/auth-store.js';
import { addFacilitator, listFacilitators } from './console-api.js';
import { SigningKeyCard } from './signing-key-card.js';
import { PracticeSettingCard } from './practice-setting-card.js';
import { AccountRow, OwnPassword } from './team-accounts.js';
import { usePoll } from './use-poll.js';

const USERNAME = /^[A-Za-z0-9._-]{2,32}$/;

export function TeamPage() {
  const { t } = useTranslation('console');
  const me = useAuth((s) => s.me);
  const poll = usePoll(listFacilitators, 0, 'team');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    setNote(null);
    if (!USERNAME.test(username.trim())) return setError(`${t('team.username')}: ${t('auth:usernameRule')}`);
    if (password.length < 10) return setError(`${t('team.password')}: ${t('auth:passwordRule')}`);
    if (password !== confirm) return setError(t('auth:passwordsDiffer'));
    setBusy(true);
    setError(null);
    try {
      const made = await addFacilitator(username.trim(), password);
      setNote(t('team.added', { name: made.username }));
      setUsername('');
      setPassword('');
      setConfirm('');
      poll.reload();
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  const list = poll.data;
  return (
    <div className="page team-page" data-testid="team-page">
      <header className="page-head">
        <div>
          <h1>{t('team.title')}</h1>
          <p className="hint">{t('team.lead')}</p>
        </div>
      </header>
      <div className="cohort-grid">
        <section className="card">
          {poll.error && (
            <p className="error" role="alert">
              {poll.error}
            </p>
          )}
          {!list && !poll.error && (
            <div className="skeleton-table" aria-busy="true">
              <span />
            </div>
          )}
          {list && list.length <= 1 && <p className="hint">{t('team.empty')}</p>}
          {list && list.length > 0 && (
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t('team.colName')}</th>
                  <th>{t('team.colCreated')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((x) => (
                  <AccountRow
                    key={x.id}
                    x={x}
                    me={me?.role === 'facilitator' && me.id === x.id}
                    onChanged={poll.reload}
                  />
                ))}
              </tbody>
            </table>
          )}
        </section>
        <form className="card" onSubmit={(e) => void add(e)} noValidate data-testid="facilitator-add">
          <h2>{t('team.add')}</h2>
          <label className="field">
            <span>{t('team.username')}</span>
            <input value={username} maxLength={32} autoComplete="off" onChange={(e) => setUsername(e.target.value)} />
            <small className="hint">{t('auth:usernameRule')}</small>
          </label>
          <label className="field">
            <span>{t('team.password')}</span>
            <input
              type="password"
              value={password}
              maxLength={200}
              autoComplete="new-password"
              onChange={(e) => setPassword(e.target.value)}
            />
            <small className="hint">{t('auth:passwordRule')}</small>
          </label>
          <label className="field">
            <span>{t('team.confirm')}</span>
            <input
              type="password"
              value={confirm}
              maxLength={200}
              autoComplete="new-password"
              onChange={(e) => setConfirm(e.target.value)}
            />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {note && <p className="notice">{note}</p>}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('team.adding') : t('team.add')}
          </button>
        </form>
        <OwnPassword />
        <SigningKeyCard />
        <PracticeSettingCard />
      </div>
    </div>
  );
}
