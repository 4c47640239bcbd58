/**
 * Facilitators' annotations beside the timeline: the list (click to jump), and — once the
 * facilitator code is entered — add at the current moment or over a span, edit, delete. The
 * server checks the code on every write (X-Branchcast-Code); a wrong one shows its 403 here.
 */
import { useState, type FormEvent } from 'react';
import {
  addAnnotation,
  deleteAnnotation,
  updateAnnotation,
  type Annotation,
  type AnnotationInput,
  type Severity,
} from './replay-api.js';
import { currentPlayer } from './replay-player.js';
import { rememberFacilitatorCode, replayStore, useReplay, useReplayStartedT } from './replay-store.js';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isFacilitator, useAuth } from '../auth/auth-store.js';
import { streamClock } from '../../../core/stream-time.js';
import { useUi } from '../stores/ui-store.js';

const SEVERITIES: readonly Severity[] = ['info', 'minor', 'major', 'critical'];

function sortNotes(list: Annotation[]): Annotation[] {
  return [...list].sort((a, b) => a.seq - b.seq || a.createdAt - b.createdAt);
}

function NoteForm({
  tx,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  tx: TFunction<'replay'>;
  initial?: Annotation;
  submitLabel: string;
  onSubmit: (p: Omit<AnnotationInput, 'seq' | 'toSeq'>) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [text, setText] = useState(initial?.text ?? '');
  const [category, setCategory] = useState(initial?.category ?? '');
  const [severity, setSeverity] = useState<Severity | ''>(initial?.severity ?? '');
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    const ok = await onSubmit({ text: text.trim(), category: category.trim() || null, severity: severity || null });
    setBusy(false);
    if (ok && !initial) {
      setText('');
      setCategory('');
      setSeverity('');
    }
  }
  return (
    <form className="note-form" onSubmit={submit} data-testid={initial ? 'annotation-edit-form' : 'annotation-form'}>
      <textarea
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={tx('textPlaceholder')}
        maxLength={2000}
        rows={2}
        data-testid="annotation-text"
      />
      <div className="row">
        <input
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          placeholder={tx('category')}
          maxLength={64}
          data-testid="annotation-category"
        />
        <select
          value={severity}
          onChange={(e) => setSeverity(e.target.value as Severity | '')}
          title={tx('severity')}
          data-testid="annotation-severity"
        >
          <option value="">{tx('sevNone')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {tx(`sev.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={busy || !text.trim()} data-testid="annotation-submit">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {tx('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

export function AnnotationsPanel() {
  const { t: tx } = useTranslation('replay');
  const sessionId = useReplay((s) => s.sessionId);
  const notes = useReplay((s) => s.annotations);
  const startedT = useReplayStartedT();
  const lang = useUi((s) => s.lang);
  const code = useReplay((s) => s.facilitatorCode);
  // A signed-in facilitator annotates with their cookie; anyone else needs the room's facilitator code.
  const signedIn = isFacilitator(useAuth((s) => s.me));
  const canWrite = code !== null || signedIn;
  const cursorSeq = useReplay((s) => (s.index && s.cursor >= 0 ? s.index.events[s.cursor]!.seq : 1));
  const [typed, setTyped] = useState('');
  const [spanStart, setSpanStart] = useState<number | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!sessionId) return null;
  const sid = sessionId;

  async function guarded(fn: () => Promise<void>): Promise<boolean> {
    setError(null);
    try {
      await fn();
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    }
  }

  function setCode(c: string | null) {
    rememberFacilitatorCode(sid, c);
    replayStore.setState({ facilitatorCode: c });
  }

  const add = (p: Omit<AnnotationInput, 'seq' | 'toSeq'>) =>
    guarded(async () => {
      const from = spanStart !== null ? Math.min(spanStart, cursorSeq) : cursorSeq;
      const to = spanStart !== null ? Math.max(spanStart, cursorSeq) : null;
      const made = await addAnnotation(sid, code ?? '', { ...p, seq: from, toSeq: to });
      replayStore.setState((s) => ({ annotations: sortNotes([...s.annotations, made]) }));
      setSpanStart(null);
    });

  return (
    <aside className="panel annotations" data-testid="annotations">
      <h2>
        {tx('annotations')} <small>({notes.length})</small>
      </h2>
      <ol className="notes">
        {notes.length === 0 && <li className="hint">{tx('annotationsEmpty')}</li>}
        {notes.map((a) =>
          editing === a.id ? (
            <li key={a.id}>
              <NoteForm
                tx={tx}
                initial={a}
                submitLabel={tx('save')}
                onCancel={() => setEditing(null)}
                onSubmit={(p) =>
                  guarded(async () => {
                    const next = await updateAnnotation(sid, code ?? '', a.id, { ...p, seq: a.seq, toSeq: a.toSeq });
                    replayStore.setState((s) => ({
                      annotations: sortNotes(s.annotations.map((x) => (x.id === a.id ? next : x))),
                    }));
                    setEditing(null);
                  })
                }
              />
            </li>
          ) : (
            <li
              key={a.id}
              className={`note${a.severity ? ` sev-${a.severity}` : ''}`}
              data-testid="annotation-item"
              data-seq={a.seq}
            >
              <button type="button" className="link" onClick={() => currentPlayer()?.seekSeq(a.seq)}>
                {streamClock(startedT, a.t, lang)} #{a.seq}
                {a.toSeq !== null && a.toSeq !== a.seq ? `–#${a.toSeq}` : ''}
              </button>
              {a.severity && <span className={`tag sev-${a.severity}`}>{tx(`sev.${a.severity}`)}</span>}
              {a.category && <span className="tag">{a.category}</span>}
              <p className="text" data-testid="annotation-item-text">
                {a.text}
              </p>
              {canWrite && (
                <span className="actions">
                  <button
                    type="button"
                    className="ghost"
                    onClick={() => setEditing(a.id)}
                    data-testid="annotation-edit"
                  >
                    {tx('edit')}
                  </button>
                  <button
                    type="button"
                    className="ghost"
                    onClick={() =>
                      void guarded(async () => {
                        await deleteAnnotation(sid, code ?? '', a.id);
                        replayStore.setState((s) => ({ annotations: s.annotations.filter((x) => x.id !== a.id) }));
                      })
                    }
                    data-testid="annotation-delete"
                  >
                    {tx('delete')}
                  </button>
                </span>
              )}
            </li>
          ),
        )}
      </ol>
      {canWrite ? (
        <>
          <div className="row">
            <span className="hint">
              {spanStart !== null ? tx('spanFrom', { seq: spanStart }) : `${tx('addHere')} #${cursorSeq}`}
            </span>
            {spanStart === null ? (
              <button type="button" onClick={() => setSpanStart(cursorSeq)} data-testid="annotation-mark-start">
                {tx('markStart')}
              </button>
            ) : (
              <button type="button" onClick={() => setSpanStart(null)}>
                {tx('clearSpan')}
              </button>
            )}
            {code !== null && (
              <button type="button" className="ghost" onClick={() => setCode(null)}>
                {tx('forgetCode')}
              </button>
            )}
          </div>
          <NoteForm tx={tx} submitLabel={tx('add')} onSubmit={add} />
        </>
      ) : (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) setCode(typed.trim().toUpperCase());
          }}
        >
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value.toUpperCase())}
            placeholder={tx('enterCode')}
            autoComplete="off"
            spellCheck={false}
            data-testid="facilitator-code"
          />
          <button type="submit" data-testid="facilitator-code-ok">
            {tx('useCode')}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert" data-testid="annotation-error">
          {error}
        </p>
      )}
    </aside>
  );
}
