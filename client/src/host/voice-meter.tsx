/**
 * The HUD's voice meter for the host: start/stop the local microphone analysis and a speaking
 * light (mic-analysis.ts). Its cues (dead air, too fast, too quiet) are live nudges, shown by
 * ui/score-nudge.tsx under the same one-cue rule as the others (core/live-nudge.ts).
 */
import { useTranslation } from 'react-i18next';
import { useSession } from '../stores/session-store.js';
import { startMicAnalysis, stopMicAnalysis, useMic } from './mic-analysis.js';

export function VoiceMeter() {
  const { t } = useTranslation('stage');
  const isHost = useSession((s) => s.role === 'trainee');
  const { on, speaking, error } = useMic();
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
      {error && <span className="error">{t('voiceMeter.error', { error })}</span>}
    </>
  );
}
