/**
 * The replay pages (lazy chunk): the sessions list or the player. The live connection is closed
 * while here, so the session store holds only replayed state; leaving gives it back empty.
 */
import { useEffect } from 'react';
import { sessionClient } from '../net/session-client.js';
import { initialSessionStore, sessionStore } from '../stores/session-store.js';
import { uiStore } from '../stores/ui-store.js';
import { PlayerPage } from './player-page.js';
import { navigate, type ReplayRoute } from './route.js';
import { SessionsPage } from './sessions-page.js';
import './replay.css';

export default function ReplayApp({ route }: { route: NonNullable<ReplayRoute> }) {
  useEffect(() => {
    sessionClient.leave();
    sessionStore.setState(initialSessionStore());
    uiStore.setState({ view: 'rehearsal', replyTo: null, createdCodes: null });
    // The status bar's Leave sets the view back to the lobby: follow it out of the replay.
    const off = uiStore.subscribe((s, prev) => {
      if (s.view === 'lobby' && prev.view !== 'lobby') navigate('/');
    });
    return () => {
      off();
      // Unless a retry already joined a live session, hand the session store back empty.
      if (sessionStore.getState().connection === 'idle') {
        sessionStore.setState(initialSessionStore());
        uiStore.setState({ view: 'lobby' });
      }
    };
  }, []);

  return route.page === 'sessions' ? <SessionsPage /> : <PlayerPage sessionId={route.sessionId} seq={route.seq} />;
}
