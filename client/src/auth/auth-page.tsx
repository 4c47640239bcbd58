/**
 * The facilitator's sign-in (`/login`) and first-account set-up (`/setup#token=…`) pages: a lazy
 * chunk. Errors name what was wrong; a rate-limited sign-in says how long to wait (Retry-After).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { describeError } from '../net/api.js';
import { linkClick, navigate, type Route } from '../router.js';
import { ApiError, isFacilitator, login, setupFirst, useAuth } from './auth-store.js';
import './auth.css';

const USERNAME = /^[A-Za-z0-9._-]{2,32}$/;

function errorText(t: TFunction<'auth'>, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'RATE_LIMITED' || err.status === 429)
      return err.retryAfterSec ? t('rateLimited', { sec: err.retryAfterSec }) : t('rateLimitedSoon');
    if (err.code === 'BAD_LOGIN') return t('badLogin');
    if (err.code === 'BAD_TOKEN') return t('badToken');
    if (err.code === 'SETUP_DONE') return t('setupDone');
    // A colleague disabled the account (issue 17 pt 8): said only after the right password.
    if (err.code === 'FORBIDDEN' && /disabled/.test(err.message)) return t('accountDisabled');
  }
  // Anything else (BAD_PAYLOAD naming the field, …): a sentence by code plus the server's detail.
  return describeError(t, err);
}

function Card({ title, lead, children }: { title: string; lead: string; children: ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <div className="auth-page">
      <div className="auth-card panel">
        <a className="auth-brand" href="/" onClick={linkClick('/')}>
          <span className="brand-mark" aria-hidden="true" />
          {t('appTitle')}
        </a>
        <h1>{title}</h1>
        <p className="hint">{lead}</p>
        {children}
      </div>
    </div>
  );
}

function LoginPage({ next }: { next: string | null }) {
  const { t } = useTranslation('auth');
  const me = useAuth((s) => s.me);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) return setError(t('fieldsRequired'));
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(next ?? '/console', { replace: true });
    } catch (err) {
      setError(errorText(t, err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('loginTitle')} lead={t('loginLead')}>
      {isFacilitator(me) && (
        <p className="notice" data-testid="login-already">
          {t('alreadySignedIn', { name: me.username })}{' '}
          <a href="/console" onClick={linkClick('/console')}>
            {t('openConsole')}
          </a>
        </p>
      )}
      {me?.role === 'anonymous' && me.setupRequired && <p className="notice">{t('setupNeeded')}</p>}
      <form className="auth-form" onSubmit={(e) => void submit(e)} data-testid="login-form" noValidate>
        <label className="field">
          <span>{t('username')}</span>
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoFocus
            maxLength={32}
            data-testid="login-username"
          />
        </label>
        <label className="field">
          <span>{t('password')}</span>
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            maxLength={200}
            data-testid="login-password"
          />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
      <p className="hint small">{t('traineeHint')}</p>
      <a href="/" onClick={linkClick('/')}>
        ← {t('backToLobby')}
      </a>
    </Card>
  );
}

function SetupPage({ token }: { token: string }) {
  const { t } = useTranslation('auth');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!USERNAME.test(username.trim())) return setError(`${t('username')}: ${t('usernameRule')}`);
    if (password.length < 10) return setError(`${t('password')}: ${t('passwordRule')}`);
    if (password !== confirm) return setError(t('passwordsDiffer'));
    setBusy(true);
    setError(null);
    try {
      await setupFirst(token, username.trim(), password);
      // The token is spent: drop it from the address bar and history.
      navigate('/console', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SETUP_DONE') setDone(true);
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  if (!token)
    return (
      <Card title={t('setupTitle')} lead={t('setupNoToken')}>
        <a href="/login" onClick={linkClick('/login')}>
          {t('goLogin')}
        </a>
      </Card>
    );
  return (
    <Card title={t('setupTitle')} lead={t('setupLead')}>
      <form className="auth-form" onSubmit={(e) => void submit(e)} data-testid="setup-form" noValidate>
        <label className="field">
          <span>{t('username')}</span>
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoFocus
            maxLength={32}
            data-testid="setup-username"
          />
          <small className="hint">{t('usernameRule')}</small>
        </label>
        <label className="field">
          <span>{t('password')}</span>
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            maxLength={200}
            data-testid="setup-password"
          />
          <small className="hint">{t('passwordRule')}</small>
        </label>
        <label className="field">
          <span>{t('passwordConfirm')}</span>
          <input
            type="password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            autoComplete="new-password"
            maxLength={200}
            data-testid="setup-confirm"
          />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="setup-error">
            {error}
          </p>
        )}
        {done ? (
          <a className="button primary" href="/login" onClick={linkClick('/login')}>
            {t('goLogin')}
          </a>
        ) : (
          <button type="submit" className="primary" disabled={busy} data-testid="setup-submit">
            {busy ? t('creating') : t('create')}
          </button>
        )}
      </form>
    </Card>
  );
}

export default function AuthPage({ route }: { route: Extract<Route, { page: 'login' | 'setup' }> }) {
  return route.page === 'login' ? <LoginPage next={route.next} /> : <SetupPage token={route.token} />;
}
