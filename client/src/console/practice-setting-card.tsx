/**
 * The facilitator's switch for self-practice (docs/WORKSHOP.md "Self-practice"): off, on the
 * server machine only (the default), or for anyone who reaches the server. Kept by the server.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../net/api.js';
import { fetchPractice, setPracticeMode, type PracticeMode } from '../net/practice-api.js';

const MODES: readonly PracticeMode[] = ['off', 'local', 'open'];

export function PracticeSettingCard() {
  const { t } = useTranslation('console');
  const [mode, setMode] = useState<PracticeMode | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetchPractice().then(
      (p) => live && setMode(p.mode),
      (err: unknown) => live && setError(describeError(t, err)),
    );
    return () => {
      live = false;
    };
  }, [t]);

  async function choose(next: PracticeMode) {
    setBusy(true);
    setError(null);
    try {
      setMode((await setPracticeMode(next)).mode);
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="practice-setting">
      <h2>{t('practice.title')}</h2>
      <p className="hint">{t('practice.lead')}</p>
      <label className="field">
        <span>{t('practice.mode')}</span>
        <select
          value={mode ?? ''}
          disabled={mode === null || busy}
          onChange={(e) => void choose(e.target.value as PracticeMode)}
          data-testid="practice-mode"
        >
          {mode === null && <option value="">{t('practice.loading')}</option>}
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`practice.modes.${m}`)}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
