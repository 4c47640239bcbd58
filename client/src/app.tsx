/**
 * The page: the 3D branch fills the window (lazily loaded) under the lobby, the rehearsal HUD and
 * the replay pages; the facilitator's pages (login, set-up, console, cohorts) are their own lazy
 * chunks with no 3D behind them. The language toggle is always there.
 */
import { Component, lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshMe } from './auth/auth-store.js';
import { useRoute, type Route } from './router.js';
import { uiStore, useUi } from './stores/ui-store.js';
import { Lobby } from './ui/lobby.js';
import { RehearsalHud } from './ui/rehearsal-hud.js';

const BranchScene = lazy(() => import('./scene/branch-scene.js'));
// The replay pages and their camera are their own chunks: a rehearsal never loads them.
const ReplayApp = lazy(() => import('./replay/replay-app.js'));
const ReplayCamera = lazy(() => import('./replay/replay-camera.js'));
// So are the facilitator's pages: a trainee's browser never downloads them.
const AuthPage = lazy(() => import('./auth/auth-page.js'));
const ConsoleApp = lazy(() => import('./console/console-app.js'));
const ResetPage = lazy(() => import('./console/reset-page.js'));

/** Without WebGL the scene cannot draw; the rest of the app must still work. */
class SceneBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(err: unknown) {
    console.error('[branchcast] 3D scene failed:', err);
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function LangToggle() {
  const { t } = useTranslation('common');
  return (
    <button
      type="button"
      className="lang-toggle"
      title={t('langToggleTitle')}
      onClick={() => uiStore.setState((s) => ({ lang: s.lang === 'zh' ? 'en' : 'zh' }))}
      data-testid="lang-toggle"
    >
      {t('langToggle')}
    </button>
  );
}

const pageLoading = (
  <div className="page-loading" aria-busy="true">
    <span className="spinner" />
  </div>
);

function NotFound() {
  const { t } = useTranslation('common');
  return (
    <div className="page-message" data-testid="not-found">
      <p>{t('notFound')}</p>
      <a href="/">{t('nav.lobby')}</a>
    </div>
  );
}

const has3d = (r: Route) => r.page === 'home' || r.page === 'join' || r.page === 'sessions' || r.page === 'replay';

function Page({ route }: { route: Route }) {
  const view = useUi((s) => s.view);
  switch (route.page) {
    case 'home':
      return view === 'lobby' ? <Lobby /> : <RehearsalHud />;
    case 'join':
      return view === 'lobby' ? <Lobby inviteCode={route.code} /> : <RehearsalHud />;
    case 'sessions':
    case 'replay':
      return (
        <Suspense fallback={null}>
          <ReplayApp route={route} />
        </Suspense>
      );
    case 'login':
    case 'setup':
      return (
        <Suspense fallback={pageLoading}>
          <AuthPage route={route} />
        </Suspense>
      );
    case 'reset':
      return (
        <Suspense fallback={pageLoading}>
          <ResetPage token={route.token} />
        </Suspense>
      );
    case 'console':
    case 'cohorts':
    case 'cohort':
    case 'team':
      return (
        <Suspense fallback={pageLoading}>
          <ConsoleApp route={route} />
        </Suspense>
      );
    case 'not-found':
      return <NotFound />;
  }
}

export function App() {
  const { t } = useTranslation('common');
  const view = useUi((s) => s.view);
  const route = useRoute();

  useEffect(() => {
    void refreshMe();
  }, []);

  return (
    <div className={`app view-${view} page-${route.page}`}>
      {has3d(route) && (
        <div className="scene-layer">
          <SceneBoundary fallback={<p className="scene-fallback">{t('sceneUnavailable')}</p>}>
            <Suspense fallback={null}>
              <BranchScene>
                {route.page === 'replay' && (
                  <Suspense fallback={null}>
                    <ReplayCamera />
                  </Suspense>
                )}
              </BranchScene>
            </Suspense>
          </SceneBoundary>
        </div>
      )}
      <Page route={route} />
      <LangToggle />
    </div>
  );
}
