/**
 * What a join ack carries as `state` (docs/PROTOCOL.md, "Join snapshot"): the folded state with
 * only the participants online now (and their moods), plus counts. The recording keeps everyone
 * who ever joined; the ack used to as well, growing ~115 B per participant for ever (58 KB → 128 KB
 * after 600 re-joins). Now its size depends on who is here, the chat window and open questions.
 */
import type { SessionState } from '../../core/session.js';

export interface ParticipantCounts {
  /** Participants online now (every role). */
  online: number;
  /** Participants who ever joined this session (the recording has them all). */
  everJoined: number;
}

export function joinSnapshot(state: SessionState): { state: SessionState; participants: ParticipantCounts } {
  const participants: Record<string, SessionState['participants'][string]> = {};
  const mood: Record<string, SessionState['mood'][string]> = {};
  let everJoined = 0;
  for (const [id, p] of Object.entries(state.participants)) {
    everJoined++;
    if (!p.online) continue;
    participants[id] = p;
    const m = state.mood[id];
    if (m) mood[id] = m;
  }
  return {
    state: { ...state, participants, mood },
    participants: { online: Object.keys(participants).length, everJoined },
  };
}
