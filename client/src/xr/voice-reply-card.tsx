/**
 * Answer by voice, where the browser offers speech recognition: press the card, speak, and the
 * final words are sent as the reply to the picked question (the scene's recognition module does
 * the listening and sending; this card points it at the question through uiStore.replyTo, as the
 * 2D reply button does). Listens in the viewer's language. Not shown where recognition is absent.
 */
import { useTranslation } from 'react-i18next';
import { replyLanguage } from '../../../core/xr/quick-replies.js';
import type { ChatEntry } from '../../../core/session.js';
import { recognitionSupported, startListening, stopListening } from '../host/recognition.js';
import { useSpeech } from '../host/speech-store.js';
import { uiStore } from '../stores/ui-store.js';
import { CanvasPanel, type PanelDraw } from './canvas-panel.js';
import { COLOURS, drawWrapped, roundRect } from './panel-text.js';

export const VOICE_CARD_H = 0.1;

export function voiceAvailable(): boolean {
  return recognitionSupported();
}

export function VoiceReplyCard({ question, y, width }: { question: ChatEntry; y: number; width: number }) {
  const { t } = useTranslation('xr');
  const listening = useSpeech((s) => s.listening);
  const interim = useSpeech((s) => s.interim);
  const error = useSpeech((s) => s.recognitionError);
  const title = listening ? t('voice.listening') : t('voice.start');
  const sub = listening
    ? interim
    : error
      ? t('voice.error', { error })
      : t('voice.hint', { name: question.actor.name });
  const draw: PanelDraw = (ctx, w, h, hover) => {
    roundRect(
      ctx,
      w,
      h,
      listening ? COLOURS.buttonOn : hover ? COLOURS.hover : COLOURS.button,
      listening ? COLOURS.ok : undefined,
    );
    drawWrapped(ctx, title, 30, 18, w - 60, 34, 1, COLOURS.accent, 700);
    drawWrapped(ctx, sub, 30, 70, w - 60, 28, 2, error && !listening ? COLOURS.warn : COLOURS.text);
  };
  const press = () => {
    if (listening) return stopListening();
    uiStore.setState({ replyTo: question.seq });
    startListening(replyLanguage(question.text));
  };
  return (
    <CanvasPanel
      name="xr-voice"
      width={width}
      height={VOICE_CARD_H}
      position={[0, y, 0]}
      content={JSON.stringify([title, sub, listening, error])}
      draw={draw}
      onPress={press}
    />
  );
}
