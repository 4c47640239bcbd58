/**
 * "Enter VR" in the 2D HUD, shown only where navigator.xr offers immersive-vr. Asking also
 * preloads the XR layer, so the click itself can request the session straight away (browsers
 * only grant a session inside the user's click).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { probeXrSupport, useXrUi } from './xr-state.js';

export function EnterVrButton() {
  const { t } = useTranslation('xr');
  const supported = useXrUi((s) => s.supported);
  const enter = useXrUi((s) => s.enter);
  const exit = useXrUi((s) => s.exit);
  const presenting = useXrUi((s) => s.presenting);
  const error = useXrUi((s) => s.error);

  useEffect(() => void probeXrSupport(), []);

  if (!supported) return null;
  const ready = presenting ? exit !== null : enter !== null;
  return (
    <div className="vr-entry" data-testid="vr-entry">
      <button
        type="button"
        className="primary"
        title={t('vrTitle')}
        disabled={!ready}
        onClick={() => void (presenting ? exit?.() : enter?.())}
        data-testid="enter-vr"
        data-state={presenting ? 'presenting' : ready ? 'ready' : 'loading'}
      >
        {presenting ? t('exitVr') : ready ? t('enterVr') : t('vrLoading')}
      </button>
      {error && (
        <p className="error" role="alert" data-testid="vr-error">
          {t('vrFailed', { message: error })}
        </p>
      )}
    </div>
  );
}
