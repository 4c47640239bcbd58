/**
 * The server's signing key (GET /api/signing-key, docs/RECORDING.md "Signatures"): its
 * fingerprint, for facilitators to hand to reviewers, and the public key to download.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface SigningKey {
  fingerprint: string;
  publicKeyPem: string;
}

export function SigningKeyCard() {
  const { t } = useTranslation('console');
  const [key, setKey] = useState<SigningKey | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    fetch('/api/signing-key')
      .then((r) => (r.ok ? (r.json() as Promise<SigningKey>) : Promise.reject(new Error(String(r.status)))))
      .then(
        (k) => live && setKey(k),
        () => live && setFailed(true),
      );
    return () => {
      live = false;
    };
  }, []);
  const href = key ? `data:application/x-pem-file;charset=utf-8,${encodeURIComponent(key.publicKeyPem)}` : undefined;
  return (
    <section className="card" data-testid="signing-key">
      <h2>{t('signingKey.title')}</h2>
      <p className="hint">{t('signingKey.lead')}</p>
      {failed && <p className="error">{t('signingKey.unavailable')}</p>}
      {key && (
        <>
          <p>
            {t('signingKey.fingerprint')}: <code data-testid="signing-key-fingerprint">{key.fingerprint}</code>
          </p>
          <a href={href} download="branchcast-signing-key.pub.pem">
            {t('signingKey.download')}
          </a>
        </>
      )}
    </section>
  );
}
