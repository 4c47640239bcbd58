/**
 * The selected session's chat in the console, from its own observer connection (a second
 * SessionClient with its own store, so the app's main session is untouched). Director-mode lines
 * are marked: the room records them with `directedBy`, which the client sees on each event.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../net/api.js';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ChatEntry } from '../../../core/session.js';
import { useAuth } from '../auth/auth-store.js';
import { SessionClient } from '../net/session-client.js';
import { initialSessionStore } from '../stores/session-store.js';

const SHOWN = 60;

type Directed = ReadonlyMap<number, string>;

/** The facilitator behind a directed line, from the entry (when the state keeps it) or the events seen. */
function directedName(e: ChatEntry, seen: Directed): string | null {
  return e.directedBy?.name ?? seen.get(e.seq) ?? null;
}

export function SessionChat({ sessionId, observerCode }: { sessionId: string; observerCode: string }) {
  const { t } = useTranslation('console');
  const me = useAuth((s) => s.me);
  const [store] = useState(() => createStore(initialSessionStore));
  const chat = useStore(store, (s) => s.state.chat);
  const connection = useStore(store, (s) => s.connection);
  const [directed, setDirected] = useState<Directed>(new Map());
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const name = me?.role === 'facilitator' ? me.username : 'console';

  useEffect(() => {
    const client = new SessionClient(store);
    const off = client.onEvent((e) => {
      if (e.type === 'chat.message' && e.directedBy) {
        const by = e.directedBy.name;
        setDirected((m) => new Map(m).set(e.seq, by));
      }
    });
    let live = true;
    void client.join({ code: observerCode, role: 'observer', name, watch: true }).then((ack) => {
      if (live && !ack.ok) setError({ code: ack.code, message: ack.message });
    });
    return () => {
      live = false;
      off();
      client.leave();
    };
  }, [store, sessionId, observerCode, name]);

  const shown = chat.slice(-SHOWN);
  useLayoutEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [shown.length]);

  return (
    <section className="panel-section console-chat" data-testid="panel-chat">
      <h3>{t('panel.chat')}</h3>
      {error && <p className="error">{errorMessage(t, error.code, error.message)}</p>}
      {!error && connection !== 'connected' && shown.length === 0 && (
        <p className="hint">{t('panel.chatConnecting')}</p>
      )}
      {connection === 'connected' && shown.length === 0 && <p className="hint">{t('panel.chatEmpty')}</p>}
      <ol ref={list} className="mini-chat">
        {shown.map((e) => {
          const by = directedName(e, directed);
          return (
            <li
              key={e.seq}
              className={`role-${e.actor.role}${by ? ' directed' : ''}`}
              data-testid="panel-chat-item"
              data-directed={by ? 'true' : 'false'}
            >
              <span className="who">{e.actor.name}</span>
              {e.kind === 'question' && <span className="tag question">?</span>}
              {by && (
                <span className="tag directed" title={t('panel.directedBy', { name: by })} data-testid="directed-tag">
                  {t('panel.directed')}
                </span>
              )}
              <span className="text">{e.text}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
