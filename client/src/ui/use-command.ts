/**
 * Run an acked command from a component: tracks the pending state and the last failure's text.
 * The failure reads `<ns>:<key>` with {{message}} and {{code}}: the HUD's plain "message (code)"
 * by default; a VR panel passes its own wording (it has no surrounding form to explain it).
 */
import { useCallback, useState } from 'react';
import type { ClientAck } from '../net/socket.js';
import { useTranslation } from 'react-i18next';

export function useCommand(failure: { ns: string; key: string } = { ns: 'common', key: 'errorCode' }) {
  const { t } = useTranslation(failure.ns);
  const key = failure.key;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (send: () => Promise<ClientAck>): Promise<boolean> => {
      setPending(true);
      setError(null);
      try {
        const ack = await send();
        if (!ack.ok) setError(t(key, { code: ack.code, message: ack.message }));
        return ack.ok;
      } finally {
        setPending(false);
      }
    },
    [t, key],
  );
  return { run, pending, error, clearError: () => setError(null) };
}
