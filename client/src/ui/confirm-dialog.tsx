import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The one confirmation pattern of the app: an inline alert dialog that asks before an action that
 * cannot be undone (ending a stream, starting over an attempt, voiding a result). It can ask for a
 * line of text (a reason, a comment) so no page falls back to `window.prompt`, which some kiosks
 * and headsets block and which cannot be styled or translated.
 */
export interface ConfirmDialogProps {
  /** What will happen, in the interface language. */
  message: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: (text: string) => void;
  onCancel: () => void;
  /** Ask for text: the confirm button stays off while a required field is empty. */
  input?: { label: string; initial?: string; required?: boolean; maxLength?: number };
  busy?: boolean;
  /** `danger` for destructive actions. */
  tone?: 'danger' | 'primary';
  testId?: string;
  children?: ReactNode;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { message, confirmLabel, cancelLabel, onConfirm, onCancel, input, busy, tone = 'primary', testId } = props;
  const [text, setText] = useState(input?.initial ?? '');
  const first = useRef<HTMLInputElement | HTMLButtonElement | null>(null);
  // Focus lands in the dialog so Enter confirms and Escape cancels without reaching for the mouse.
  useEffect(() => first.current?.focus(), []);
  const blocked = busy === true || (input?.required === true && text.trim() === '');
  const confirm = () => {
    if (!blocked) onConfirm(text.trim());
  };
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-modal="false"
      aria-label={typeof message === 'string' ? message : undefined}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <span className="confirm-message">{message}</span>
      {props.children}
      {input && (
        <label className="confirm-input">
          <span>{input.label}</span>
          <input
            ref={(el) => {
              first.current = el;
            }}
            value={text}
            maxLength={input.maxLength ?? 500}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') confirm();
            }}
            data-testid={testId ? `${testId}-input` : undefined}
          />
        </label>
      )}
      <span className="row-form">
        <button
          type="button"
          ref={(el) => {
            if (!input) first.current = el;
          }}
          className={tone}
          disabled={blocked}
          onClick={confirm}
          data-testid={testId ? `${testId}-yes` : undefined}
        >
          {confirmLabel}
        </button>
        <button type="button" className="ghost" onClick={onCancel} data-testid={testId ? `${testId}-no` : undefined}>
          {cancelLabel}
        </button>
      </span>
    </div>
  );
}
