/**
 * A join link as a QR code (issue 17 pt 1), drawn in the browser by the `qrcode` package (no
 * network: a headset or phone in the room scans the screen). Shown on demand, one per link.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';

export function QrImage({ text, label, size = 176 }: { text: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Error correction M: readable from a projector across a room, still a small symbol.
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: size }).then(
      (url) => live && setSrc(url),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [text, size]);
  if (!src) return <span className="qr-placeholder" style={{ width: size, height: size }} aria-busy="true" />;
  return (
    <img className="qr" src={src} width={size} height={size} alt={label} data-testid="join-qr" data-qr-text={text} />
  );
}

/** A "QR code" toggle beside a link; the code opens under it. */
export function QrToggle({ url, name }: { url: string; name: string }) {
  const { t } = useTranslation('console');
  const [open, setOpen] = useState(false);
  return (
    <span className="qr-toggle">
      <button
        type="button"
        className="copy"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="qr-toggle"
      >
        {open ? t('qr.hide') : t('qr.show')}
      </button>
      {open && (
        <span className="qr-pop" role="group" aria-label={t('qr.alt', { name, url })}>
          <QrImage text={url} label={t('qr.alt', { name, url })} />
          <small className="hint">{t('qr.hint')}</small>
        </span>
      )}
    </span>
  );
}

/** Which origin the links use, and where else the server answers (the LAN addresses). */
export function LinksOriginNote({
  origin,
  publicUrl,
  lan,
}: {
  origin: string;
  publicUrl: string | null;
  lan: string[];
}) {
  const { t } = useTranslation('console');
  if (publicUrl)
    return (
      <p className="hint" data-testid="links-origin">
        {t('links.public', { origin: publicUrl })}
      </p>
    );
  const local = /^https?:\/\/(localhost|127\.|\[::1\])/.test(origin);
  const others = lan.filter((o) => o !== origin);
  return (
    <div className="hint" data-testid="links-origin">
      {local && <p>{t('links.local', { origin })}</p>}
      {others.length > 0 && (
        <p>
          {t('links.lan')}{' '}
          {others.map((o) => (
            <code key={o} className="lan-origin">
              {o}
            </code>
          ))}
        </p>
      )}
    </div>
  );
}
