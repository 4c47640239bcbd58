/**
 * The trainee's "invite mock trade" control: instrument, side, a suggested quantity (stocks and
 * ETFs, whole lots) or amount (funds), and the risk wording shown with it — prefilled from the
 * product's risk level each time the instrument changes, editable before sending.
 */
import { useRef, useState } from 'react';
import { riskWording } from '../../../core/trade.js';
import { sessionClient } from '../net/session-client.js';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { useTranslation } from 'react-i18next';
import { pick } from './i18n.js';
import { useCommand } from './use-command.js';

export function TradeInvite() {
  const { t } = useTranslation('rehearsal');
  const lang = useUi((s) => s.lang);
  const role = useSession((s) => s.role);
  const status = useSession((s) => s.state.status);
  const instruments = useSession((s) => s.state.scenario?.instruments);
  const { run, pending, error } = useCommand();
  const [code, setCode] = useState<string | null>(null);
  const [side, setSide] = useState<'buy' | 'sell'>('buy');
  const [size, setSize] = useState(100);
  const [wording, setWording] = useState<string | null>(null);
  const ticket = useRef<HTMLDetailsElement>(null);

  if ((role !== 'trainee' && role !== 'facilitator') || !instruments || instruments.length === 0) return null;
  const ins = instruments.find((i) => i.code === code) ?? instruments[0]!;
  const fund = ins.kind === 'fund';
  const text = wording ?? riskWording(ins, lang);

  const choose = (next: string) => {
    setCode(next);
    setWording(null); // prefill again from the new product's risk level
    const n = instruments.find((i) => i.code === next);
    setSize(n?.kind === 'fund' ? 1000 : 100);
  };

  // Sent, the ticket folds away again: it shares the teleprompter's column.
  const send = () =>
    void run(() =>
      sessionClient.command('trade.invite', {
        code: ins.code,
        side,
        qty: fund ? null : size,
        amount: fund ? size : null,
        riskWording: text,
      }),
    ).then((ok) => {
      if (ok && ticket.current) ticket.current.open = false;
    });

  return (
    // Collapsed by default: the ticket opens over the scene only when the host wants it.
    <details ref={ticket} className="panel trade-invite" data-testid="trade-invite">
      <summary>{t('inviteTitle')}</summary>
      <div className="row">
        <label>
          {t('inviteInstrument')}
          <select value={ins.code} onChange={(e) => choose(e.target.value)} data-testid="invite-instrument">
            {instruments.map((i) => (
              <option key={i.code} value={i.code}>
                {i.code} {pick(i.name, lang)} ({i.risk})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('inviteSide')}
          <select value={side} onChange={(e) => setSide(e.target.value as 'buy' | 'sell')}>
            <option value="buy">{t('side.buy')}</option>
            <option value="sell">{t('side.sell')}</option>
          </select>
        </label>
        <label>
          {fund ? t('inviteAmount') : t('inviteQty')}
          <input
            type="number"
            min={fund ? 1 : 100}
            step={fund ? 100 : 100}
            value={size}
            onChange={(e) => setSize(Math.max(1, Math.round(Number(e.target.value) || 0)))}
          />
        </label>
      </div>
      <label className="wording">
        {t('inviteWording')}
        <textarea value={text} rows={2} maxLength={500} onChange={(e) => setWording(e.target.value)} />
      </label>
      <button
        type="button"
        className="primary"
        disabled={pending || status !== 'live' || text.trim() === ''}
        onClick={send}
        data-testid="invite-send"
      >
        {t('inviteSend')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
