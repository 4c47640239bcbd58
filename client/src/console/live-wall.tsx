/**
 * The wall of live rooms (issue 17 pt 2): one card per running session — trainee, segment,
 * stream time, audience, live score, latest finding and a live line of chat. A card with an alert
 * the facilitator has not looked at yet is lit; opening it (the existing session panel) marks its
 * alerts seen.
 */
import { useTranslation } from 'react-i18next';
import { useUi } from '../stores/ui-store.js';
import { clock, useFormats } from '../ui/format.js';
import { pick } from '../ui/i18n.js';
import type { LiveSession } from './console-api.js';
import { ScoreBadge, StatusPill } from './live-badges.js';

export function WallCard({
  s,
  elapsedMs,
  unseen,
  selected,
  onOpen,
}: {
  s: LiveSession;
  elapsedMs: number;
  /** Alerts of this room not seen yet, newest first. */
  unseen: LiveSession['alerts'];
  selected: boolean;
  onOpen: () => void;
}) {
  const { t } = useTranslation('console');
  const lang = useUi((st) => st.lang);
  const f = useFormats();
  const lit = unseen.length > 0;
  const top = unseen[0];
  return (
    <article
      className={`wall-card${lit ? ` lit lit-${top!.kind}` : ''}${selected ? ' selected' : ''}`}
      data-testid="wall-card"
      data-session-id={s.sessionId}
      data-alert={lit ? top!.kind : 'none'}
      tabIndex={0}
      role="button"
      aria-pressed={selected}
      aria-label={`${s.trainee ?? t('live.noTrainee')} · ${pick(s.scenarioTitle, lang)}`}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen();
        }
      }}
    >
      <header className="wall-card-head">
        <strong className="wall-trainee" data-testid="wall-trainee">
          {s.trainee ?? <span className="hint">{t('live.noTrainee')}</span>}
        </strong>
        <StatusPill s={s} />
        <ScoreBadge score={s.score} started={s.status !== 'created'} />
      </header>
      {lit && (
        <p className={`wall-alert alert-${top!.kind}`} data-testid="wall-alert">
          <span className="tag">{t(`wall.alert.${top!.kind}`)}</span> {top!.name ? pick(top!.name, lang) : ''}
          {unseen.length > 1 && <span className="hint"> +{unseen.length - 1}</span>}
        </p>
      )}
      <div className="wall-figures">
        <span title={t('live.col.segment')}>
          {Math.min(s.segment.index + 1, s.segment.count)}/{s.segment.count}{' '}
          <span className="muted">{pick(s.segment.title, lang)}</span>
        </span>
        <span className="mono" title={t('live.col.elapsed')} data-testid="wall-elapsed">
          {clock(elapsedMs)}
        </span>
        <span title={t('live.col.audience')} data-testid="wall-audience">
          {t('wall.audience', {
            online: f.number(s.audience),
            // The configured audience plus the director's cast, who are seated the whole session.
            target: f.number((s.audienceTarget?.count ?? s.bots?.count ?? 0) + (s.director?.cast.length ?? 0)),
          })}
        </span>
      </div>
      <p className="wall-finding">
        {s.latestFinding ? (
          <>
            <span className="tag warn">{pick(s.latestFinding.name, lang)}</span>{' '}
            <span className="quote">“{s.latestFinding.quote}”</span>
          </>
        ) : (
          <span className="hint">{t('wall.noFinding')}</span>
        )}
      </p>
      <p className="wall-chat" data-testid="wall-chat">
        {s.lastChat ? (
          <>
            <span className="who">{s.lastChat.name}</span>
            {s.lastChat.directed && <span className="tag directed">{t('panel.directed')}</span>}
            <span className="text">{s.lastChat.text}</span>
          </>
        ) : (
          <span className="hint">{t('panel.chatEmpty')}</span>
        )}
      </p>
    </article>
  );
}
