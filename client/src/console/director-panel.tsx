/**
 * Director mode (POST /api/live/:id/say, issue 17 pt 3): the facilitator speaks as a member of the
 * scenario's cast (seated in the room for the whole session, so the choice never jumps when the
 * audience changes) or as any other simulated viewer — never as a real person (observers are not
 * offered). Ready-made lines (bait, lure, complaint, rumour) go out with the number keys 1–9 while
 * the panel has focus outside a text field. The room records a line as that viewer's chat message
 * with `directedBy`: the trainee sees the viewer's line, replays mark it directed.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fillHost } from '../../../core/host-placeholder.js';
import { useUi } from '../stores/ui-store.js';
import { pick } from '../ui/i18n.js';
import { sayAs, type LiveSession } from './console-api.js';
import { ErrorNote } from './error-note.js';

type Who = { castId: string } | { viewerId: string };

export function DirectorPanel({ s, onChanged }: { s: LiveSession; onChanged: () => void }) {
  const { t } = useTranslation('console');
  const lang = useUi((st) => st.lang);
  const cast = s.director?.cast ?? [];
  const lines = s.director?.lines ?? [];
  const castIds = new Set(cast.map((c) => c.participantId));
  // Other simulated viewers: bots online that are not the cast (observers are real people).
  const others = s.viewers.filter((v) => v.role === 'bot' && !castIds.has(v.participantId));
  const [who, setWho] = useState<string>(cast[0] ? `cast:${cast[0].id}` : '');
  const [kind, setKind] = useState<'chat' | 'question'>('chat');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);
  const root = useRef<HTMLElement>(null);
  const host = s.trainee ?? '';

  // An "other viewer" who left: fall back to the first cast member (or the first viewer).
  const chosen: Who | null = who.startsWith('cast:')
    ? { castId: who.slice(5) }
    : others.some((v) => v.participantId === who.slice(7))
      ? { viewerId: who.slice(7) }
      : cast[0]
        ? { castId: cast[0].id }
        : others[0]
          ? { viewerId: others[0].participantId }
          : null;

  async function say(body: string, k: 'chat' | 'question', as: Who | null = chosen) {
    if (!as || !body.trim()) return;
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      await sayAs(s.sessionId, as, body.trim(), k);
      setSent(body.trim());
      onChanged();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void say(text, kind).then((ok) => ok && setText(''));
  }

  function sayLine(i: number) {
    const l = lines[i];
    if (!l || busy || s.ended) return;
    // Said by whoever is chosen above (the trainee's room hears the line in Chinese).
    void say(fillHost(l.zh, host), l.question ? 'question' : 'chat');
  }

  // Number keys 1–9 send the ready-made lines while focus is in the panel but not in a field.
  const latest = useRef(sayLine);
  latest.current = sayLine;
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select') || e.ctrlKey || e.metaKey || e.altKey) return;
      if (/^[1-9]$/.test(e.key)) {
        e.preventDefault();
        latest.current(Number(e.key) - 1);
      }
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, []);

  const none = cast.length === 0 && others.length === 0;
  return (
    <section className="panel-section director" data-testid="panel-director" ref={root} tabIndex={-1}>
      <h3>{t('panel.director')}</h3>
      <p className="hint">{t('director.lead')}</p>
      {none ? (
        <p className="hint">{t('panel.noViewers')}</p>
      ) : (
        <>
          {cast.length > 0 && (
            <div className="cast" role="radiogroup" aria-label={t('director.cast')}>
              {cast.map((c) => (
                <label key={c.id} className="cast-member" data-testid="cast-member" data-cast-id={c.id}>
                  <input
                    type="radio"
                    name={`cast-${s.sessionId}`}
                    checked={'castId' in (chosen ?? {}) && (chosen as { castId: string }).castId === c.id}
                    onChange={() => setWho(`cast:${c.id}`)}
                  />
                  <strong>{c.name}</strong> <span className="tag">{c.risk}</span>
                  <small className="hint">{pick(c.persona, lang)}</small>
                </label>
              ))}
            </div>
          )}
          {others.length > 0 && (
            <label className="inline">
              <span>{t('director.other')}</span>
              <select
                value={who.startsWith('viewer:') ? who : ''}
                onChange={(e) => setWho(e.target.value || (cast[0] ? `cast:${cast[0].id}` : ''))}
                data-testid="director-viewer"
              >
                <option value="">{t('director.pickOther')}</option>
                {others.map((v) => (
                  <option key={v.participantId} value={`viewer:${v.participantId}`}>
                    {v.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {lines.length > 0 && (
            <ol className="director-lines" data-testid="director-lines">
              {lines.map((l, i) => (
                <li key={i}>
                  <button
                    type="button"
                    disabled={busy || s.ended}
                    onClick={() => sayLine(i)}
                    data-testid="director-line"
                    data-kind={l.kind}
                    title={t('director.hotkey', { n: i + 1 })}
                  >
                    <kbd>{i + 1}</kbd> <span className="tag">{t(`director.kind.${l.kind}`)}</span>{' '}
                    {fillHost(lang === 'en' && l.en ? l.en : l.zh, host)}
                  </button>
                </li>
              ))}
            </ol>
          )}
          <form className="director-form" onSubmit={submit}>
            <div className="row-form">
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
                  setSent(null);
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
          </form>
          {sent && (
            <span className="tag ok" data-testid="director-sent">
              {t('panel.sent')}
            </span>
          )}
        </>
      )}
      <ErrorNote error={error} testId="director-error" />
    </section>
  );
}
