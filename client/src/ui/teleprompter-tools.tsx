/**
 * The teleprompter's tools: the segment's time budget left (over time once it runs out), a font
 * size the trainee picks (kept on this browser), and auto-scroll, which moves the script through
 * the box at the segment's budgeted pace so the host can read without clicking.
 */
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../../core/stream-time.js';
import { sessionNow, sessionStore, useSession } from '../stores/session-store.js';
import './host-tools.css';

const PREFS_KEY = 'branchcast.prompter';
export const FONT_SIZES = [13, 15, 17, 20, 24] as const;
const DEFAULT_FONT = 1;

export interface PrompterPrefs {
  font: number;
  autoScroll: boolean;
}

function loadPrefs(): PrompterPrefs {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(PREFS_KEY) ?? 'null') as Partial<PrompterPrefs> | null;
    const font =
      typeof raw?.font === 'number' && raw.font >= 0 && raw.font < FONT_SIZES.length ? raw.font : DEFAULT_FONT;
    return { font, autoScroll: raw?.autoScroll === true };
  } catch {
    return { font: DEFAULT_FONT, autoScroll: false }; // storage blocked or garbled: the defaults
  }
}

/** The trainee's teleprompter settings, persisted (localStorage) so the next session opens the same. */
export function usePrompterPrefs(): [PrompterPrefs, (p: PrompterPrefs) => void] {
  const [prefs, setPrefs] = useState(loadPrefs);
  const save = (p: PrompterPrefs) => {
    setPrefs(p);
    try {
      globalThis.localStorage?.setItem(PREFS_KEY, JSON.stringify(p));
    } catch {
      // storage blocked: the setting lasts for this page only
    }
  };
  return [prefs, save];
}

/** ms of the current segment's budget left now (negative: over time), or null before the start. */
function useBudgetLeft(budgetSec: number): number | null {
  const startedT = useSession((s) => s.state.segmentStartedT);
  const status = useSession((s) => s.state.status);
  const [now, setNow] = useState(() => sessionNow(sessionStore.getState(), performance.now()));
  useEffect(() => {
    setNow(sessionNow(sessionStore.getState(), performance.now()));
    if (status !== 'live') return;
    const id = setInterval(() => setNow(sessionNow(sessionStore.getState(), performance.now())), 500);
    return () => clearInterval(id);
  }, [status, startedT]);
  if (startedT === null || status === 'created') return null;
  return budgetSec * 1000 - (now - startedT);
}

/**
 * Auto-scroll: the list's scroll position follows the share of the budget spent, so the last
 * line reaches the view as the budget runs out. Paused streams stand still (the clock does).
 */
function useAutoScroll(list: RefObject<HTMLElement | null>, on: boolean, left: number | null, budgetSec: number) {
  const paused = useSession((s) => s.state.paused);
  useEffect(() => {
    const el = list.current;
    if (!on || !el || left === null || paused) return;
    const spent = Math.min(1, Math.max(0, 1 - left / (budgetSec * 1000)));
    el.scrollTop = spent * Math.max(0, el.scrollHeight - el.clientHeight);
  }, [list, on, left, budgetSec, paused]);
}

export function PrompterTools({
  budgetSec,
  prefs,
  setPrefs,
  list,
}: {
  budgetSec: number;
  prefs: PrompterPrefs;
  setPrefs: (p: PrompterPrefs) => void;
  list: RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation('hosttools');
  const left = useBudgetLeft(budgetSec);
  useAutoScroll(list, prefs.autoScroll, left, budgetSec);
  const over = left !== null && left < 0;
  return (
    <div className="prompt-tools" data-testid="prompt-tools">
      {left !== null && (
        <span
          className={`budget${over ? ' over' : ''}`}
          data-testid="prompt-budget"
          data-left-ms={Math.round(left)}
          role="timer"
        >
          {over
            ? t('prompter.budgetOver', { time: formatDuration(-left) })
            : t('prompter.budgetLeft', { time: formatDuration(left) })}
        </span>
      )}
      <label>
        <input
          type="checkbox"
          checked={prefs.autoScroll}
          onChange={(ev) => setPrefs({ ...prefs, autoScroll: ev.target.checked })}
          data-testid="prompt-autoscroll"
        />
        {t('prompter.autoScroll')}
      </label>
      <button
        type="button"
        aria-label={t('prompter.fontSmaller')}
        disabled={prefs.font === 0}
        onClick={() => setPrefs({ ...prefs, font: prefs.font - 1 })}
        data-testid="prompt-font-smaller"
      >
        A−
      </button>
      <span data-testid="prompt-font-size" aria-live="polite">
        {t('prompter.fontSize', { size: FONT_SIZES[prefs.font] })}
      </span>
      <button
        type="button"
        aria-label={t('prompter.fontLarger')}
        disabled={prefs.font === FONT_SIZES.length - 1}
        onClick={() => setPrefs({ ...prefs, font: prefs.font + 1 })}
        data-testid="prompt-font-larger"
      >
        A+
      </button>
    </div>
  );
}
