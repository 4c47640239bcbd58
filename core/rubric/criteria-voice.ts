/**
 * Delivery scored from the measured voice (voice.sample events from the trainee's microphone
 * analysis, core/voice): pace band in syllables per minute of speech time, dead air, monotone,
 * too quiet; filler words from the spoken lines' text still count when there is text.
 */
import type { EventOf } from '../events.js';
import { clamp01, NA, ramp, round1, type Ctx, type Judged } from './criteria-chat.js';
import { bi, type Evidence } from './report-model.js';
import type { CriterionOf } from './rubric-schema.js';

export interface DeadAir {
  /** Stream time the silence began and how long it lasted. */
  t: number;
  ms: number;
  seq: number;
}

/** Mic time → stream time: a sample's `toMs` is its event's `t`. */
const streamT = (e: EventOf<'voice.sample'>, micMs: number) => Math.max(0, Math.round(e.t - (e.toMs - micMs)));

/** Silences of at least `minMs`: closed pauses, and the silence still running at the last sample. */
export function deadAirOf(samples: ReadonlyArray<EventOf<'voice.sample'>>, minMs: number): DeadAir[] {
  const out: DeadAir[] = [];
  for (const e of samples) {
    for (const p of e.pauses) {
      if (p.endMs - p.startMs >= minMs) out.push({ t: streamT(e, p.startMs), ms: p.endMs - p.startMs, seq: e.seq });
    }
  }
  const last = samples[samples.length - 1];
  if (last && last.silenceMs >= minMs)
    out.push({ t: streamT(last, last.toMs - last.silenceMs), ms: last.silenceMs, seq: last.seq });
  return out;
}

/** Pace per sample (windows with at least a second of speech) and every pause, at stream time. */
export function voiceTimelines(samples: ReadonlyArray<EventOf<'voice.sample'>>): {
  pace: Array<[number, number]>;
  pauses: Array<[number, number]>;
} {
  const pace: Array<[number, number]> = [];
  const pauses: Array<[number, number]> = [];
  for (const e of samples) {
    if (e.speechMs >= 1000) pace.push([e.t, Math.round((e.syllables / e.speechMs) * 60_000)]);
    for (const p of e.pauses) pauses.push([streamT(e, p.startMs), p.endMs - p.startMs]);
  }
  return { pace: pace.slice(-480), pauses: pauses.slice(-480) };
}

export function voiceDeliveryCriterion(ctx: Ctx, c: CriterionOf<'delivery'>): Judged {
  const f = ctx.facts;
  const samples = f.voice;
  let speechMs = 0;
  let syllables = 0;
  let power = 0;
  let loudMs = 0;
  let pitch = 0;
  let pitchMs = 0;
  for (const s of samples) {
    speechMs += s.speechMs;
    syllables += s.syllables;
    if (s.loudnessDbfs !== null && s.speechMs > 0) {
      power += Math.pow(10, s.loudnessDbfs / 10) * s.speechMs;
      loudMs += s.speechMs;
    }
    if (s.pitchSemitoneSd !== null && s.speechMs > 0) {
      pitch += s.pitchSemitoneSd * s.speechMs;
      pitchMs += s.speechMs;
    }
  }
  if (speechMs === 0) return NA(bi('麦克风没有测到说话', 'The microphone heard no speech'));
  const pace = (syllables / speechMs) * 60_000;
  const paceScore =
    pace < c.voicePaceMin
      ? clamp01(pace / c.voicePaceMin)
      : pace > c.voicePaceMax
        ? clamp01(1 - (pace - c.voicePaceMax) / c.voicePaceMax)
        : 1;
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const heardMs = Math.max(1, last.toMs - first.fromMs);
  const dead = deadAirOf(samples, c.deadAirSec * 1000);
  const deadMs = dead.reduce((n, d) => n + d.ms, 0);
  // Up to 2 % of the time in dead air costs nothing; 20 % costs everything.
  const deadScore = ramp(deadMs / heardMs, 0.02, 0.2);
  const loud = loudMs ? 10 * Math.log10(power / loudMs) : null;
  const loudScore = loud === null ? 1 : clamp01(1 - (c.quietDbfs - loud) / 15);
  const sd = pitchMs ? pitch / pitchMs : null;
  const monoScore = sd === null ? 1 : clamp01((sd - c.monotoneSemitones / 2) / (c.monotoneSemitones / 2));
  let score = paceScore * 0.4 + deadScore * 0.25 + monoScore * 0.2 + loudScore * 0.15;
  const per1000 = f.spokenChars ? (f.fillers / f.spokenChars) * 1000 : 0;
  if (f.spokenChars > 0) score = score * 0.8 + ramp(per1000, c.fillerPer1000, c.fillerPer1000 * 4) * 0.2;
  const evidence: Evidence[] = dead.slice(0, 8).map((d) => ({
    seq: d.seq,
    t: d.t,
    note: bi(`冷场 ${(d.ms / 1000).toFixed(1)} 秒`, `Dead air ${(d.ms / 1000).toFixed(1)} s`),
    link: ctx.link(d.seq),
  }));
  const loudText = loud === null ? '—' : `${loud.toFixed(0)} dBFS`;
  const sdText = sd === null ? '—' : sd.toFixed(1);
  return {
    applicable: true,
    score: round1(score * 100),
    summary: bi(
      `语音实测：语速约 ${Math.round(pace)} 音节/分钟（${c.voicePaceMin}–${c.voicePaceMax}），冷场 ${dead.length} 次，音高变化 ${sdText} 半音${sd !== null && sd < c.monotoneSemitones ? '（单调）' : ''}，响度 ${loudText}${loud !== null && loud < c.quietDbfs ? '（太轻）' : ''}，口头禅 ${f.fillers} 次`,
      `Measured voice: ~${Math.round(pace)} syllables/min (${c.voicePaceMin}–${c.voicePaceMax}), ${dead.length} dead-air gap(s), pitch variation ${sdText} semitones${sd !== null && sd < c.monotoneSemitones ? ' (monotone)' : ''}, loudness ${loudText}${loud !== null && loud < c.quietDbfs ? ' (too quiet)' : ''}, ${f.fillers} filler word(s)`,
    ),
    evidence,
  };
}
