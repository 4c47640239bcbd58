/** Run an acked command from a component: tracks the pending state and the last failure's text. */
import { useCallback, useState } from 'react';
import type { ClientAck } from '../net/socket.js';
import { useTranslation } from 'react-i18next';

export function useCommand() {
  const { t } = useTranslation('common');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (send: () => Promise<ClientAck>): Promise<boolean> => {
      setPending(true);
      setError(null);
      try {
        const ack = await send();
        if (!ack.ok) setError(t('errorCode', { code: ack.code, message: ack.message }));
        return ack.ok;
      } finally {
        setPending(false);
      }
    },
    [t],
  );
  return { run, pending, error, clearError: () => setError(null) };
}
