/**
 * One client's membership of one session: connect, join, fold `events` batches with the core
 * reducer into the session store, fill gaps with `sync`, and re-join after a reconnect with the
 * same code and name. The store is the only thing it writes.
 */
import type { Role, SessionEvent } from '../../../core/events.js';
import type { CommandInput, CommandOk, JoinOk } from '../../../core/protocol.js';
import { reduce } from '../../../core/session.js';
import { PROTOCOL_VERSION } from '../../../core/protocol-version.js';
import { initialSessionStore, sessionStore, type SessionStore } from '../stores/session-store.js';
import {
  createSocket,
  JOIN_TIMEOUT_MS,
  sendCommand,
  sendJoin,
  sendSync,
  type ClientAck,
  type HostCommand,
  type TypedSocket,
} from './socket.js';

export interface JoinParams {
  code: string;
  name: string;
  /** The role the user expects the code to grant; the server refuses a mismatch. */
  role?: Role;
  /** The console: watch as an invisible staff seat (observer code + facilitator login), listed nowhere. */
  watch?: boolean;
}

export class SessionClient {
  private socket: TypedSocket | null = null;
  private params: JoinParams | null = null;
  /** Events received but not yet folded: ahead of a gap, or before the join ack. */
  private pending: SessionEvent[] = [];
  /** True between a successful join ack and the next disconnect. */
  private joined = false;
  /** From the last join ack: sent back on a re-join so the server keeps this participant. */
  private resume: { sessionId: string; token: string } | null = null;
  private syncing = false;
  /** Called with each event as it is folded (the live score folds the same events). */
  private listeners = new Set<(e: SessionEvent) => void>();

  constructor(
    private readonly store: SessionStore = sessionStore,
    private readonly url?: string,
    /** Makes the socket (tests: one end of test/harness/memory-socket.ts's in-memory pair). */
    private readonly openSocket: (url?: string) => TypedSocket = createSocket,
  ) {}

  /** Listen to every event as it is folded, in seq order; returns the unsubscribe function. */
  onEvent(fn: (e: SessionEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Connect and join. Resolves with the join ack (or a failure, after which nothing is left open). */
  async join(params: JoinParams): Promise<ClientAck<JoinOk>> {
    this.leave();
    this.params = params;
    this.resume = null;
    const socket = this.openSocket(this.url);
    this.socket = socket;
    this.wire(socket);
    this.store.setState({ connection: 'connecting' });
    const connected = await this.waitConnected(socket);
    if (!connected.ok) {
      this.leave();
      return connected;
    }
    const ack = await this.sendJoin(socket);
    if (!ack.ok) this.leave();
    return ack;
  }

  /** Close the connection and forget the session. */
  leave(): void {
    const s = this.socket;
    this.socket = null;
    this.params = null;
    this.resume = null;
    this.pending = [];
    this.joined = false;
    this.syncing = false;
    if (s) {
      s.removeAllListeners();
      s.io.removeAllListeners();
      s.close();
    }
    this.store.setState(initialSessionStore());
  }

  command<K extends HostCommand>(name: K, payload: CommandInput<K>): Promise<ClientAck<CommandOk>> {
    if (!this.socket) return Promise.resolve({ ok: false, code: 'DISCONNECTED', message: 'not in a session' });
    return sendCommand(this.socket, name, payload);
  }

  private wire(socket: TypedSocket): void {
    socket.on('events', (batch) => this.onEvents(batch));
    socket.on('notice', (n) => console.warn(`[branchcast] server notice ${n.code}: ${n.message}`));
    socket.on('connect', () => {
      // The first connect is handled by join(); later ones are reconnects and must re-join.
      if (this.store.getState().participantId !== null) void this.rejoin(socket);
    });
    socket.on('disconnect', (reason) => {
      if (socket !== this.socket) return;
      this.joined = false;
      this.syncing = false;
      // The server closed us on purpose (session gone, kicked): socket.io will not retry.
      const retrying = reason !== 'io server disconnect' && reason !== 'io client disconnect';
      this.store.setState({ connection: retrying ? 'reconnecting' : 'disconnected' });
    });
  }

  private waitConnected(socket: TypedSocket): Promise<ClientAck<object>> {
    return new Promise((resolve) => {
      const done = (r: ClientAck<object>) => {
        clearTimeout(timer);
        socket.off('connect', onConnect);
        socket.off('connect_error', onError);
        resolve(r);
      };
      const onConnect = () => done({ ok: true });
      const onError = (err: Error) => done({ ok: false, code: 'DISCONNECTED', message: err.message });
      const timer = setTimeout(
        () => done({ ok: false, code: 'TIMEOUT', message: 'could not reach the server' }),
        JOIN_TIMEOUT_MS,
      );
      socket.on('connect', onConnect);
      socket.on('connect_error', onError);
      socket.connect();
    });
  }

  private async sendJoin(socket: TypedSocket): Promise<ClientAck<JoinOk>> {
    const p = this.params;
    if (!p) return { ok: false, code: 'DISCONNECTED', message: 'not joining' };
    const payload = {
      protocolVersion: PROTOCOL_VERSION,
      code: p.code,
      name: p.name,
      ...(p.role ? { role: p.role } : {}),
      ...(this.resume ? { resume: this.resume.token } : {}),
      ...(p.watch ? { watch: true as const } : {}),
    };
    const ack = await sendJoin(socket, payload);
    if (!ack.ok || socket !== this.socket) return ack;
    this.resume = ack.resumeToken ? { sessionId: ack.sessionId, token: ack.resumeToken } : null;
    const local = this.store.getState().state;
    // On a re-join the server's folded state is authoritative unless ours is somehow further on
    // in the same session (events that raced the ack); then keep ours and let drain() continue.
    const adopt = local.sessionId !== ack.state.sessionId || ack.state.lastSeq >= local.lastSeq;
    this.store.setState({
      state: adopt ? ack.state : local,
      role: ack.role,
      participantId: ack.participantId,
      code: p.code,
      name: p.name,
      connection: 'connected',
      lastEventAt: performance.now(),
    });
    this.joined = true;
    this.afterNewEvents();
    return ack;
  }

  private async rejoin(socket: TypedSocket): Promise<void> {
    this.store.setState({ connection: 'connecting' });
    const ack = await this.sendJoin(socket);
    if (!ack.ok && socket === this.socket) {
      console.warn(`[branchcast] re-join failed ${ack.code}: ${ack.message}`);
      this.store.setState({ connection: 'disconnected' });
    }
  }

  private onEvents(batch: SessionEvent[]): void {
    for (const e of batch) this.pending.push(e);
    this.afterNewEvents();
  }

  private afterNewEvents(): void {
    if (this.drain() && !this.syncing) void this.resync();
  }

  /**
   * Fold every pending event that continues `lastSeq`, dropping ones already folded. Returns true
   * if events remain behind a gap. One store update per call, however many events.
   */
  private drain(): boolean {
    if (!this.joined || this.pending.length === 0) return false;
    this.pending.sort((a, b) => a.seq - b.seq);
    const before = this.store.getState().state;
    let s = before;
    let i = 0;
    for (; i < this.pending.length; i++) {
      const e = this.pending[i]!;
      if (e.seq <= s.lastSeq) continue;
      if (e.seq !== s.lastSeq + 1) break;
      s = reduce(s, e);
      for (const l of this.listeners) l(e);
    }
    this.pending = this.pending.slice(i);
    if (s !== before) this.store.setState({ state: s, lastEventAt: performance.now() });
    return this.pending.length > 0;
  }

  /** Ask the server for what we missed, page by page, until the gap closes or no progress is made. */
  private async resync(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.syncing = true;
    try {
      for (;;) {
        const since = this.store.getState().state.lastSeq;
        const ack = await sendSync(socket, since);
        if (!ack.ok || socket !== this.socket || !this.joined) return;
        for (const e of ack.events) this.pending.push(e);
        const gap = this.drain();
        const progressed = this.store.getState().state.lastSeq > since;
        if (!progressed || (!ack.more && !gap)) return;
      }
    } finally {
      if (socket === this.socket) this.syncing = false;
    }
  }
}

/** The app's one client. */
export const sessionClient = new SessionClient();
