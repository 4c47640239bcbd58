/**
 * The HUD's opt-in voice recording: off by default; switching it on first says what is kept and
 * where (ConfirmDialog), then a red "● 正在录音" badge shows for as long as it runs.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../stores/session-store.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { recordingSupported, startRecording, stopRecording, useRecorder } from './voice-recorder.js';

export function VoiceRecord() {
  const { t } = useTranslation('stage');
  const isHost = useSession((s) => s.role === 'trainee');
  const live = useSession((s) => s.state.status === 'live');
  const { on, error } = useRecorder();
  const [asking, setAsking] = useState(false);
  if (!isHost || !recordingSupported()) return null;
  return (
    <>
      {on ? (
        <>
          <span className="recording-badge" role="status" data-testid="voice-recording">
            {t('record.on')}
          </span>
          <button type="button" className="small" onClick={stopRecording} data-testid="voice-record-stop">
            {t('record.stop')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="ghost small"
          disabled={!live}
          title={t('record.title')}
          onClick={() => setAsking(true)}
          data-testid="voice-record-toggle"
        >
          {t('record.start')}
        </button>
      )}
      {asking && (
        <ConfirmDialog
          message={t('record.consent')}
          confirmLabel={t('record.agree')}
          cancelLabel={t('record.cancel')}
          testId="voice-record-consent"
          onConfirm={() => {
            setAsking(false);
            void startRecording();
          }}
          onCancel={() => setAsking(false)}
        />
      )}
      {error && (
        <span className="error" data-testid="voice-record-error">
          {t('record.error', { error })}
        </span>
      )}
    </>
  );
}
