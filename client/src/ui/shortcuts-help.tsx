/**
 * The keyboard shortcuts' help: a small button that shows the list on hover, on focus or when
 * toggled (the ? key), so the trainee can find them without a manual.
 */
import { useTranslation } from 'react-i18next';
import { Icon } from './icons.js';
import { SHORTCUT_KEYS } from './use-shortcuts.js';

export function ShortcutsHelp({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useTranslation('studio');
  return (
    <span className={open ? 'shortcuts open' : 'shortcuts'}>
      <button
        type="button"
        className="ghost"
        aria-expanded={open}
        aria-describedby="shortcuts-list"
        title={t('shortcutsTitle')}
        onClick={onToggle}
        data-testid="shortcuts-help"
      >
        <Icon name="keyboard" />
        {t('shortcuts')}
      </button>
      <span className="shortcuts-list" id="shortcuts-list" role="tooltip" data-testid="shortcuts-list">
        <strong>{t('shortcutsTitle')}</strong>
        {SHORTCUT_KEYS.map(([key, action]) => (
          <span key={key} className="shortcut">
            <kbd>{key.toUpperCase()}</kbd> {t(`keys.${action}`)}
          </span>
        ))}
      </span>
    </span>
  );
}
