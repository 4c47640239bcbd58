/**
 * The teleprompter: the current segment's lines, the next undelivered one (state.lineCursor)
 * highlighted. The trainee delivers a line by clicking it or with "say next" (host.say).
 */
import { useEffect, useRef } from 'react';
import { sessionClient } from '../net/session-client.js';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { useTranslation } from 'react-i18next';
import { pick } from './i18n.js';
import { useCommand } from './use-command.js';
import { FONT_SIZES, PrompterTools, usePrompterPrefs } from './teleprompter-tools.js';

export function Teleprompter() {
  const { t } = useTranslation('rehearsal');
  const { t: ts } = useTranslation('studio');
  const lang = useUi((s) => s.lang);
  const scenario = useSession((s) => s.state.scenario);
  const segmentIndex = useSession((s) => s.state.segmentIndex);
  const cursor = useSession((s) => s.state.lineCursor);
  const status = useSession((s) => s.state.status);
  const role = useSession((s) => s.role);
  const { run, pending, error } = useCommand();
  const current = useRef<HTMLLIElement>(null);
  const list = useRef<HTMLOListElement>(null);
  // Budget left, auto-scroll and font size (persisted): teleprompter-tools.tsx.
  const [prefs, setPrefs] = usePrompterPrefs();

  useEffect(() => {
    if (!prefs.autoScroll) current.current?.scrollIntoView({ block: 'nearest' });
  }, [cursor, segmentIndex, prefs.autoScroll]);

  const segment = scenario?.segments[segmentIndex];
  if (!segment) return null;
  const lastSegment = segmentIndex >= (scenario?.segments.length ?? 0) - 1;
  const canSay = role === 'trainee' && status === 'live' && !pending;

  function say(index: number) {
    const line = segment?.lines[index];
    if (!line || !canSay) return;
    // The script's Chinese line is what is delivered (and scored), whatever the UI language.
    void run(() => sessionClient.command('host.say', { text: line.zh, lineIndex: index }));
  }

  const hint =
    status === 'created'
      ? t('notStartedHint')
      : status === 'ended'
        ? t('endedHint')
        : cursor >= segment.lines.length
          ? lastSegment
            ? ts('scriptDoneLast')
            : t('scriptDone')
          : null;

  return (
    <section className="panel teleprompter" data-testid="teleprompter">
      <header>
        <h2>{t('teleprompter')}</h2>
        <span className="segment-title" data-testid="prompt-segment-title">
          {pick(segment.title, lang)}
        </span>
        {lastSegment && status === 'live' && (
          <em className="tag warn last-segment" data-testid="prompt-last">
            {ts('lastSegment')}
          </em>
        )}
        <PrompterTools budgetSec={segment.budgetSec} prefs={prefs} setPrefs={setPrefs} list={list} />
      </header>
      <ol ref={list} style={{ fontSize: FONT_SIZES[prefs.font] }} data-font-size={FONT_SIZES[prefs.font]}>
        {segment.lines.map((line, i) => {
          const state = i < cursor ? 'delivered' : i === cursor ? 'current' : 'upcoming';
          return (
            <li
              key={i}
              ref={i === cursor ? current : undefined}
              className={`line ${state}${canSay ? ' clickable' : ''}`}
              onClick={() => say(i)}
              title={canSay ? t('sayLineTitle') : undefined}
              data-testid="prompt-line"
              data-index={i}
              data-state={state}
            >
              <span className="text">{pick(line, lang)}</span>
              {line.counterExample && <em className="tag warn">{t('counterExample')}</em>}
            </li>
          );
        })}
      </ol>
      {hint && (
        <p className="hint" data-testid="prompt-hint">
          {hint}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="prompt-error">
          {error}
        </p>
      )}
      {role === 'trainee' && (
        <button
          type="button"
          className="primary"
          disabled={!canSay || cursor >= segment.lines.length}
          onClick={() => say(cursor)}
          data-testid="say-next"
        >
          {t('sayNext')}
        </button>
      )}
    </section>
  );
}
