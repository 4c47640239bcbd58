/**
 * Director mode (POST /api/live/:id/say): the facilitator picks one of the session's online
 * viewers and types as them. The room records it as that viewer's chat message with
 * `directedBy`, so the trainee, the bots and the scorer treat it as the viewer's line.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from './error-note.js';
import { sayAs, type LiveSession } from './console-api.js';

export function DirectorPanel({ s, onChanged }: { s: LiveSession; onChanged: () => void }) {
  const { t } = useTranslation('console');
  const [viewerId, setViewerId] = useState('');
  const [kind, setKind] = useState<'chat' | 'question'>('chat');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  // The chosen viewer may have left: fall back to the first one online.
  const viewer = s.viewers.find((v) => v.participantId === viewerId) ?? s.viewers[0];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = text.trim();
    if (!viewer || !body) return;
    setBusy(true);
    setError(null);
    setSent(false);
    try {
      await sayAs(s.sessionId, viewer.participantId, body, kind);
      setText('');
      setSent(true);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel-section director" data-testid="panel-director">
      <h3>{t('panel.director')}</h3>
      <p className="hint">{t('panel.directorLead')}</p>
      {s.viewers.length === 0 ? (
        <p className="hint">{t('panel.noViewers')}</p>
      ) : (
        <form className="director-form" onSubmit={(e) => void submit(e)}>
          <div className="row-form">
            <label className="inline">
              <span>{t('panel.viewer')}</span>
              <select
                value={viewer?.participantId ?? ''}
                onChange={(e) => setViewerId(e.target.value)}
                data-testid="director-viewer"
              >
                {s.viewers.map((v) => (
                  <option key={v.participantId} value={v.participantId}>
                    {v.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              <span>{t('panel.kind')}</span>
              <select
                value={kind}
                onChange={(e) => setKind(e.target.value as 'chat' | 'question')}
                data-testid="director-kind"
              >
                <option value="chat">{t('panel.kindChat')}</option>
                <option value="question">{t('panel.kindQuestion')}</option>
              </select>
            </label>
          </div>
          <div className="row-form">
            <input
              value={text}
              maxLength={500}
              onChange={(e) => {
                setText(e.target.value);
                setSent(false);
              }}
              placeholder={t('panel.sayPlaceholder')}
              aria-label={t('panel.sayPlaceholder')}
              data-testid="director-text"
            />
            <button
              type="submit"
              className="primary"
              disabled={busy || s.ended || !text.trim()}
              data-testid="director-send"
            >
              {t('panel.say')}
            </button>
          </div>
          {sent && (
            <span className="tag ok" data-testid="director-sent">
              {t('panel.sent')}
            </span>
          )}
        </form>
      )}
      <ErrorNote error={error} testId="director-error" />
    </section>
  );
}
