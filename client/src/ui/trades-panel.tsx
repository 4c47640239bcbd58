/** The latest mock-trade invitation and viewers' fills and rejections, newest first. */
import { useSession } from '../stores/session-store.js';
import { useTranslation } from 'react-i18next';

const SHOWN = 8;

export function TradesPanel() {
  const { t } = useTranslation('rehearsal');
  const hasExchange = useSession((s) => s.state.exchange !== null);
  const invitation = useSession((s) => s.state.invitation);
  const trades = useSession((s) => s.state.trades);
  if (!hasExchange) return null;
  const recent = trades.slice(-SHOWN).reverse();
  return (
    <section className="panel trades" data-testid="trades-panel">
      <h2>{t('tradesTitle')}</h2>
      {invitation && <p className="invitation">{t('tradeInvitation', { code: invitation.code })}</p>}
      {recent.length === 0 ? (
        <p className="empty">{t('tradesEmpty')}</p>
      ) : (
        <ul>
          {recent.map((e) => {
            const side = e.side === 'buy' ? t('side.buy') : t('side.sell');
            return (
              <li key={`${e.seq}-${e.accountId}-${e.passive ? 'p' : 'a'}`} className={e.kind}>
                {e.kind === 'fill'
                  ? t('tradeFill', { name: e.name, side, code: e.code, qty: e.qty ?? 0, price: e.price ?? 0 })
                  : t('tradeReject', { name: e.name, side, code: e.code, reason: e.reason ?? '' })}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
