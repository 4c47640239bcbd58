/** Send an acked command from a VR panel: the HUD's hook, with the panels' "Failed: …" wording. */
import { useCommand } from '../ui/use-command.js';

const XR_FAILURE = { ns: 'xr', key: 'commandFailed' };

export const useXrCommand = () => useCommand(XR_FAILURE);
