/**
 * The host's strip above the controls: captions, the voice status (a visible note when the
 * browser has no Chinese voice), a voice on/off toggle, the microphone (only where the browser
 * offers speech recognition) and the avatar choice (load a .vrm file, or the default host).
 * Mounted once by the rehearsal HUD; it also starts the speech engine.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { Captions } from './captions.js';
import { loadVrmFile, showProceduralHost, useHostAvatar } from './host-store.js';
import { detectRecognizer, startListening, stopListening } from './recognition.js';
import { setMuted, startSpeech } from './speech.js';
import { useSpeech } from './speech-store.js';
import { VoiceMeter } from './voice-meter.js';
import { VoiceRecord } from './voice-record.js';
import './host-dock.css';

function VoiceStatus() {
  const { t } = useTranslation('stage');
  const mode = useSpeech((s) => s.mode);
  const voiceName = useSpeech((s) => s.voiceName);
  const muted = useSpeech((s) => s.muted);
  return (
    <>
      <span className={`voice-note ${mode}`} data-testid="voice-note" data-mode={mode}>
        {mode === 'voice' ? t('voice.speaking', { name: voiceName ?? '' }) : t(`voice.${mode}`)}
      </span>
      <button type="button" className="ghost small" onClick={() => setMuted(!muted)} data-testid="voice-toggle">
        {muted ? t('voice.unmute') : t('voice.mute')}
      </button>
    </>
  );
}

/**
 * Error codes the interface explains: Web Speech's ('network' is Chromium's cloud service
 * failing) and the FunASR relay's (server/voice/asr-relay.ts).
 */
const RECOGNITION_ERRORS = [
  'network',
  'not-allowed',
  'audio-capture',
  'no-speech',
  'ASR_UNREACHABLE',
  'UNAVAILABLE',
  'NOT_LIVE',
  'LIMIT_REACHED',
];

function MicButton() {
  const { t } = useTranslation('stage');
  const supported = useSpeech((s) => s.recognitionSupported);
  const recognizer = useSpeech((s) => s.recognizer);
  const listening = useSpeech((s) => s.listening);
  const interim = useSpeech((s) => s.interim);
  const error = useSpeech((s) => s.recognitionError);
  const lang = useUi((s) => s.lang);
  const replying = useUi((s) => s.replyTo !== null);
  // Only the host speaks into the stream (the server refuses host.say from anyone else).
  const isHost = useSession((s) => s.role === 'trainee');
  if (!isHost || recognizer === null) return null;
  if (!supported || recognizer === 'none')
    return (
      <span className="mic-none" data-testid="mic-none">
        {t('mic.none')}
      </span>
    );
  return (
    <>
      <button
        type="button"
        className={listening ? 'primary small' : 'small'}
        title={replying ? t('mic.titleReply') : t('mic.titleSay')}
        onClick={() => (listening ? stopListening() : startListening(lang))}
        data-testid="mic-button"
        data-recognizer={recognizer}
      >
        {listening ? t('mic.stop') : t('mic.start')}
      </button>
      <span className="mic-via" data-testid="mic-via">
        {t(recognizer === 'funasr' ? 'mic.viaFunasr' : 'mic.viaBrowser')}
      </span>
      {listening && (
        <span className="interim" data-testid="mic-interim">
          {interim || t('mic.listening')}
        </span>
      )}
      {error && !listening && (
        <span className="error" data-testid="mic-error" data-code={error}>
          {RECOGNITION_ERRORS.includes(error) ? t(`mic.errors.${error}`) : t('mic.errors.other', { error })}
        </span>
      )}
    </>
  );
}

function AvatarPicker() {
  const { t } = useTranslation('stage');
  const file = useRef<HTMLInputElement>(null);
  const vrmFile = useHostAvatar((s) => s.vrmFile);
  const loading = useHostAvatar((s) => s.loading);
  const error = useHostAvatar((s) => s.error);
  return (
    <>
      <input
        ref={file}
        type="file"
        accept=".vrm,model/gltf-binary"
        hidden
        data-testid="vrm-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void loadVrmFile(f);
        }}
      />
      {vrmFile ? (
        <>
          <span className="vrm-name" data-testid="vrm-loaded">
            {t('vrm.loaded', { file: vrmFile })}
          </span>
          <button type="button" className="ghost small" onClick={showProceduralHost} data-testid="vrm-default">
            {t('vrm.useDefault')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="ghost small"
          disabled={loading}
          onClick={() => file.current?.click()}
          data-testid="vrm-load"
        >
          {loading ? t('vrm.loading') : t('vrm.load')}
        </button>
      )}
      {error && (
        <span className="error" role="alert" data-testid="vrm-error">
          {t('vrm.error', { message: error })}
        </span>
      )}
    </>
  );
}

export function HostDock() {
  useEffect(() => {
    startSpeech();
    void detectRecognizer();
  }, []);
  return (
    <div className="host-dock" data-testid="host-dock">
      <Captions />
      <div className="host-tools">
        <VoiceStatus />
        <MicButton />
        <VoiceMeter />
        <VoiceRecord />
        <AvatarPicker />
      </div>
    </div>
  );
}
