/**
 * Captions of what the host says, always on screen while a line is spoken (and briefly after), in
 * whatever language the line is in. aria-live so screen readers announce the host's words too.
 */
import { useTranslation } from 'react-i18next';
import { useSpeech } from './speech-store.js';

export function Captions() {
  const { t } = useTranslation('stage');
  const caption = useSpeech((s) => s.caption);
  return (
    <div className="captions" role="status" aria-live="polite" aria-label={t('captions.label')} data-testid="captions">
      {caption && (
        <p className={caption.speaking ? 'speaking' : 'done'} data-testid="caption-line" data-who={caption.who}>
          <span className="who">{t(caption.who === 'host' ? 'captions.host' : 'captions.trainee')}</span>
          <span className="text" data-testid="caption-text">
            {caption.text}
          </span>
        </p>
      )}
    </div>
  );
}
