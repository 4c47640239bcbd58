/**
 * What the room sees of the console above the chat: the pinned announcement and the product card
 * (小黄车) with its risk level, suitable investors and risk line. The same for the host and the
 * viewers; the 3D room draws them too (client/src/scene/host-tools-board.tsx).
 */
import { useTranslation } from 'react-i18next';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { pick } from './i18n.js';
import './host-tools.css';

export function PinnedNotice() {
  const { t } = useTranslation('hosttools');
  const pinned = useSession((s) => s.state.hostTools.pinned);
  if (!pinned) return null;
  return (
    <div className="pinned-notice" role="note" data-testid="pinned-notice">
      <span className="tag pinned">{t('pin.badge')}</span>
      <span className="text">{pinned.text}</span>
    </div>
  );
}

export function ProductCardView() {
  const { t } = useTranslation('hosttools');
  const lang = useUi((s) => s.lang);
  const card = useSession((s) => s.state.hostTools.product);
  if (!card) return null;
  return (
    <div className="product-card" role="note" data-testid="product-card" data-product={card.productId}>
      <div className="row">
        <span className="tag product">{t('product.badge')}</span>
        <strong className="name">{pick(card.name, lang)}</strong>
        <span className={`tag risk risk-${card.risk}`} data-testid="product-risk">
          {t('product.risk', { risk: card.risk })}
        </span>
      </div>
      <div className="suitable" data-testid="product-suitable">
        {t('product.suitable', { text: pick(card.suitable, lang) })}
      </div>
      {card.riskLine ? (
        <div className="risk-line" data-testid="product-risk-line">
          {card.riskLine}
        </div>
      ) : (
        <div className="risk-line missing" data-testid="product-risk-line-missing">
          {t('product.noRiskLine')}
        </div>
      )}
    </div>
  );
}

export function RoomNotices() {
  return (
    <div className="room-notices" data-testid="room-notices">
      <PinnedNotice />
      <ProductCardView />
    </div>
  );
}
