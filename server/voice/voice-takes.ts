/**
 * The trainee's recorded voice (opt-in, docs/VOICE.md "Recording the voice"), kept beside the
 * session's recording: MediaRecorder's WebM/Opus chunks appended to one file per take (a take is
 * one stretch of recording, from switching it on to switching it off; only a take's first chunk
 * carries the WebM header, so a take is stored and played as one file). Each take remembers the
 * stream time it began at, so replay can play it in sync.
 *
 * On disk: <data>/voice/<sessionId>/<take>.webm and takes.json; in memory with --memory. Bounded:
 * a chunk, a take and a session have byte caps; takes older than the retention are deleted at
 * start and hourly; deleting a session's voice deletes the folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface VoiceTake {
  id: string;
  /** Stream time (the recording's `t`, ms since the session was created) the take began at. */
  startT: number;
  /** Wall-clock ms the take was created (retention). */
  createdAt: number;
  mime: string;
  bytes: number;
  chunks: number;
  /** SHA-256 of each chunk in order (hex), so a copy can be checked chunk by chunk. */
  chunkHashes: string[];
}

export interface VoiceLimits {
  chunkBytes: number;
  sessionBytes: number;
  /** Takes older than this are deleted; 0 keeps them. */
  retentionMs: number;
}

export const VOICE_LIMITS: VoiceLimits = {
  chunkBytes: 1024 * 1024,
  sessionBytes: 64 * 1024 * 1024,
  retentionMs: 30 * 24 * 3600 * 1000,
};

export class VoiceLimitError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 413,
  ) {
    super(message);
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export class VoiceTakes {
  private memory = new Map<string, { takes: VoiceTake[]; audio: Map<string, Buffer[]> }>();

  constructor(
    /** Folder for the audio (<data>/voice), or null to keep it in memory. */
    private readonly dir: string | null,
    readonly limits: VoiceLimits = VOICE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    if (dir) mkdirSync(dir, { recursive: true });
  }

  list(sessionId: string): VoiceTake[] {
    if (!ID.test(sessionId)) return [];
    if (!this.dir) return this.memory.get(sessionId)?.takes ?? [];
    const file = join(this.dir, sessionId, 'takes.json');
    if (!existsSync(file)) return [];
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as VoiceTake[];
    } catch {
      return [];
    }
  }

  /** Append a chunk to `takeId`, or start a new take at `startT` when takeId is null. */
  append(sessionId: string, takeId: string | null, startT: number, mime: string, chunk: Buffer): VoiceTake {
    if (!ID.test(sessionId)) throw new VoiceLimitError('no such session', 404);
    if (chunk.length > this.limits.chunkBytes)
      throw new VoiceLimitError(`chunk over ${this.limits.chunkBytes} bytes / 音频片段过大`, 413);
    const takes = this.list(sessionId);
    const used = takes.reduce((n, t) => n + t.bytes, 0);
    if (used + chunk.length > this.limits.sessionBytes)
      throw new VoiceLimitError(
        `this session's voice recording is full (${Math.round(this.limits.sessionBytes / 1048576)} MiB) / 本场录音已达上限`,
        413,
      );
    let take = takeId ? takes.find((t) => t.id === takeId) : undefined;
    if (takeId && !take) throw new VoiceLimitError('no such take / 没有这段录音', 404);
    if (!take) {
      take = {
        id: randomBytes(9).toString('base64url'),
        startT: Math.max(0, Math.round(startT)),
        createdAt: this.now(),
        mime,
        bytes: 0,
        chunks: 0,
        chunkHashes: [],
      };
      takes.push(take);
    }
    take.bytes += chunk.length;
    take.chunks += 1;
    take.chunkHashes.push(createHash('sha256').update(chunk).digest('hex'));
    if (!this.dir) {
      const m = this.memory.get(sessionId) ?? { takes, audio: new Map<string, Buffer[]>() };
      m.takes = takes;
      const parts = m.audio.get(take.id) ?? [];
      parts.push(Buffer.from(chunk));
      m.audio.set(take.id, parts);
      this.memory.set(sessionId, m);
    } else {
      const folder = join(this.dir, sessionId);
      mkdirSync(folder, { recursive: true });
      appendFileSync(join(folder, `${take.id}.webm`), chunk);
      writeFileSync(join(folder, 'takes.json'), JSON.stringify(takes));
    }
    return take;
  }

  audio(sessionId: string, takeId: string): Buffer | null {
    if (!ID.test(sessionId) || !ID.test(takeId)) return null;
    if (!this.list(sessionId).some((t) => t.id === takeId)) return null;
    if (!this.dir) {
      const parts = this.memory.get(sessionId)?.audio.get(takeId);
      return parts ? Buffer.concat(parts) : null;
    }
    const file = join(this.dir, sessionId, `${takeId}.webm`);
    return existsSync(file) ? readFileSync(file) : null;
  }

  /** Delete a session's voice; returns the number of takes deleted. */
  deleteSession(sessionId: string): number {
    const n = this.list(sessionId).length;
    if (!ID.test(sessionId)) return 0;
    if (!this.dir) this.memory.delete(sessionId);
    else rmSync(join(this.dir, sessionId), { recursive: true, force: true });
    return n;
  }

  /** Delete sessions' voice whose newest take is older than the retention; returns how many. */
  sweep(): number {
    if (this.limits.retentionMs <= 0) return 0;
    const cutoff = this.now() - this.limits.retentionMs;
    const sessions = this.dir
      ? existsSync(this.dir)
        ? readdirSync(this.dir).filter((s) => ID.test(s))
        : []
      : [...this.memory.keys()];
    let n = 0;
    for (const s of sessions) {
      const takes = this.list(s);
      if (takes.length === 0 || takes.every((t) => t.createdAt < cutoff)) {
        this.deleteSession(s);
        n++;
      }
    }
    return n;
  }
}
