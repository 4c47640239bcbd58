/**
 * Facilitator-only commands of the workshop (issue 8). Director mode: a facilitator speaks as a chosen audience member, as human-in-the-loop
 * simulators do. The line is that viewer's chat message (the room stamps it with the viewer as
 * actor, so chat, bots and the scorer treat it as a viewer's), with `directedBy` naming the
 * facilitator so the recording shows who really wrote it.
 */
import { draft, type Actor } from '../events.js';
import { ErrorCode, fail, type CommandPayload, type Failure } from '../protocol.js';
import type { SessionState } from '../session.js';
import type { EventDraft } from '../events.js';

export type DirectorDecision = { ok: true; drafts: EventDraft[]; as?: Actor } | Failure;

export function decideDirectorSay(
  state: SessionState,
  facilitator: Actor,
  p: CommandPayload<'director.say'>,
): DirectorDecision {
  const v = state.participants[p.viewerId];
  if (!v || (v.role !== 'bot' && v.role !== 'observer'))
    return fail(ErrorCode.NOT_FOUND, `viewerId: no viewer "${p.viewerId}" in this session`);
  if (!v.online) return fail(ErrorCode.INVALID_STATE, `viewerId: ${v.name} has left the session`);
  if (p.replyTo !== null && (p.replyTo > state.lastSeq || p.replyTo < 1))
    return fail(ErrorCode.NOT_FOUND, `replyTo: no message with seq ${p.replyTo}`);
  return {
    ok: true,
    drafts: [draft.directedChat(p.text, p.kind, p.replyTo, { id: facilitator.id, name: facilitator.name })],
    as: { id: v.id, role: v.role, name: v.name },
  };
}

/**
 * The facilitator sets the simulated audience: what is not given stays as it was (the scenario's
 * bot settings before any change). Asking for what is already set records nothing.
 */
export function decideBotsConfigure(state: SessionState, p: CommandPayload<'bots.configure'>): DirectorDecision {
  const cur = state.audienceTarget ?? {
    count: state.scenario?.bots.count ?? 0,
    ratePerMinute: state.scenario?.bots.ratePerMinute ?? 0,
  };
  const count = p.count ?? cur.count;
  const ratePerMinute = p.ratePerMinute ?? cur.ratePerMinute;
  if (state.audienceTarget && count === cur.count && ratePerMinute === cur.ratePerMinute)
    return { ok: true, drafts: [] };
  return { ok: true, drafts: [draft.audienceConfigured(count, ratePerMinute)] };
}
