/**
 * The 2D HUD over the canvas during a rehearsal: status line (with the report button), teleprompter,
 * chat, controls. Layout and legibility rules: studio.css.
 */
import { HostDock } from '../host/host-dock.js';
import { ChatPanel } from './chat-panel.js';
import { ScoreNudge } from './score-nudge.js';
import { Controls } from './controls.js';
import { StatusBar } from './status-bar.js';
import { Teleprompter } from './teleprompter.js';
import { TradeInvite } from './trade-invite.js';
import { TradesPanel } from './trades-panel.js';
import { EnterVrButton } from '../xr/enter-vr-button.js';
import { HostToolsPanel } from './host-tools-panel.js';
import { FacilitatorNotice, HelpButton } from './facilitator-notice.js';
import './studio.css';

export function RehearsalHud() {
  return (
    <div className="hud" data-testid="hud">
      <StatusBar />
      <ScoreNudge />
      <FacilitatorNotice />
      <div className="hud-left">
        <Teleprompter />
        {/* The trade ticket and the fills share the teleprompter's column: opening the ticket
            shrinks the script, never covers it, and keeps the centre clear for the voice dock. */}
        <TradeInvite />
        <TradesPanel />
        <HostToolsPanel />
      </div>
      <div className="hud-right">
        <ChatPanel />
      </div>
      <HostDock />
      <div className="hud-bottom">
        <Controls />
        <EnterVrButton />
        <HelpButton />
      </div>
    </div>
  );
}
