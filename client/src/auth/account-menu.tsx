/**
 * The header's account corner: "sign in" for anonymous visitors; for a facilitator their name
 * opening a menu with the console, cohorts, replays and sign out.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { linkClick, navigate } from '../router.js';
import { isFacilitator, logout, useAuth } from './auth-store.js';

export function AccountMenu() {
  const { t } = useTranslation('common');
  const me = useAuth((s) => s.me);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  // Close on a click anywhere else or Escape.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (me === undefined) return <span className="account-menu" />;
  if (!isFacilitator(me)) {
    const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname)}`;
    return (
      <a
        className="account-menu button ghost"
        href={`/login${next}`}
        onClick={linkClick(`/login${next}`)}
        data-testid="nav-login"
      >
        {t('nav.login')}
      </a>
    );
  }
  const go = (path: string) => () => {
    setOpen(false);
    navigate(path);
  };
  return (
    <div className="account-menu" ref={box}>
      <button
        type="button"
        className="ghost account-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t('nav.account')}
        onClick={() => setOpen(!open)}
        data-testid="account-button"
      >
        <span className="avatar" aria-hidden="true">
          {me.username.slice(0, 1).toUpperCase()}
        </span>
        {me.username}
      </button>
      {open && (
        <div className="menu" role="menu" data-testid="account-menu">
          <p className="menu-note">{t('nav.signedInAs', { name: me.username })}</p>
          <button type="button" role="menuitem" onClick={go('/console')} data-testid="menu-console">
            {t('nav.console')}
          </button>
          <button type="button" role="menuitem" onClick={go('/console/cohorts')} data-testid="menu-cohorts">
            {t('nav.cohorts')}
          </button>
          <button type="button" role="menuitem" onClick={go('/sessions')}>
            {t('nav.replays')}
          </button>
          <hr />
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              void logout().then(() => navigate('/'));
            }}
            data-testid="menu-logout"
          >
            {t('nav.logout')}
          </button>
        </div>
      )}
    </div>
  );
}
