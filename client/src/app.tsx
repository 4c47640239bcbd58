/**
 * The page: the 3D branch fills the window (lazily loaded), and the lobby or the rehearsal HUD is
 * drawn over it. The language toggle is always there.
 */
import { Component, lazy, Suspense, useEffect, type ReactNode } from 'react';
import { uiStore, useUi } from './stores/ui-store.js';
import { useT } from './ui/i18n.js';
import { Lobby } from './ui/lobby.js';
import { RehearsalHud } from './ui/rehearsal-hud.js';
import { useReplayRoute } from './replay/route.js';

const BranchScene = lazy(() => import('./scene/branch-scene.js'));
// The replay pages and their camera are their own chunks: a rehearsal never loads them.
const ReplayApp = lazy(() => import('./replay/replay-app.js'));
const ReplayCamera = lazy(() => import('./replay/replay-camera.js'));

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
  const t = useT();
  return (
    <button
      type="button"
      className="lang-toggle"
      title={t.langToggleTitle}
      onClick={() => uiStore.setState((s) => ({ lang: s.lang === 'zh' ? 'en' : 'zh' }))}
      data-testid="lang-toggle"
    >
      {t.langToggle}
    </button>
  );
}

export function App() {
  const t = useT();
  const view = useUi((s) => s.view);
  const lang = useUi((s) => s.lang);
  const route = useReplayRoute();

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  return (
    <div className={`app view-${view}`}>
      <div className="scene-layer">
        <SceneBoundary fallback={<p className="scene-fallback">{t.sceneUnavailable}</p>}>
          <Suspense fallback={null}>
            <BranchScene>
              {route?.page === 'replay' && (
                <Suspense fallback={null}>
                  <ReplayCamera />
                </Suspense>
              )}
            </BranchScene>
          </Suspense>
        </SceneBoundary>
      </div>
      {route ? (
        <Suspense fallback={null}>
          <ReplayApp route={route} />
        </Suspense>
      ) : view === 'lobby' ? (
        <Lobby />
      ) : (
        <RehearsalHud />
      )}
      <LangToggle />
    </div>
  );
}
