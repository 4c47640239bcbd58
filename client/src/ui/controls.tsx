/**
 * Session controls for the trainee and facilitator: start, next segment, pause, disclosure, and —
 * set apart at the far end — end, which asks first (ConfirmDialog) and is off until the stream is
 * live. On the last segment 下一环节 is off too: the command would end the stream unasked. Incidents
 * for the facilitator; keyboard shortcuts for the trainee (use-shortcuts.ts).
 */
import { useCallback, useState } from 'react';
import { sessionClient } from '../net/session-client.js';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './confirm-dialog.js';
import { pick } from './i18n.js';
import { Icon } from './icons.js';
import { ShortcutsHelp } from './shortcuts-help.js';
import { useCommand } from './use-command.js';
import { useShortcuts } from './use-shortcuts.js';

export function Controls() {
  const { t } = useTranslation('rehearsal');
  const { t: ts } = useTranslation('studio');
  const lang = useUi((s) => s.lang);
  const role = useSession((s) => s.role);
  const status = useSession((s) => s.state.status);
  const incidents = useSession((s) => s.state.scenario?.incidents);
  const fired = useSession((s) => s.state.firedIncidents);
  const disclosureOn = useSession((s) => s.state.disclosureOn);
  const paused = useSession((s) => s.state.paused);
  const last = useSession((s) => s.state.segmentIndex >= (s.state.scenario?.segments.length ?? 0) - 1);
  const { run, pending, error } = useCommand();
  const [confirming, setConfirming] = useState(false);
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  useShortcuts(role === 'trainee', toggleHelp);

  if (role !== 'trainee' && role !== 'facilitator') return null;
  const live = status === 'live';

  return (
    <section className="panel controls" data-testid="controls" data-paused={paused ? '1' : '0'}>
      {paused && live && (
        <p className="paused-banner" role="status" data-testid="paused-banner">
          <Icon name="pause" />
          {ts('pausedBanner')}
        </p>
      )}
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={pending || status !== 'created'}
          onClick={() => void run(() => sessionClient.command('session.start', {}))}
          data-testid="control-start"
        >
          <Icon name="play" />
          {t('start')}
        </button>
        <button
          type="button"
          disabled={pending || !live || last}
          title={live && last ? ts('lastSegmentTitle') : undefined}
          onClick={() => void run(() => sessionClient.command('segment.next', {}))}
          data-testid="control-next"
        >
          <Icon name="skip" />
          {live && last ? ts('lastSegment') : t('next')}
        </button>
        <button
          type="button"
          className={paused ? 'toggle on pause-on' : 'toggle'}
          aria-pressed={paused}
          disabled={pending || !live}
          onClick={() => void run(() => sessionClient.command('stream.pause', { paused: !paused }))}
          data-testid="control-pause"
          aria-keyshortcuts={role === 'trainee' ? 'P' : undefined}
        >
          <Icon name={paused ? 'play' : 'pause'} />
          {paused ? t('resume') : t('pause')}
        </button>
        <button
          type="button"
          className={disclosureOn ? 'toggle on' : 'toggle'}
          aria-pressed={disclosureOn}
          disabled={pending || status === 'ended'}
          onClick={() => void run(() => sessionClient.command('disclosure.set', { on: !disclosureOn }))}
          data-testid="control-disclosure"
        >
          {disclosureOn ? t('disclosureOff') : t('disclosureOn')}
        </button>
        {role === 'trainee' && <ShortcutsHelp open={help} onToggle={toggleHelp} />}
        {/* Apart from the others (a divider and a gap) so a hurried click on 下一环节 never lands here. */}
        <span className="controls-divider" aria-hidden="true" />
        <button
          type="button"
          className="danger end-button"
          disabled={pending || !live || confirming}
          title={status === 'created' ? ts('endNotStarted') : undefined}
          onClick={() => setConfirming(true)}
          data-testid="control-end"
        >
          <Icon name="stop" />
          {t('end')}
        </button>
      </div>
      {confirming && live && (
        <ConfirmDialog
          message={ts('endConfirm')}
          confirmLabel={ts('endConfirmYes')}
          cancelLabel={t('common:cancel')}
          tone="danger"
          busy={pending}
          testId="end-confirm"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void run(() => sessionClient.command('session.end', {}));
          }}
        />
      )}
      {role === 'facilitator' && incidents && incidents.length > 0 && (
        <div className="incidents">
          <span>{t('incidents')}</span>
          {incidents.map((inc) => (
            <button
              key={inc.id}
              type="button"
              disabled={pending || !live}
              className={fired.includes(inc.id) ? 'fired' : undefined}
              onClick={() => void run(() => sessionClient.command('incident.fire', { incidentId: inc.id }))}
              data-testid={`incident-${inc.id}`}
            >
              {pick(inc.title, lang)}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="control-error">
          {error}
        </p>
      )}
    </section>
  );
}
