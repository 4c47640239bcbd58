/**
 * The live chat. Questions carry a label and their answered/waiting state; Reply on a message sets
 * replyTo for the reply box. Messages are rendered as text nodes only, never as HTML.
 */
import { useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ChatEntry } from '../../../core/session.js';
import { sessionClient } from '../net/session-client.js';
import { useSession } from '../stores/session-store.js';
import { uiStore, useUi, type ChatFilter } from '../stores/ui-store.js';
import { Icon } from './icons.js';
import { useChatFollow } from './use-chat-follow.js';
import { useCommand } from './use-command.js';
import { LineActions, LineStatus, visibleTo } from './host-tools-line.js';
import { RoomNotices } from './host-tools-notices.js';

const FILTERS: readonly ChatFilter[] = ['all', 'questions', 'waiting'];

function keep(e: ChatEntry, filter: ChatFilter): boolean {
  if (filter === 'all') return true;
  if (e.kind !== 'question') return false;
  return filter === 'questions' || e.answerSeq === null;
}

function speaker(t: TFunction<'rehearsal'>, e: ChatEntry, me: string | null): string {
  if (e.actor.id === me) return t('nameMe', { name: e.actor.name });
  if (e.actor.role === 'trainee') return t('nameHost', { name: e.actor.name });
  return e.actor.name;
}

function ChatItem({ e, canReply }: { e: ChatEntry; canReply: boolean }) {
  const { t } = useTranslation('rehearsal');
  const me = useSession((s) => s.participantId);
  const target = useSession((s) => (e.replyTo === null ? undefined : s.state.chat.find((c) => c.seq === e.replyTo)));
  const replyTo = useUi((s) => s.replyTo);
  // Director mode stays hidden from the trainee while live; staff (and any replay) see who wrote it.
  const showDirected = useSession((s) => s.role !== 'trainee' || s.connection === 'idle');
  const directedBy = showDirected ? e.directedBy : undefined;
  const question = e.kind === 'question';
  const answered = e.answerSeq !== null;
  const classes = [
    'chat-item',
    `kind-${e.kind}`,
    `role-${e.actor.role}`,
    replyTo === e.seq ? 'replying' : '',
    answered ? 'answered' : '',
    e.deleted ? 'deleted' : '',
    e.held ? 'held' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li className={classes} data-testid="chat-item" data-seq={e.seq} data-kind={e.kind} data-reply-to={e.replyTo ?? ''}>
      <div className="meta">
        {e.kind === 'question' && (
          <span className="tag question" data-testid="question-label">
            {t('questionLabel')}
          </span>
        )}
        <span className="who">{speaker(t, e, me)}</span>
        {directedBy && (
          <span
            className="tag directed"
            title={t('directedTitle', { name: directedBy.name })}
            data-testid="chat-directed"
          >
            {t('directed')}
          </span>
        )}
        {question && (
          <span className={answered ? 'tag ok' : 'tag wait'}>{answered ? t('answered') : t('waiting')}</span>
        )}
        <LineStatus e={e} />
        {canReply && (
          <button
            type="button"
            className="reply-button"
            onClick={() => uiStore.setState({ replyTo: e.seq })}
            data-testid="reply-button"
          >
            {t('reply')}
          </button>
        )}
        {/* 场控: delete / mute / block on viewers' lines (host-tools-line.tsx). */}
        {canReply && (e.actor.role === 'bot' || e.actor.role === 'observer') && <LineActions e={e} />}
      </div>
      {e.replyTo !== null && (
        <div className="quote">
          ↪ {t('replyRef', { name: target?.actor.name ?? `#${e.replyTo}` })}
          {target ? t('quoteText', { text: target.text }) : ''}
        </div>
      )}
      <div className="text">{e.text}</div>
    </li>
  );
}

function Composer() {
  const { t } = useTranslation('rehearsal');
  const replyTo = useUi((s) => s.replyTo);
  const target = useSession((s) => (replyTo === null ? undefined : s.state.chat.find((c) => c.seq === replyTo)));
  const ended = useSession((s) => s.state.status === 'ended');
  const [text, setText] = useState('');
  const { run, pending, error } = useCommand();
  const input = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    if (replyTo !== null) input.current?.focus();
  }, [replyTo]);

  async function submit(ev?: FormEvent) {
    ev?.preventDefault();
    const body = text.trim();
    if (!body || pending) return;
    const ok = await run(() => sessionClient.command('chat.send', { text: body, kind: 'chat', replyTo }));
    if (ok) {
      setText('');
      uiStore.setState({ replyTo: null });
    }
  }

  return (
    <form className="composer" onSubmit={(ev) => void submit(ev)} data-testid="composer">
      {replyTo !== null && (
        <div className="replying-to" data-testid="replying-to" data-seq={replyTo}>
          <span>
            {t('replyingTo', { name: target?.actor.name ?? `#${replyTo}` })} {target?.text ?? ''}
          </span>
          <button type="button" className="ghost" onClick={() => uiStore.setState({ replyTo: null })}>
            {t('common:cancel')}
          </button>
        </div>
      )}
      <div className="row">
        <textarea
          ref={input}
          value={text}
          rows={2}
          maxLength={500}
          disabled={ended}
          placeholder={replyTo !== null ? t('replyPlaceholder') : t('chatPlaceholder')}
          aria-label={replyTo !== null ? t('replyPlaceholder') : t('chatPlaceholder')}
          onChange={(ev) => setText(ev.target.value)}
          onKeyDown={(ev) => {
            if (ev.key === 'Enter' && !ev.shiftKey && !ev.nativeEvent.isComposing) {
              ev.preventDefault();
              void submit();
            }
          }}
          data-testid="reply-box"
        />
        <button type="submit" className="primary" disabled={pending || ended || !text.trim()} data-testid="reply-send">
          {t('send')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="chat-error">
          {error}
        </p>
      )}
    </form>
  );
}

export function ChatPanel() {
  const { t } = useTranslation('rehearsal');
  const chat = useSession((s) => s.state.chat);
  const role = useSession((s) => s.role);
  const filter = useUi((s) => s.chatFilter);
  const list = useRef<HTMLOListElement>(null);
  const canSend = role === 'trainee' || role === 'facilitator';
  // Viewers never see deleted or held lines; the host sees them marked (host-tools-line.tsx).
  const shown = chat.filter((e) => keep(e, filter) && visibleTo(e, role));
  // Follow new messages unless the user has scrolled up to read (then a 新消息 marker).
  const seqs = useMemo(
    () => chat.filter((e) => keep(e, filter) && visibleTo(e, role)).map((e) => e.seq),
    [chat, filter, role],
  );
  const follow = useChatFollow(list, seqs, filter);

  return (
    <section className="panel chat" data-testid="chat">
      <header>
        <h2>{t('chat')}</h2>
        <div className="filters" role="tablist">
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              role="tab"
              aria-selected={f === filter}
              className={f === filter ? 'selected' : undefined}
              onClick={() => uiStore.setState({ chatFilter: f })}
              data-testid={`chat-filter-${f}`}
            >
              {t(`filter.${f}`)}
            </button>
          ))}
        </div>
      </header>
      <RoomNotices />
      <ol ref={list} className="chat-list" data-testid="chat-list" onScroll={follow.onScroll}>
        {shown.length === 0 && <li className="hint">{t('chatEmpty')}</li>}
        {shown.map((e) => (
          <ChatItem key={e.seq} e={e} canReply={canSend && e.actor.role !== 'trainee'} />
        ))}
      </ol>
      {follow.unseen > 0 && (
        <button type="button" className="chat-new" onClick={follow.jumpToNewest} data-testid="chat-new-messages">
          {t('studio:newMessages', { count: follow.unseen })}
          <Icon name="down" />
        </button>
      )}
      {canSend ? (
        <Composer />
      ) : (
        <p className="hint observer" data-testid="observer-note">
          {t('observerNote')}
        </p>
      )}
    </section>
  );
}
