/**
 * The trainee's side of the facilitator's console (issue 17 pt 2): the latest notice a
 * facilitator sent (to this room or to all rooms), and a 求助 button that raises a hand on the
 * console's wall (`help.set`); pressed again it withdraws the request.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionClient } from '../net/session-client.js';
import { useSession } from '../stores/session-store.js';
import { useCommand } from './use-command.js';
import './facilitator-notice.css';

export function FacilitatorNotice() {
  const { t } = useTranslation('rehearsal');
  const notice = useSession((s) => s.state.notice);
  const [closed, setClosed] = useState<number | null>(null);
  if (!notice || closed === notice.seq) return null;
  return (
    <div className="facilitator-notice" role="status" aria-live="polite" data-testid="facilitator-notice">
      <strong>{t('notice.from')}</strong> <span data-testid="facilitator-notice-text">{notice.text}</span>
      <button type="button" className="ghost" onClick={() => setClosed(notice.seq)} aria-label={t('notice.close')}>
        ×
      </button>
    </div>
  );
}

export function HelpButton() {
  const { t } = useTranslation('rehearsal');
  const role = useSession((s) => s.role);
  const status = useSession((s) => s.state.status);
  const asked = useSession((s) => s.state.helpRequestedT !== null);
  const { run, pending, error } = useCommand();
  if (role !== 'trainee' || status === 'ended') return null;
  return (
    <span className="help-request">
      <button
        type="button"
        className={asked ? 'toggle on' : 'toggle'}
        aria-pressed={asked}
        disabled={pending}
        onClick={() => void run(() => sessionClient.command('help.set', { on: !asked }))}
        title={asked ? t('help.waiting') : t('help.hint')}
        data-testid="help-request"
      >
        {asked ? t('help.cancel') : t('help.ask')}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
