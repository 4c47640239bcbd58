/**
 * 场控 on one chat line: delete, mute, block (the chat panel adds reply), each a plain button so
 * Tab reaches them; blocking asks first (ConfirmDialog) because it cannot be undone. Also which
 * lines a seat sees: viewers never see deleted or held lines; the host sees them marked.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../core/events.js';
import type { ChatEntry } from '../../../core/session.js';
import { mutedAt } from '../../../core/session-host-tools.js';
import { sessionClient } from '../net/session-client.js';
import { useSession } from '../stores/session-store.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { useCommand } from './use-command.js';

/** Minutes a per-line mute lasts. */
export const LINE_MUTE_MIN = 5;

/** Seats that run the console: the host, and a facilitator standing in for the studio's 场控. */
export function runsConsole(role: Role | null): boolean {
  return role === 'trainee' || role === 'facilitator';
}

/** Viewers (and the bots) never see a deleted line or one the keyword filter held. */
export function visibleTo(e: ChatEntry, role: Role | null): boolean {
  return runsConsole(role) || (!e.deleted && !e.held);
}

/** The line's console state, for the host: held by the filter, or deleted (by whom). */
export function LineStatus({ e }: { e: ChatEntry }) {
  const { t } = useTranslation('hosttools');
  if (e.deleted)
    return (
      <span className="tag deleted" title={t('line.deletedBy', { name: e.deleted.by })} data-testid="chat-deleted">
        {t('line.deleted')}
      </span>
    );
  if (e.held)
    return (
      <span className="tag held" title={t('line.heldTitle')} data-testid="chat-held">
        {t('line.held')}
      </span>
    );
  return null;
}

export function LineActions({ e }: { e: ChatEntry }) {
  const { t } = useTranslation('hosttools');
  const { run, pending, error } = useCommand();
  const [confirming, setConfirming] = useState(false);
  const viewerId = e.actor.id;
  const blocked = useSession((s) => s.state.hostTools.blocked.includes(viewerId));
  const muted = useSession((s) => mutedAt(s.state.hostTools, viewerId, s.state.t));
  const ended = useSession((s) => s.state.status === 'ended');
  if (ended) return null;
  const off = pending;
  return (
    <span
      className="line-actions"
      role="group"
      aria-label={t('line.actions', { name: e.actor.name })}
      data-testid="line-actions"
    >
      {!e.deleted && (
        <button
          type="button"
          className="line-action"
          title={t('line.deleteTitle')}
          disabled={off}
          onClick={() => void run(() => sessionClient.command('chat.delete', { seq: e.seq }))}
          data-testid="line-delete"
        >
          {t('line.delete')}
        </button>
      )}
      {!blocked && (
        <button
          type="button"
          className="line-action"
          title={muted ? undefined : t('line.muteTitle', { minutes: LINE_MUTE_MIN })}
          disabled={off}
          aria-pressed={muted}
          onClick={() =>
            void run(() => sessionClient.command('viewer.mute', { viewerId, seconds: muted ? 0 : LINE_MUTE_MIN * 60 }))
          }
          data-testid="line-mute"
        >
          {muted ? t('line.unmute') : t('line.mute')}
        </button>
      )}
      {blocked ? (
        <span className="tag blocked" data-testid="line-blocked">
          {t('line.blocked')}
        </span>
      ) : (
        <button
          type="button"
          className="line-action danger"
          title={t('line.blockTitle')}
          disabled={off}
          onClick={() => setConfirming(true)}
          data-testid="line-block"
        >
          {t('line.block')}
        </button>
      )}
      {confirming && (
        <ConfirmDialog
          message={t('line.confirmBlock', { name: e.actor.name })}
          confirmLabel={t('line.confirmBlockButton')}
          cancelLabel={t('common:cancel')}
          tone="danger"
          busy={pending}
          testId="block-confirm"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            void run(() => sessionClient.command('viewer.block', { viewerId })).then(() => setConfirming(false));
          }}
        />
      )}
      {error && (
        <span className="error" role="alert" data-testid="line-error">
          {error}
        </span>
      )}
    </span>
  );
}
