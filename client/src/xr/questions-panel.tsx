/**
 * Waiting questions and quick-reply cards, to the trainee's right. Up to three waiting questions
 * (oldest first; press one to pick it), and for the picked one three compliant replies chosen by
 * core/xr/quick-replies.ts. Pressing a card sends it as chat.send with replyTo the question's seq,
 * exactly what the 2D reply box sends. The card shows the words that will be sent, in the
 * viewer's language, under a title in the interface language. Below them, where the browser can
 * recognise speech, a card to answer by voice.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { quickRepliesFor, replyLanguage, waitingQuestions, type ReplyId } from '../../../core/xr/quick-replies.js';
import type { ChatEntry } from '../../../core/session.js';
import { sessionClient } from '../net/session-client.js';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { CanvasPanel, type PanelDraw } from './canvas-panel.js';
import { COLOURS, drawWrapped, roundRect } from './panel-text.js';
import { useXrCommand } from './use-xr-command.js';
import { VOICE_CARD_H, VoiceReplyCard, voiceAvailable } from './voice-reply-card.js';

const MAX_SHOWN = 3;
const WIDTH = 0.7;
const ROW_H = 0.1;
const CARD_H = 0.16;

export function QuestionsPanel(props: { position: [number, number, number]; rotation: [number, number, number] }) {
  const { t } = useTranslation('xr');
  const lang = useUi((s) => s.lang);
  const questions = useSession((s) => s.state.questions);
  const chat = useSession((s) => s.state.chat);
  const ended = useSession((s) => s.state.status === 'ended');
  const waiting = useMemo(() => waitingQuestions({ questions, chat }, MAX_SHOWN), [questions, chat]);
  const [picked, setPicked] = useState<number | null>(null);
  const { run, pending, error } = useXrCommand();
  const question = waiting.find((q) => q.seq === picked) ?? waiting[0];

  const header = waiting.length === 0 ? t('panel.noQuestions') : t('panel.questions', { count: questions.length });
  const sub = question ? t('panel.pickReply', { name: question.actor.name }) : '';
  const headerDraw: PanelDraw = (ctx, w, h) => {
    roundRect(ctx, w, h, COLOURS.panel);
    drawWrapped(ctx, header, 36, 22, w - 72, 36, 1, COLOURS.accent, 600);
    drawWrapped(ctx, error ?? sub, 36, 78, w - 72, 28, 1, error ? COLOURS.warn : COLOURS.dim);
  };

  // Stack from the top down: header, question rows, a gap, reply cards.
  let top = 0.35;
  const place = (h: number, gapAfter = 0.01) => {
    const centre = top - h / 2;
    top -= h + gapAfter;
    return centre;
  };
  const headerY = place(0.1);
  const rowYs = waiting.map((_, i) => place(ROW_H, i === waiting.length - 1 ? 0.04 : 0.01));
  return (
    <group {...props}>
      <CanvasPanel
        name="xr-questions"
        width={WIDTH}
        height={0.1}
        position={[0, headerY, 0]}
        content={JSON.stringify([header, sub, error, lang])}
        draw={headerDraw}
      />
      {waiting.map((q, i) => (
        <QuestionRow
          key={q.seq}
          index={i}
          q={q}
          selected={q === question}
          y={rowYs[i]!}
          onPress={() => setPicked(q.seq)}
        />
      ))}
      {question &&
        quickRepliesFor(question.text).map((id, i) => (
          <ReplyCard
            key={`${question.seq}-${id}`}
            index={i}
            id={id}
            question={question}
            y={place(CARD_H, 0.012)}
            onPress={
              pending || ended
                ? undefined
                : (text) =>
                    void run(() => sessionClient.command('chat.send', { text, kind: 'chat', replyTo: question.seq }))
            }
          />
        ))}
      {question && !ended && voiceAvailable() && (
        <VoiceReplyCard question={question} width={WIDTH} y={place(VOICE_CARD_H)} />
      )}
    </group>
  );
}

function QuestionRow({
  index,
  q,
  selected,
  y,
  onPress,
}: {
  index: number;
  q: ChatEntry;
  selected: boolean;
  y: number;
  onPress: () => void;
}) {
  const draw: PanelDraw = (ctx, w, h, hover) => {
    roundRect(
      ctx,
      w,
      h,
      selected ? COLOURS.button : hover ? COLOURS.hover : COLOURS.panel,
      selected ? COLOURS.accent : undefined,
    );
    drawWrapped(ctx, q.actor.name, 30, 18, w - 60, 26, 1, COLOURS.dim, 600);
    drawWrapped(ctx, q.text, 30, 56, w - 60, 32, 2, COLOURS.text);
  };
  return (
    <CanvasPanel
      name={`xr-question-${index}`}
      width={WIDTH}
      height={ROW_H}
      position={[0, y, 0]}
      content={JSON.stringify([q.seq, q.actor.name, q.text, selected])}
      draw={draw}
      onPress={onPress}
    />
  );
}

function ReplyCard({
  index,
  id,
  question,
  y,
  onPress,
}: {
  index: number;
  id: ReplyId;
  question: ChatEntry;
  y: number;
  onPress: ((text: string) => void) | undefined;
}) {
  const { t, i18n } = useTranslation('xr');
  const title = t(`replies.${id}.title`);
  const text = i18n.getFixedT(replyLanguage(question.text), 'xr')(`replies.${id}.text`);
  const draw: PanelDraw = (ctx, w, h, hover) => {
    roundRect(ctx, w, h, hover && onPress ? COLOURS.buttonOn : COLOURS.button);
    drawWrapped(ctx, `${index + 1}. ${title}`, 30, 20, w - 60, 34, 1, COLOURS.accent, 700);
    drawWrapped(ctx, text, 30, 68, w - 60, 30, 4, COLOURS.text);
  };
  return (
    <CanvasPanel
      name={`xr-reply-${index}`}
      width={WIDTH}
      height={CARD_H}
      position={[0, y, 0]}
      content={JSON.stringify([title, text, onPress !== undefined])}
      draw={draw}
      onPress={onPress && (() => onPress(text))}
    />
  );
}
