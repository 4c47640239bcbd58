/**
 * The HUD's voice meter for the host: start/stop the local microphone analysis, a speaking light,
 * and a dead-air cue when the live stream has gone quiet (mic-analysis.ts).
 */
import { useTranslation } from 'react-i18next';
import { useSession } from '../stores/session-store.js';
import { startMicAnalysis, stopMicAnalysis, useMic } from './mic-analysis.js';

export function VoiceMeter() {
  const { t } = useTranslation('stage');
  const isHost = useSession((s) => s.role === 'trainee');
  const { on, speaking, deadAir, tooFast, error } = useMic();
  if (!isHost || typeof AudioWorkletNode === 'undefined') return null;
  return (
    <>
      <button
        type="button"
        className={on ? 'primary small' : 'small'}
        title={t('voiceMeter.title')}
        onClick={() => (on ? stopMicAnalysis() : void startMicAnalysis())}
        data-testid="voice-meter-toggle"
      >
        {on ? t('voiceMeter.stop') : t('voiceMeter.start')}
      </button>
      {on && (
        <span className={`voice-light ${speaking ? 'on' : ''}`} data-testid="voice-speaking" data-speaking={speaking}>
          {speaking ? t('voiceMeter.speaking') : t('voiceMeter.silent')}
        </span>
      )}
      {on && deadAir && (
        <span className="error" role="status" data-testid="dead-air-cue">
          {t('voiceMeter.deadAir')}
        </span>
      )}
      {on && tooFast && !deadAir && (
        <span className="error" role="status" data-testid="too-fast-cue">
          {t('voiceMeter.tooFast')}
        </span>
      )}
      {error && <span className="error">{t('voiceMeter.error', { error })}</span>}
    </>
  );
}
