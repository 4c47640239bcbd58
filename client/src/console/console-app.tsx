/**
 * The facilitator console (a lazy chunk): a top bar with the console's tabs and the account menu,
 * and the live overview, the cohorts list or one cohort's set-up and progress. Facilitators only:
 * anyone else is sent to the sign-in page, which comes back here afterwards.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountMenu } from '../auth/account-menu.js';
import { isFacilitator, useAuth } from '../auth/auth-store.js';
import { linkClick, navigate, type Route } from '../router.js';
import { CohortPage } from './cohort-page.js';
import { CohortsPage } from './cohorts-page.js';
import { LivePage } from './live-page.js';
import { TeamPage } from './team-page.js';
import './console.css';

type ConsoleRoute = Extract<Route, { page: 'console' | 'cohorts' | 'cohort' | 'team' }>;

export default function ConsoleApp({ route }: { route: ConsoleRoute }) {
  const { t } = useTranslation('console');
  const me = useAuth((s) => s.me);
  const signedIn = isFacilitator(me);

  // The page's own path from the route (not location: StrictMode runs this twice, and the
  // second run would read /login).
  const here =
    route.page === 'console'
      ? '/console'
      : route.page === 'cohorts'
        ? '/console/cohorts'
        : route.page === 'team'
          ? '/console/facilitators'
          : `/console/cohorts/${encodeURIComponent(route.cohortId)}`;
  useEffect(() => {
    if (me !== undefined && !signedIn) navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
  }, [me, signedIn, here]);

  const tab = route.page === 'console' ? 'live' : route.page === 'team' ? 'team' : 'cohorts';
  return (
    <div className="console" data-testid="console">
      <header className="console-top">
        <a className="console-brand" href="/" onClick={linkClick('/')}>
          <span className="brand-mark" aria-hidden="true" />
          <span>Branchcast</span>
          <small>{t('title')}</small>
        </a>
        <nav className="console-tabs" aria-label={t('title')}>
          <a
            href="/console"
            className={tab === 'live' ? 'active' : undefined}
            aria-current={tab === 'live' ? 'page' : undefined}
            onClick={linkClick('/console')}
            data-testid="tab-live"
          >
            {t('tabs.live')}
          </a>
          <a
            href="/console/cohorts"
            className={tab === 'cohorts' ? 'active' : undefined}
            aria-current={tab === 'cohorts' ? 'page' : undefined}
            onClick={linkClick('/console/cohorts')}
            data-testid="tab-cohorts"
          >
            {t('tabs.cohorts')}
          </a>
          <a
            href="/console/facilitators"
            className={tab === 'team' ? 'active' : undefined}
            aria-current={tab === 'team' ? 'page' : undefined}
            onClick={linkClick('/console/facilitators')}
            data-testid="tab-team"
          >
            {t('tabs.team')}
          </a>
        </nav>
        <span className="spacer" />
        <a className="button ghost" href="/" onClick={linkClick('/')}>
          {t('toLobby')}
        </a>
        <AccountMenu />
      </header>
      <main className="console-main">
        {!signedIn ? (
          <div className="page-loading" aria-busy="true">
            <span className="spinner" />
          </div>
        ) : route.page === 'console' ? (
          <LivePage />
        ) : route.page === 'cohorts' ? (
          <CohortsPage />
        ) : route.page === 'team' ? (
          <TeamPage />
        ) : (
          <CohortPage cohortId={route.cohortId} />
        )}
      </main>
    </div>
  );
}
