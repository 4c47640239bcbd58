/**
 * A refusal for people (issue 17 pt 6): one sentence in the interface language, the server's
 * technical detail folded away in a disclosure for whoever needs it (a colleague, a bug report).
 * The sentence names what happened when the detail is one the console knows (REASONS), else the
 * error code's sentence (common.json errors.codes).
 */
import { useTranslation } from 'react-i18next';
import { ApiError, describeError, errorMessage, type Translate } from '../net/api.js';

/** Server details the console can say better: pattern of the detail → console.json reasons.* */
const REASONS: ReadonlyArray<[RegExp, string]> = [
  [/^atMs: the session has not started/, 'notStartedSchedule'],
  [/has already fired/, 'alreadyFired'],
  [/no running session|the session has ended/, 'notRunning'],
  [/has left the session/, 'viewerLeft'],
  [/demo room keeps/, 'demoAudience'],
  [/log in as a facilitator, or send this session's join code/, 'needCode'],
  [/last (active )?facilitator/, 'lastFacilitator'],
  [/current password/, 'badCurrentPassword'],
  [/account is disabled/, 'accountDisabled'],
];

export interface ErrorParts {
  sentence: string;
  detail: string | null;
}

export function explain(t: Translate, err: unknown): ErrorParts {
  if (err instanceof ApiError) {
    const hit = REASONS.find(([re]) => re.test(err.message));
    if (hit) return { sentence: t(`console:reasons.${hit[1]}`), detail: err.message };
    // The code's sentence alone; the detail (English, names the field) goes in the disclosure.
    const sentence = errorMessage(t, err.code, '');
    return { sentence, detail: err.code ? `${err.code}: ${err.message}` : err.message };
  }
  return { sentence: describeError(t, err), detail: null };
}

export function ErrorNote({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation('console');
  if (error === null || error === undefined) return null;
  const { sentence, detail } = typeof error === 'string' ? { sentence: error, detail: null } : explain(t, error);
  return (
    <div className="error error-note" role="alert" data-testid={testId}>
      <span data-testid={testId ? `${testId}-sentence` : undefined}>{sentence}</span>
      {detail && (
        <details className="error-detail">
          <summary>{t('reasons.detail')}</summary>
          <code>{detail}</code>
        </details>
      )}
    </div>
  );
}
