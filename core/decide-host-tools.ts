/**
 * decide() for the host's console (场控): pin, delete, mute, block, keyword filter and the product
 * card, plus the two checks every viewer's chat line passes (blocked or muted senders are refused;
 * lines matching the filter are recorded as held). Kept out of decide.ts like decide-trade.ts.
 */
import { deletedLine } from './chat-complaint.js';
import { draft, type Actor, type ChatKind, type EventDraft } from './events.js';
import { ErrorCode, fail, type Command, type CommandPayload, type Failure } from './protocol.js';
import type { Decision } from './decision.js';
import type { SessionState } from './session.js';
import { filterKey, filterMatch, mutedAt } from './session-host-tools.js';

const ok = (...drafts: EventDraft[]): Decision => ({ ok: true, drafts });

type HostToolCommand = Extract<
  Command,
  {
    name:
      | 'announcement.pin'
      | 'announcement.unpin'
      | 'chat.delete'
      | 'viewer.mute'
      | 'viewer.block'
      | 'filter.set'
      | 'product.show'
      | 'product.hide';
  }
>;

function viewerOf(state: SessionState, viewerId: string) {
  const v = state.participants[viewerId];
  return v && (v.role === 'bot' || v.role === 'observer') ? v : null;
}

export function decideHostTool(state: SessionState, cmd: HostToolCommand): Decision {
  const h = state.hostTools;
  switch (cmd.name) {
    case 'announcement.pin':
      if (h.pinned?.text === cmd.payload.text) return ok();
      return ok(draft.announcementPinned(cmd.payload.text));
    case 'announcement.unpin':
      return h.pinned ? ok(draft.announcementUnpinned()) : ok();
    case 'chat.delete': {
      const seq = cmd.payload.seq;
      const line = state.chat.find((c) => c.seq === seq);
      if (!line)
        return fail(ErrorCode.NOT_FOUND, `seq: no message with seq ${seq} in the recent chat (the last 200 lines)`);
      if (line.actor.role !== 'bot' && line.actor.role !== 'observer')
        return fail(ErrorCode.BAD_PAYLOAD, `seq: message ${seq} is not a viewer's; only viewers' lines can be deleted`);
      if (line.deleted) return ok();
      const what = deletedLine(line.text, line.kind);
      return ok(
        draft.chatDeleted({
          targetSeq: seq,
          authorId: line.actor.id,
          authorName: line.actor.name,
          kind: line.kind,
          complaint: what === 'complaint',
        }),
      );
    }
    case 'viewer.mute': {
      const v = viewerOf(state, cmd.payload.viewerId);
      if (!v) return fail(ErrorCode.NOT_FOUND, `viewerId: no viewer "${cmd.payload.viewerId}" in this session`);
      const { seconds } = cmd.payload;
      if (seconds === 0 && h.muted[v.id] === undefined) return ok();
      return ok(draft.viewerMuted(v.id, v.name, seconds));
    }
    case 'viewer.block': {
      const v = viewerOf(state, cmd.payload.viewerId);
      if (!v) return fail(ErrorCode.NOT_FOUND, `viewerId: no viewer "${cmd.payload.viewerId}" in this session`);
      if (h.blocked.includes(v.id)) return ok();
      const drafts = [draft.viewerBlocked(v.id, v.name)];
      if (v.online) drafts.push(draft.participantLeft(v.id, 'kicked'));
      return ok(...drafts);
    }
    case 'filter.set': {
      const words = [...new Set(cmd.payload.words.map(filterKey))];
      if (words.length === h.filter.length && words.every((w, i) => w === h.filter[i])) return ok();
      return ok(draft.filterChanged(words));
    }
    case 'product.show': {
      const products = state.scenario?.products ?? [];
      const p = products.find((x) => x.id === cmd.payload.productId);
      if (!p)
        return fail(
          ErrorCode.NOT_FOUND,
          products.length === 0
            ? 'productId: this scenario has no products'
            : `productId: no product "${cmd.payload.productId}" (products: ${products.map((x) => x.id).join(', ')})`,
        );
      return ok(
        draft.productShown({
          productId: p.id,
          name: p.name,
          risk: p.risk,
          suitable: p.suitable,
          riskLine: cmd.payload.riskLine,
        }),
      );
    }
    case 'product.hide':
      return h.product ? ok(draft.productHidden()) : ok();
  }
}

/**
 * A viewer's chat line under the console: refused if the sender is blocked or muted (checked at
 * the room's last event time), held if it matches the keyword filter, else an ordinary line.
 */
export function decideViewerChat(
  state: SessionState,
  actor: Actor,
  p: CommandPayload<'chat.send'>,
  kind: ChatKind,
): EventDraft | Failure {
  const h = state.hostTools;
  if (actor.role === 'bot' || actor.role === 'observer') {
    if (h.blocked.includes(actor.id)) return fail(ErrorCode.FORBIDDEN, 'chat.send: the host blocked you in this room');
    if (mutedAt(h, actor.id, state.t)) {
      const left = Math.ceil((h.muted[actor.id]! - state.t) / 1000);
      return fail(ErrorCode.INVALID_STATE, `chat.send: the host muted you (about ${left} s left)`);
    }
    if (filterMatch(h.filter, p.text) !== null) return draft.heldChat(p.text, kind, p.replyTo);
  }
  return draft.chatMessage(p.text, kind, p.replyTo);
}
