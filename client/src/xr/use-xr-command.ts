/** Send an acked command from a VR panel, remembering whether one is in flight and the last failure. */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientAck } from '../net/socket.js';

export function useXrCommand() {
  const { t } = useTranslation('xr');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (send: () => Promise<ClientAck>): Promise<boolean> => {
      setPending(true);
      setError(null);
      try {
        const ack = await send();
        if (!ack.ok) setError(t('commandFailed', { message: ack.message, code: ack.code }));
        return ack.ok;
      } finally {
        setPending(false);
      }
    },
    [t],
  );
  return { run, pending, error };
}
