/** The 2D HUD over the canvas during a rehearsal: status line, teleprompter, chat, controls. */
import { HostDock } from '../host/host-dock.js';
import { ChatPanel } from './chat-panel.js';
import { ReportLauncher } from './report-launcher.js';
import { ScoreNudge } from './score-nudge.js';
import { Controls } from './controls.js';
import { StatusBar } from './status-bar.js';
import { Teleprompter } from './teleprompter.js';
import { TradeInvite } from './trade-invite.js';
import { TradesPanel } from './trades-panel.js';
import { EnterVrButton } from '../xr/enter-vr-button.js';
import { HostToolsPanel } from './host-tools-panel.js';
import { FacilitatorNotice, HelpButton } from './facilitator-notice.js';

export function RehearsalHud() {
  return (
    <div className="hud" data-testid="hud">
      <StatusBar />
      <ScoreNudge />
      <FacilitatorNotice />
      <ReportLauncher />
      <div className="hud-left">
        <Teleprompter />
        <TradesPanel />
        <HostToolsPanel />
      </div>
      <div className="hud-right">
        <ChatPanel />
      </div>
      <HostDock />
      <div className="hud-bottom">
        <Controls />
        <TradeInvite />
        <EnterVrButton />
        <HelpButton />
      </div>
    </div>
  );
}
