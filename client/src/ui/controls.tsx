/** Session controls for the trainee and facilitator: start, next segment, end; incidents for the facilitator. */
import { sessionClient } from '../net/session-client.js';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { useTranslation } from 'react-i18next';
import { pick } from './i18n.js';
import { useCommand } from './use-command.js';

export function Controls() {
  const { t } = useTranslation('rehearsal');
  const lang = useUi((s) => s.lang);
  const role = useSession((s) => s.role);
  const status = useSession((s) => s.state.status);
  const incidents = useSession((s) => s.state.scenario?.incidents);
  const fired = useSession((s) => s.state.firedIncidents);
  const disclosureOn = useSession((s) => s.state.disclosureOn);
  const paused = useSession((s) => s.state.paused);
  const { run, pending, error } = useCommand();

  if (role !== 'trainee' && role !== 'facilitator') return null;

  return (
    <section className="panel controls" data-testid="controls">
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={pending || status !== 'created'}
          onClick={() => void run(() => sessionClient.command('session.start', {}))}
          data-testid="control-start"
        >
          {t('start')}
        </button>
        <button
          type="button"
          disabled={pending || status !== 'live'}
          onClick={() => void run(() => sessionClient.command('segment.next', {}))}
          data-testid="control-next"
        >
          {t('next')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={pending || status === 'ended'}
          onClick={() => void run(() => sessionClient.command('session.end', {}))}
          data-testid="control-end"
        >
          {t('end')}
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
        <button
          type="button"
          className={paused ? 'toggle on' : 'toggle'}
          aria-pressed={paused}
          disabled={pending || status !== 'live'}
          onClick={() => void run(() => sessionClient.command('stream.pause', { paused: !paused }))}
          data-testid="control-pause"
        >
          {paused ? t('resume') : t('pause')}
        </button>
      </div>
      {role === 'facilitator' && incidents && incidents.length > 0 && (
        <div className="incidents">
          <span>{t('incidents')}</span>
          {incidents.map((inc) => (
            <button
              key={inc.id}
              type="button"
              disabled={pending || status !== 'live'}
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
