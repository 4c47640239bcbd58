/**
 * A colleague's one-time password reset link (`/reset#token=…`, issue 17 pt 8): choose a new
 * password, be signed in, land on the console. The token leaves the address bar once spent.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshMe } from '../auth/auth-store.js';
import { navigate } from '../router.js';
import { resetPassword } from './console-api.js';
import { ErrorNote } from './error-note.js';
import './console.css';

export default function ResetPage({ token }: { token: string }) {
  const { t } = useTranslation('console');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password.length < 10) return setError(`${t('team.newPassword')}: ${t('auth:passwordRule')}`);
    if (password !== confirm) return setError(t('auth:passwordsDiffer'));
    setBusy(true);
    setError(null);
    try {
      await resetPassword(token, password);
      await refreshMe();
      navigate('/console', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page reset-page" data-testid="reset-page">
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>{t('reset.title')}</h1>
        {!token ? (
          <p className="error">{t('reset.noToken')}</p>
        ) : (
          <>
            <p className="hint">{t('reset.lead')}</p>
            <label className="field">
              <span>{t('team.newPassword')}</span>
              <input
                type="password"
                value={password}
                autoComplete="new-password"
                onChange={(e) => setPassword(e.target.value)}
                data-testid="reset-password"
              />
              <small className="hint">{t('auth:passwordRule')}</small>
            </label>
            <label className="field">
              <span>{t('team.confirm')}</span>
              <input
                type="password"
                value={confirm}
                autoComplete="new-password"
                onChange={(e) => setConfirm(e.target.value)}
                data-testid="reset-confirm"
              />
            </label>
            <ErrorNote error={error} testId="reset-error" />
            <button type="submit" className="primary" disabled={busy} data-testid="reset-submit">
              {t('reset.submit')}
            </button>
          </>
        )}
      </form>
    </div>
  );
}
