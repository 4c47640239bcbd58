/**
 * decide(): what a valid, permitted command means in the current state. Pure: it returns the
 * drafts to stamp or the reason the command cannot apply now. Role checks happen before this
 * (COMMAND_ROLES), schema checks before that.
 */
import { draft, type Actor, type EventDraft } from './events.js';
import { ErrorCode, fail, type Command } from './protocol.js';
import type { SessionState } from './session.js';
import { decideTrade, decideTradeInvite } from './decide-trade.js';
import { decideBotsConfigure, decideDirectorSay } from './workshop/director.js';
import { wallCorrections } from './stage/wall-correction.js';
import { decideHostTool, decideViewerChat } from './decide-host-tools.js';

import type { Decision } from './decision.js';

export type { Decision } from './decision.js';

const ok = (...drafts: EventDraft[]): Decision => ({ ok: true, drafts });

/**
 * The host's line, after a `wall.corrected` for each wrong figure on the wall it corrects (the
 * line last, so the ack's seq stays the line's own).
 */
function withWallCorrections(state: SessionState, text: string, first: EventDraft): Decision {
  const scenario = state.scenario;
  if (!scenario || state.status !== 'live' || state.firedIncidents.length === 0) return ok(first);
  const fixes = wallCorrections(text, scenario.incidents, state.firedIncidents, state.wallCorrected);
  return ok(...fixes.map((f) => draft.wallCorrected(f.incidentId, f.how)), first);
}

export function decide(state: SessionState, actor: Actor, cmd: Command): Decision {
  if (state.status === 'ended' && cmd.name !== 'sync') {
    return fail(ErrorCode.INVALID_STATE, 'the session has ended');
  }
  const scenario = state.scenario;
  if (!scenario) return fail(ErrorCode.INVALID_STATE, 'the session has no scenario');
  switch (cmd.name) {
    case 'chat.send': {
      const { text, kind, replyTo } = cmd.payload;
      if (replyTo !== null && (replyTo > state.lastSeq || replyTo < 1)) {
        return fail(ErrorCode.NOT_FOUND, `replyTo: no message with seq ${replyTo}`);
      }
      // The host answers questions; a question from the host makes no sense in this model.
      const k = actor.role === 'trainee' ? 'chat' : kind;
      if (actor.role === 'trainee') return withWallCorrections(state, text, draft.chatMessage(text, k, replyTo));
      // Blocked or muted senders are refused; lines the keyword filter matches are held (场控).
      const d = decideViewerChat(state, actor, cmd.payload, k);
      return 'ok' in d ? d : ok(d);
    }
    case 'host.say': {
      if (state.status !== 'live') return fail(ErrorCode.INVALID_STATE, 'start the session before speaking');
      const { text, lineIndex } = cmd.payload;
      const seg = scenario.segments[state.segmentIndex];
      if (lineIndex !== null && (!seg || lineIndex >= seg.lines.length)) {
        return fail(
          ErrorCode.BAD_PAYLOAD,
          `lineIndex: segment ${state.segmentIndex} has ${seg?.lines.length ?? 0} lines`,
        );
      }
      return withWallCorrections(state, text, draft.hostSaid(text, state.segmentIndex, lineIndex));
    }
    case 'session.start':
      if (state.status !== 'created') return fail(ErrorCode.INVALID_STATE, 'the session has already started');
      return ok(draft.sessionStarted());
    case 'segment.next': {
      if (state.status !== 'live') return fail(ErrorCode.INVALID_STATE, 'the session is not live');
      const next = state.segmentIndex + 1;
      if (next >= scenario.segments.length) return ok(draft.sessionEnded('script-complete'));
      return ok(draft.segmentAdvanced(next));
    }
    case 'session.end':
      return ok(draft.sessionEnded(actor.role === 'facilitator' ? 'facilitator' : 'host'));
    case 'incident.fire': {
      const inc = scenario.incidents.find((i) => i.id === cmd.payload.incidentId);
      if (!inc)
        return fail(ErrorCode.NOT_FOUND, `incidentId: no incident "${cmd.payload.incidentId}" in this scenario`);
      if (state.status !== 'live') return fail(ErrorCode.INVALID_STATE, 'the session is not live');
      return ok(draft.incidentFired(inc.id));
    }
    case 'disclosure.set':
      if (state.disclosureOn === cmd.payload.on) return ok();
      return ok(draft.disclosureChanged(cmd.payload.on));
    case 'stream.pause':
      if (state.status !== 'live') return fail(ErrorCode.INVALID_STATE, 'the session is not live');
      if (state.paused === cmd.payload.paused) return ok();
      return ok(draft.streamPaused(cmd.payload.paused));
    case 'viewer.signal': {
      const { sentiment, trust, intent, leaving } = cmd.payload;
      const drafts = [draft.viewerSentiment(sentiment, trust, leaving)];
      if (intent) drafts.push(draft.viewerIntent(intent));
      return ok(...drafts);
    }
    case 'voice.sample':
      // Measured while live only: before the start and while paused nobody is listening.
      if (state.status !== 'live') return ok();
      return ok(draft.voiceSample(cmd.payload));
    case 'trade.invite':
      return decideTradeInvite(state, cmd.payload);
    case 'trade.place':
      return decideTrade(state, actor, cmd.payload);
    case 'director.say':
      return decideDirectorSay(state, actor, cmd.payload);
    case 'bots.configure':
      return decideBotsConfigure(state, cmd.payload);
    case 'announcement.pin':
    case 'announcement.unpin':
    case 'chat.delete':
    case 'viewer.mute':
    case 'viewer.block':
    case 'filter.set':
    case 'product.show':
    case 'product.hide':
      return decideHostTool(state, cmd);
    case 'notice.send':
      return ok(draft.facilitatorNotice(cmd.payload.text));
    case 'help.set':
      if ((state.helpRequestedT !== null) === cmd.payload.on) return ok();
      // Only the trainee raises a hand; a facilitator can only mark it handled.
      if (cmd.payload.on && actor.role !== 'trainee')
        return fail(ErrorCode.FORBIDDEN, 'help.set: only the trainee asks for help');
      return ok(draft.helpChanged(cmd.payload.on));
    case 'sync':
      return ok();
    default: {
      const unreachable: never = cmd;
      return unreachable;
    }
  }
}
