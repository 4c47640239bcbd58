/**
 * A team's accounts (issue 17 pt 8): per colleague, disable/enable, remove (confirmed) and a
 * one-time reset link to hand over (with its QR code); and one's own password change. The server
 * refuses to disable or remove the last account that can log in; the sentence says so.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { useFormats } from '../ui/format.js';
import {
  changeOwnPassword,
  makeResetLink,
  removeFacilitator,
  setFacilitatorDisabled,
  type Facilitator,
} from './console-api.js';
import { CopyButton } from './copy-button.js';
import { ErrorNote } from './error-note.js';
import { useJoinOrigin } from './join-links.js';

export function AccountRow({ x, me, onChanged }: { x: Facilitator; me: boolean; onChanged: () => void }) {
  const { t } = useTranslation('console');
  const f = useFormats();
  const origin = useJoinOrigin();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState<'remove' | 'disable' | null>(null);
  const [reset, setReset] = useState<{ url: string; expiresAt: number } | null>(null);

  async function run(call: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await call();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  }

  return (
    <tr data-testid="facilitator-row" data-username={x.username} data-disabled={x.disabled}>
      <td className="strong">
        {x.username} {me && <span className="hint">{t('team.you')}</span>}
        {x.disabled && <span className="tag">{t('team.disabled')}</span>}
      </td>
      <td>{f.dateTime(x.createdAt)}</td>
      <td className="account-actions">
        {confirm ? (
          <ConfirmDialog
            message={t(confirm === 'remove' ? 'team.removeConfirm' : 'team.disableConfirm', { name: x.username })}
            confirmLabel={t(confirm === 'remove' ? 'team.remove' : 'team.disable')}
            cancelLabel={t('panel.endNo')}
            tone="danger"
            busy={busy}
            onConfirm={() =>
              void run(() => (confirm === 'remove' ? removeFacilitator(x.id) : setFacilitatorDisabled(x.id, true)))
            }
            onCancel={() => setConfirm(null)}
            testId={`account-${confirm}`}
          />
        ) : (
          <div className="row-form">
            {x.disabled ? (
              <button type="button" disabled={busy} onClick={() => void run(() => setFacilitatorDisabled(x.id, false))}>
                {t('team.enable')}
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => setConfirm('disable')} data-testid="account-disable">
                {t('team.disable')}
              </button>
            )}
            {!me && (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void run(async () => {
                    const r = await makeResetLink(x.id);
                    setReset({ url: `${origin}/reset#token=${r.token}`, expiresAt: r.expiresAt });
                  })
                }
                data-testid="account-reset"
              >
                {t('team.resetLink')}
              </button>
            )}
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => setConfirm('remove')}
              data-testid="account-remove"
            >
              {t('team.remove')}
            </button>
          </div>
        )}
        {reset && (
          <p className="notice" data-testid="reset-link">
            {t('team.resetMade', { time: f.dateTime(reset.expiresAt) })} <code>{reset.url}</code>{' '}
            <CopyButton text={reset.url} label={t('team.resetLink')} />
          </p>
        )}
        <ErrorNote error={error} testId="account-error" />
      </td>
    </tr>
  );
}

export function OwnPassword() {
  const { t } = useTranslation('console');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (next.length < 10) return setError(`${t('team.newPassword')}: ${t('auth:passwordRule')}`);
    if (next !== confirm) return setError(t('auth:passwordsDiffer'));
    setBusy(true);
    setError(null);
    try {
      await changeOwnPassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate data-testid="own-password">
      <h2>{t('team.ownPassword')}</h2>
      <p className="hint">{t('team.ownPasswordLead')}</p>
      <label className="field">
        <span>{t('team.currentPassword')}</span>
        <input
          type="password"
          value={current}
          autoComplete="current-password"
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('team.newPassword')}</span>
        <input type="password" value={next} autoComplete="new-password" onChange={(e) => setNext(e.target.value)} />
        <small className="hint">{t('auth:passwordRule')}</small>
      </label>
      <label className="field">
        <span>{t('team.confirm')}</span>
        <input
          type="password"
          value={confirm}
          autoComplete="new-password"
          onChange={(e) => setConfirm(e.target.value)}
        />
      </label>
      <ErrorNote error={error} />
      {done && <p className="notice">{t('team.passwordChanged')}</p>}
      <button type="submit" className="primary" disabled={busy || !current || !next}>
        {t('team.changePassword')}
      </button>
    </form>
  );
}
