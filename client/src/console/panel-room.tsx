/**
 * Parts of a running session's panel added for a workshop (issue 17 pts 2, 4): the trainee's help
 * request (mark it handled), a notice to this room's trainee, and what the audience is doing —
 * configured against online viewers and why those who left did, updated with every poll.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VIEWER_LEAVE_REASONS } from '../../../core/events.js';
import { useFormats } from '../ui/format.js';
import { helpHandled, sendNotice, type LiveSession } from './console-api.js';
import { ErrorNote } from './error-note.js';

export function HelpAndNotice({ s, onChanged }: { s: LiveSession; onChanged: () => void }) {
  const { t } = useTranslation('console');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const help = s.alerts.find((a) => a.kind === 'help');

  async function run(call: () => Promise<unknown>, after?: () => void) {
    setBusy(true);
    setError(null);
    setSent(false);
    try {
      await call();
      after?.();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const body = text.trim();
    if (body)
      void run(
        () => sendNotice(s.sessionId, body),
        () => {
          setText('');
          setSent(true);
        },
      );
  }

  return (
    <section className="panel-section" data-testid="panel-notice">
      {help && (
        <p className="notice help-open" role="status" data-testid="panel-help">
          {t('panel.helpOpen')}{' '}
          <button type="button" disabled={busy} onClick={() => void run(() => helpHandled(s.sessionId))}>
            {t('panel.helpDone')}
          </button>
        </p>
      )}
      <h3>{t('panel.notice')}</h3>
      <p className="hint">{t('panel.noticeLead')}</p>
      <form className="row-form" onSubmit={submit}>
        <input
          value={text}
          maxLength={500}
          onChange={(e) => {
            setText(e.target.value);
            setSent(false);
          }}
          placeholder={t('panel.noticePlaceholder')}
          aria-label={t('panel.noticePlaceholder')}
          data-testid="notice-text"
        />
        <button type="submit" disabled={busy || s.ended || !text.trim()} data-testid="notice-send">
          {t('panel.noticeSend')}
        </button>
        {sent && <span className="tag ok">{t('panel.sent')}</span>}
      </form>
      <ErrorNote error={error} />
    </section>
  );
}

export function AudienceNow({ s }: { s: LiveSession }) {
  const { t } = useTranslation('console');
  const f = useFormats();
  const target = s.audienceTarget ?? s.bots;
  const left = VIEWER_LEAVE_REASONS.map((r) => [r, s.departures[r] ?? 0] as const).filter(([, n]) => n > 0);
  const total = left.reduce((x, [, n]) => x + n, 0);
  return (
    <section className="panel-section" data-testid="panel-audience">
      <h3>{t('panel.audienceTitle')}</h3>
      <p data-testid="audience-configured">
        {target
          ? t('panel.audienceConfigured', { count: f.number(target.count), rate: f.number(target.ratePerMinute) })
          : t('panel.audienceScenario', { count: f.number(s.viewersTotal) })}
        {s.director && s.director.cast.length > 0 && <> · {t('panel.audienceCast', { n: s.director.cast.length })}</>}
      </p>
      <p data-testid="audience-online">
        <strong>{t('panel.audienceOnline', { online: f.number(s.audience) })}</strong>
        {total > 0 && <> · {t('panel.audienceLeft', { n: f.number(total) })}</>}
      </p>
      {total === 0 ? (
        <p className="hint">{t('panel.audienceNoneLeft')}</p>
      ) : (
        <ul className="departures" data-testid="audience-departures">
          {left.map(([reason, n]) => (
            <li key={reason} data-reason={reason}>
              {t(`panel.leftReason.${reason}`)} <strong>{f.number(n)}</strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
