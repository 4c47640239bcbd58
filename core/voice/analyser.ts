/**
 * Delivery analysis of a voice: PCM in, metrics out. Pure DSP, no DOM or Node globals, so the
 * same code runs in the browser's AudioWorklet and in `branchcast delivery FILE.wav`.
 *
 * Incremental: feed chunks of any length with push(); metrics() is the running result. Work is
 * done per 10 ms frame with buffers allocated once, so an audio thread can call it every render
 * quantum without garbage.
 *
 * - Voice activity: frame energy above an adaptive noise floor (and an absolute floor), runs of
 *   active frames merged across gaps shorter than a pause. Gaps ≥ PAUSE_MS between runs are the
 *   pauses; silence after the last run is not a pause (yet) but is reported as `silenceMs` so a
 *   live cue can call dead air.
 * - Speaking rate: syllable nuclei, i.e. peaks of the voiced-band (300–2500 Hz) energy envelope
 *   with a ≥ DIP_DB dip on both sides, in speech and voiced (after de Jong & Wempe 2009). Mandarin
 *   is about one syllable per character, so nuclei per minute of speech compare with characters
 *   per minute.
 * - Loudness: mean power of speech frames, dBFS (a full-scale sine reads −3 dBFS).
 * - Monotone: standard deviation of pitch in semitones over confident pitch frames (pitchy's
 *   McLeod pitch method).
 */
import { PitchDetector } from 'pitchy';

export interface Pause {
  startMs: number;
  endMs: number;
}

export interface DeliveryMetrics {
  durationMs: number;
  speechMs: number;
  pauses: Pause[];
  longestPauseMs: number;
  syllables: number;
  /** Syllable nuclei per minute of speech time (pauses excluded); 0 without speech. */
  syllablesPerMinute: number;
  /** Mean loudness of speech frames; null without speech. */
  loudnessDbfs: number | null;
  /** Pitch variation in semitones (SD); null with fewer than PITCH_MIN_FRAMES pitched frames. */
  pitchSemitoneSd: number | null;
  /** Whether the voice is active now (within a pause's length of the last active frame). */
  speaking: boolean;
  /** Silence since the last active frame (from the start if no speech yet). */
  silenceMs: number;
}

export const FRAME_MS = 10;
export const PAUSE_MS = 300;
const DIP_DB = 2;
/** Absolute floor: quieter than this is never speech, whatever the noise floor. */
const MIN_SPEECH_DB = -50;
/** Active when this far above the tracked noise floor. */
const ABOVE_FLOOR_DB = 12;
/** The noise floor falls at once to a quieter frame and rises this much per frame otherwise. */
const FLOOR_RISE_DB = 0.02;
const PITCH_MIN_HZ = 60;
const PITCH_MAX_HZ = 500;
/** Clarity for counting a frame's pitch in the monotone measure, and the laxer one for voicing. */
const PITCH_CLARITY = 0.8;
const VOICING_CLARITY = 0.6;
const PITCH_MIN_FRAMES = 10;
const SILENT_DB = -120;

/** RBJ biquad band-pass coefficients (constant 0 dB peak gain). */
function bandPass(sampleRate: number, lowHz: number, highHz: number): Float64Array {
  const f0 = Math.sqrt(lowHz * highHz);
  const q = f0 / (highHz - lowHz);
  const w0 = (2 * Math.PI * Math.min(f0, sampleRate * 0.45)) / sampleRate;
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  return Float64Array.of(alpha / a0, 0, -alpha / a0, (-2 * Math.cos(w0)) / a0, (1 - alpha) / a0);
}

function toDb(power: number): number {
  return power > 1e-12 ? 10 * Math.log10(power) : SILENT_DB;
}

export interface VoiceAnalyser {
  readonly sampleRate: number;
  push(chunk: Float32Array): void;
  metrics(): DeliveryMetrics;
}

export function createVoiceAnalyser(sampleRate: number): VoiceAnalyser {
  if (!(sampleRate >= 8000 && sampleRate <= 192_000)) throw new RangeError(`sample rate ${sampleRate} out of range`);
  const hop = Math.round((sampleRate * FRAME_MS) / 1000);
  // Pitch window ≥ 40 ms (two periods of 60 Hz would need 33 ms), a power of two for the FFT.
  let win = 1;
  while (win < sampleRate * 0.04) win *= 2;
  const detector = PitchDetector.forFloat32Array(win);
  const window = new Float32Array(win);
  const frame = new Float32Array(hop);
  const bp = bandPass(sampleRate, 300, 2500);
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;

  let inFrame = 0;
  let framePower = 0;
  let bandPower = 0;
  let frames = 0;

  let floorDb = -70;
  let firstActive = -1;
  let lastActive = -1; // index of the last active frame
  let segStart = -1;
  let speechFrames = 0; // closed segments' frames
  const pauses: Pause[] = [];
  let longestPause = 0;

  let speechPower = 0;
  let speechPowerFrames = 0;

  // Syllable peak picking on the smoothed band envelope (dB).
  let e1 = SILENT_DB;
  let e2 = SILENT_DB;
  let seekingPeak = true;
  let peak = SILENT_DB;
  let peakOk = false;
  let valley = SILENT_DB;
  let syllables = 0;

  // Welford over semitones re 100 Hz.
  let pitchN = 0;
  let pitchMean = 0;
  let pitchM2 = 0;

  function endFrame(): void {
    const f = frames++;
    const db = toDb(framePower / hop);
    const env = toDb(bandPower / hop);
    framePower = 0;
    bandPower = 0;

    if (db < floorDb) floorDb = Math.max(db, -90);
    else floorDb += FLOOR_RISE_DB;
    const active = db > MIN_SPEECH_DB && db > floorDb + ABOVE_FLOOR_DB;

    let voiced = false;
    if (active) {
      const [hz, clarity] = detector.findPitch(window, sampleRate);
      const inRange = hz >= PITCH_MIN_HZ && hz <= PITCH_MAX_HZ;
      voiced = inRange && clarity >= VOICING_CLARITY;
      if (inRange && clarity >= PITCH_CLARITY) {
        const st = 12 * Math.log2(hz / 100);
        pitchN++;
        const d = st - pitchMean;
        pitchMean += d / pitchN;
        pitchM2 += d * (st - pitchMean);
      }
      speechPower += Math.pow(10, db / 10);
      speechPowerFrames++;
      if (lastActive >= 0 && (f - lastActive - 1) * FRAME_MS >= PAUSE_MS) {
        // A pause closes the previous segment.
        const p = { startMs: (lastActive + 1) * FRAME_MS, endMs: f * FRAME_MS };
        pauses.push(p);
        longestPause = Math.max(longestPause, p.endMs - p.startMs);
        speechFrames += lastActive + 1 - segStart;
        segStart = f;
      }
      if (segStart < 0) segStart = f;
      if (firstActive < 0) firstActive = f;
      lastActive = f;
    }

    // Three-frame moving average of the envelope, then peak/valley with a DIP_DB hysteresis.
    const smooth = (env + e1 + e2) / 3;
    e2 = e1;
    e1 = env;
    if (seekingPeak) {
      if (active && voiced) peakOk = true;
      if (smooth > peak) {
        peak = smooth;
      } else if (smooth < peak - DIP_DB) {
        if (peakOk) syllables++;
        seekingPeak = false;
        valley = smooth;
      }
    } else if (smooth < valley) {
      valley = smooth;
    } else if (smooth > valley + DIP_DB) {
      seekingPeak = true;
      peak = smooth;
      peakOk = active && voiced;
    }
  }

  return {
    sampleRate,
    push(chunk: Float32Array): void {
      const [b0, , b2, a1, a2] = bp as unknown as [number, number, number, number, number];
      for (let i = 0; i < chunk.length; i++) {
        const x = chunk[i]!;
        const y = b0 * x + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        frame[inFrame] = x;
        framePower += x * x;
        bandPower += y * y;
        inFrame++;
        if (inFrame === hop) {
          // Slide the pitch window by one hop and append the frame just completed.
          window.copyWithin(0, hop);
          window.set(frame, win - hop);
          inFrame = 0;
          endFrame();
        }
      }
    },
    metrics(): DeliveryMetrics {
      const speech = segStart < 0 ? 0 : speechFrames + (lastActive + 1 - segStart);
      const speechMs = speech * FRAME_MS;
      const durationMs = Math.round(((frames * hop + inFrame) * 1000) / sampleRate);
      const silenceMs = lastActive < 0 ? frames * FRAME_MS : (frames - lastActive - 1) * FRAME_MS;
      return {
        durationMs,
        speechMs,
        pauses: pauses.slice(),
        longestPauseMs: longestPause,
        syllables,
        syllablesPerMinute: speechMs > 0 ? Math.round((syllables / speechMs) * 60_000) : 0,
        loudnessDbfs: speechPowerFrames ? Math.round(toDb(speechPower / speechPowerFrames) * 10) / 10 : null,
        pitchSemitoneSd: pitchN >= PITCH_MIN_FRAMES ? Math.round(Math.sqrt(pitchM2 / (pitchN - 1)) * 100) / 100 : null,
        speaking: lastActive >= 0 && silenceMs < PAUSE_MS,
        silenceMs,
      };
    },
  };
}

/** Analyse a whole signal at once. */
export function analyseDelivery(samples: Float32Array, sampleRate: number): DeliveryMetrics {
  const a = createVoiceAnalyser(sampleRate);
  a.push(samples);
  return a.metrics();
}
