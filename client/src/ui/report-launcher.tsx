/** The report from the HUD: a button any time (the score so far), opened by itself when the session ends. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { useTranslation } from 'react-i18next';

const ReportPage = lazy(() => import('../report/report-page.js'));

export function ReportLauncher() {
  const { t } = useTranslation('rehearsal');
  const lang = useUi((s) => s.lang);
  const sessionId = useSession((s) => s.state.sessionId);
  const status = useSession((s) => s.state.status);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (status === 'ended') setOpen(true);
  }, [status]);
  if (!sessionId) return null;
  return (
    <>
      <button type="button" className="report-button" onClick={() => setOpen(true)} data-testid="open-report">
        {t('openReport')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ReportPage key={`${sessionId}:${status}`} sessionId={sessionId} lang={lang} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
