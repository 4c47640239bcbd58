/**
 * The wall's alert feed (issue 17 pt 2): every alert seen since the page opened, newest first,
 * with the room it came from; a click opens that room. Alerts stay listed after they clear, so
 * a facilitator who looked away still sees what happened.
 */
import { useTranslation } from 'react-i18next';
import { formatStreamTime } from '../../../core/stream-time.js';
import { useUi } from '../stores/ui-store.js';
import { pick } from '../ui/i18n.js';
import type { LiveAlert } from './console-api.js';

export interface FeedEntry {
  alert: LiveAlert;
  sessionId: string;
  trainee: string;
  /** Date.now() when the console first saw it. */
  seenAt: number;
}

export function AlertFeed({
  entries,
  seen,
  onOpen,
}: {
  entries: readonly FeedEntry[];
  seen: ReadonlySet<string>;
  onOpen: (sessionId: string) => void;
}) {
  const { t } = useTranslation('console');
  const lang = useUi((s) => s.lang);
  return (
    <aside className="alert-feed" aria-label={t('wall.feed')} data-testid="alert-feed">
      <h2 className="section-title">{t('wall.feed')}</h2>
      {entries.length === 0 ? (
        <p className="hint">{t('wall.feedEmpty')}</p>
      ) : (
        <ol>
          {entries.map((e) => (
            <li
              key={`${e.sessionId}:${e.alert.id}`}
              className={`feed-item alert-${e.alert.kind}${seen.has(`${e.sessionId}:${e.alert.id}`) ? ' seen' : ''}`}
              data-testid="feed-item"
              data-kind={e.alert.kind}
              data-session-id={e.sessionId}
            >
              <button type="button" className="ghost" onClick={() => onOpen(e.sessionId)}>
                <span className="tag">{t(`wall.alert.${e.alert.kind}`)}</span> <strong>{e.trainee}</strong>{' '}
                <span className="mono hint">{formatStreamTime(e.alert.streamT, lang)}</span>
                <span className="feed-text">
                  {e.alert.name ? `${pick(e.alert.name, lang)} ` : ''}
                  {e.alert.by ? `${e.alert.by}：` : ''}
                  {e.alert.text ? `“${e.alert.text}”` : e.alert.kind === 'help' ? t('wall.helpText') : ''}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
