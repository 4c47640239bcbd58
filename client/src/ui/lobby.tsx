/**
 * The lobby, drawn over the 3D branch: a join form (role, code prefilled from an invitation link
 * `/join/CODE` or the local demo room, display name) open to anyone, and the scenarios with
 * "new rehearsal" for a logged-in facilitator (docs/ACCESS.md) and "practise alone" wherever the
 * server allows self-practice (docs/WORKSHOP.md). Failures show inline.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../core/events.js';
import {
  createSession,
  describeError,
  fetchDemo,
  fetchScenarios,
  type DemoRoom,
  type ScenarioSummary,
} from '../net/api.js';
import { fetchPractice, startPractice } from '../net/practice-api.js';
import { sessionClient } from '../net/session-client.js';
import { uiStore, useUi } from '../stores/ui-store.js';
import { AccountMenu } from '../auth/account-menu.js';
import { isFacilitator, useAuth } from '../auth/auth-store.js';
import { linkClick, navigate } from '../router.js';
import { pick } from './i18n.js';
import { ScriptReviewPanel } from './script-review.js';

type LobbyRole = Exclude<Role, 'bot'>;
const LOBBY_ROLES: readonly LobbyRole[] = ['trainee', 'facilitator', 'observer'];

export function Lobby({ inviteCode }: { inviteCode?: string } = {}) {
  const { t } = useTranslation('lobby');
  const lang = useUi((s) => s.lang);
  const [scenarios, setScenarios] = useState<ScenarioSummary[] | null>(null);
  const [scenarioError, setScenarioError] = useState<string | null>(null);
  const [demo, setDemo] = useState<DemoRoom | null | undefined>(undefined);
  const [role, setRole] = useState<LobbyRole>('trainee');
  const me = useAuth((s) => s.me);
  const [typedCode, setTypedCode] = useState<string | null>(inviteCode ?? null);
  const [name, setName] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Self-practice is open to this browser (server/practice/practice-routes.ts). */
  const [practice, setPractice] = useState<boolean | null>(null);
  /** The scenario whose pre-broadcast script review is open. */
  const [reviewing, setReviewing] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchScenarios().then(
      (list) => live && setScenarios(list),
      (err: unknown) => live && setScenarioError(err instanceof Error ? err.message : String(err)),
    );
    fetchDemo().then(
      (d) => live && setDemo(d),
      () => live && setDemo(null),
    );
    fetchPractice().then(
      (p) => live && setPractice(p.allowed),
      () => live && setPractice(false),
    );
    return () => {
      live = false;
    };
  }, []);

  // Until the user types a code, show the demo room's code for the chosen role.
  const demoCode = demo?.codes[role] ?? '';
  const code = typedCode ?? demoCode;
  const displayName = name ?? t('defaultName');

  async function join(joinCode: string, joinRole: LobbyRole, key: string): Promise<boolean> {
    setBusy(key);
    setError(null);
    const ack = await sessionClient.join({
      code: joinCode.trim(),
      role: joinRole,
      name: displayName.trim() || t('defaultName'),
    });
    setBusy(null);
    if (!ack.ok) {
      setError(t('common:errorCode', { code: ack.code, message: ack.message }));
      return false;
    }
    uiStore.setState({ view: 'rehearsal', replyTo: null });
    return true;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    uiStore.setState({ createdCodes: null });
    await join(code, role, 'join');
  }

  async function newRehearsal(scenarioId: string) {
    setBusy(scenarioId);
    setError(null);
    try {
      const created = await createSession(scenarioId);
      if (await join(created.codes.trainee, 'trainee', scenarioId)) uiStore.setState({ createdCodes: created.codes });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(null);
    }
  }

  /** Self-practice: a room of one's own with the scenario's audience, then join it as the host. */
  async function practise(scenarioId: string) {
    setBusy(`practice:${scenarioId}`);
    setError(null);
    try {
      const made = await startPractice(scenarioId);
      uiStore.setState({ createdCodes: null });
      await join(made.codes.trainee, 'trainee', `practice:${scenarioId}`);
    } catch (err) {
      setError(describeError(t, err));
      setBusy(null);
    }
  }

  return (
    <div className="lobby" data-testid="lobby">
      <header className="lobby-head">
        <h1>{t('common:appTitle')}</h1>
        <p>{t('common:appTagline')}</p>
        <nav className="lobby-nav">
          <button type="button" className="ghost" onClick={() => navigate('/sessions')} data-testid="open-replays">
            {t('common:nav.replays')}
          </button>
          {isFacilitator(me) && (
            <button type="button" className="ghost" onClick={() => navigate('/console')} data-testid="open-console">
              {t('common:nav.console')}
            </button>
          )}
          <AccountMenu />
        </nav>
      </header>

      <form className="panel join-form" onSubmit={onSubmit} data-testid="join-form">
        <h2>{t('joinTitle')}</h2>
        <fieldset className="roles">
          <legend>{t('role')}</legend>
          {LOBBY_ROLES.map((r) => (
            <label key={r} className={r === role ? 'role selected' : 'role'}>
              <input
                type="radio"
                name="role"
                value={r}
                checked={r === role}
                onChange={() => setRole(r)}
                data-testid={`lobby-role-${r}`}
              />
              {t(`common:role.${r}`)}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('code')}</span>
          <input
            value={code}
            onChange={(e) => setTypedCode(e.target.value.toUpperCase())}
            placeholder={t('codePlaceholder')}
            autoComplete="off"
            spellCheck={false}
            data-testid="lobby-code"
          />
        </label>
        <p className="hint" data-testid="lobby-demo-hint">
          {inviteCode && code === inviteCode
            ? t('linkHint')
            : demo === undefined
              ? '\u00a0'
              : demo && code === demoCode
                ? t('demoHint')
                : demo
                  ? '\u00a0'
                  : t('noDemo')}
        </p>
        <label className="field">
          <span>{t('name')}</span>
          <input
            value={displayName}
            onChange={(e) => setName(e.target.value)}
            maxLength={32}
            data-testid="lobby-name"
          />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="lobby-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy !== null || !code.trim()} data-testid="lobby-join">
          {busy === 'join' ? t('joining') : t('join')}
        </button>
      </form>

      <section
        className="panel scenarios"
        data-testid="scenario-list"
        data-practice={practice === null ? '' : practice ? '1' : '0'}
      >
        <h2>{t('scenarios')}</h2>
        {me !== undefined && !isFacilitator(me) && (
          <p className="hint" data-testid="login-to-create">
            <a href="/login?next=%2F" onClick={linkClick('/login?next=%2F')}>
              {t('loginToCreate')}
            </a>
          </p>
        )}
        {practice && (
          <p className="hint" data-testid="practice-hint">
            {t('practiceHint')}
          </p>
        )}
        {scenarioError && <p className="error">{t('scenariosError', { message: scenarioError })}</p>}
        {!scenarios && !scenarioError && <p className="hint">{t('scenariosLoading')}</p>}
        {scenarios?.length === 0 && <p className="hint">{t('scenariosEmpty')}</p>}
        <ul>
          {scenarios?.map((s) => (
            <li key={s.id} className="scenario" data-testid="scenario-item" data-scenario-id={s.id}>
              <div className="scenario-text">
                <strong>{pick(s.title, lang)}</strong>
                <p>{pick(s.summary, lang)}</p>
                <small>
                  {t('programmeRef')} <span className="programme-ref">{s.programmeRef}</span> ·{' '}
                  {t('segmentsCount', { count: s.segments })}
                  {demo?.scenarioId === s.id ? ` · ${t('demo')}` : ''}
                </small>
                {reviewing === s.id && <ScriptReviewPanel scenarioId={s.id} />}
              </div>
              <button
                type="button"
                className="ghost"
                onClick={() => setReviewing(reviewing === s.id ? null : s.id)}
                aria-expanded={reviewing === s.id}
                data-testid="scenario-review"
              >
                {t('scriptReview')}
              </button>
              {practice && (
                <button
                  type="button"
                  onClick={() => void practise(s.id)}
                  disabled={busy !== null}
                  data-testid="scenario-practice"
                >
                  {busy === `practice:${s.id}` ? t('practiceStarting') : t('practice')}
                </button>
              )}
              {isFacilitator(me) && (
                <button
                  type="button"
                  onClick={() => void newRehearsal(s.id)}
                  disabled={busy !== null}
                  data-testid="scenario-new"
                >
                  {busy === s.id ? t('creating') : t('newRehearsal')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
