/**
 * The 场控 panel: pinned announcement editor, keyword filter and the product card (小黄车) up and
 * down. Every change is a command (docs/PROTOCOL.md "Host console"); the panel shows what the
 * room's state says, so it stays right after a reconnect. Input is checked here first with the
 * same limits as the protocol, in the interface language.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ANNOUNCEMENT, MAX_FILTER_WORD, MAX_FILTER_WORDS } from '../../../core/host-tools-limits.js';
import { filterKey } from '../../../core/session-host-tools.js';
import { sessionClient } from '../net/session-client.js';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { runsConsole } from './host-tools-line.js';
import { pick } from './i18n.js';
import { useCommand } from './use-command.js';
import './host-tools.css';

function PinEditor() {
  const { t } = useTranslation('hosttools');
  const pinned = useSession((s) => s.state.hostTools.pinned);
  const [text, setText] = useState('');
  const { run, pending, error } = useCommand();
  const [local, setLocal] = useState<string | null>(null);
  async function pin(ev: FormEvent) {
    ev.preventDefault();
    const body = text.trim();
    if (!body) return setLocal(t('pin.empty'));
    setLocal(null);
    if (await run(() => sessionClient.command('announcement.pin', { text: body }))) setText('');
  }
  return (
    <form className="tool pin" onSubmit={(ev) => void pin(ev)} data-testid="pin-editor">
      <h3>{t('pin.heading')}</h3>
      <textarea
        rows={2}
        value={text}
        maxLength={MAX_ANNOUNCEMENT}
        placeholder={t('pin.placeholder')}
        aria-label={t('pin.label')}
        onChange={(ev) => setText(ev.target.value)}
        data-testid="pin-text"
      />
      <div className="row">
        <button type="submit" className="primary" disabled={pending} data-testid="pin-submit">
          {t('pin.pin')}
        </button>
        {pinned && (
          <button
            type="button"
            disabled={pending}
            onClick={() => void run(() => sessionClient.command('announcement.unpin', {}))}
            data-testid="pin-remove"
          >
            {t('pin.unpin')}
          </button>
        )}
      </div>
      {(local ?? error) && (
        <p className="error" role="alert" data-testid="pin-error">
          {local ?? error}
        </p>
      )}
    </form>
  );
}

function KeywordFilter() {
  const { t } = useTranslation('hosttools');
  const words = useSession((s) => s.state.hostTools.filter);
  const held = useSession((s) => s.state.hostTools.held);
  const [word, setWord] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const { run, pending, error } = useCommand();
  const save = (next: string[]) => run(() => sessionClient.command('filter.set', { words: next }));
  async function add(ev: FormEvent) {
    ev.preventDefault();
    const w = word.trim();
    if (!w) return;
    if (w.length > MAX_FILTER_WORD) return setLocal(t('filter.tooLong', { max: MAX_FILTER_WORD }));
    if (words.includes(filterKey(w))) return setLocal(t('filter.duplicate', { word: w }));
    if (words.length >= MAX_FILTER_WORDS) return setLocal(t('filter.tooMany', { max: MAX_FILTER_WORDS }));
    setLocal(null);
    if (await save([...words, w])) setWord('');
  }
  return (
    <form className="tool filter" onSubmit={(ev) => void add(ev)} data-testid="keyword-filter">
      <h3>{t('filter.heading')}</h3>
      <div className="row">
        <input
          value={word}
          maxLength={MAX_FILTER_WORD + 5}
          placeholder={t('filter.placeholder')}
          aria-label={t('filter.label')}
          onChange={(ev) => setWord(ev.target.value)}
          data-testid="filter-word"
        />
        <button type="submit" disabled={pending || !word.trim()} data-testid="filter-add">
          {t('filter.add')}
        </button>
      </div>
      <ul className="chips" data-testid="filter-words">
        {words.length === 0 && <li className="hint">{t('filter.none')}</li>}
        {words.map((w) => (
          <li key={w} className="chip">
            <span>{w}</span>
            <button
              type="button"
              aria-label={t('filter.remove', { word: w })}
              disabled={pending}
              onClick={() => void save(words.filter((x) => x !== w))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {held > 0 && (
        <p className="hint" data-testid="filter-held">
          {t('filter.held', { count: held })}
        </p>
      )}
      {(local ?? error) && (
        <p className="error" role="alert" data-testid="filter-error">
          {local ?? error}
        </p>
      )}
    </form>
  );
}

function ProductShelf() {
  const { t } = useTranslation('hosttools');
  const lang = useUi((s) => s.lang);
  const products = useSession((s) => s.state.scenario?.products);
  const card = useSession((s) => s.state.hostTools.product);
  const [chosen, setChosen] = useState<string | null>(null);
  const [riskLine, setRiskLine] = useState<string | null>(null);
  const { run, pending, error } = useCommand();
  if (!products || products.length === 0)
    return (
      <div className="tool product">
        <h3>{t('product.heading')}</h3>
        <p className="hint">{t('product.none')}</p>
      </div>
    );
  const product = products.find((p) => p.id === chosen) ?? products[0]!;
  // The risk line starts as the product's own; the host may edit it (or clear it, and be scored).
  const line = riskLine ?? pick(product.riskLine, lang);
  async function show(ev: FormEvent) {
    ev.preventDefault();
    await run(() => sessionClient.command('product.show', { productId: product.id, riskLine: line.trim() }));
  }
  return (
    <form className="tool product" onSubmit={(ev) => void show(ev)} data-testid="product-shelf">
      <h3>{t('product.heading')}</h3>
      <label>
        {t('product.choose')}
        <select
          value={product.id}
          onChange={(ev) => {
            setChosen(ev.target.value);
            setRiskLine(null);
          }}
          data-testid="product-choose"
        >
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {pick(p.name, lang)} · {p.risk}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('product.riskLine')}
        <textarea
          rows={2}
          value={line}
          maxLength={500}
          onChange={(ev) => setRiskLine(ev.target.value)}
          data-testid="product-risk-line-input"
        />
      </label>
      {line.trim() === '' && <p className="hint warn">{t('product.riskLineHint')}</p>}
      <div className="row">
        <button type="submit" className="primary" disabled={pending} data-testid="product-show">
          {t('product.show')}
        </button>
        {card && (
          <button
            type="button"
            disabled={pending}
            onClick={() => void run(() => sessionClient.command('product.hide', {}))}
            data-testid="product-hide"
          >
            {t('product.hide')}
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="product-error">
          {error}
        </p>
      )}
    </form>
  );
}

/** The host's 场控 panel (trainee and facilitator seats; viewers see only its effects). */
export function HostToolsPanel() {
  const { t } = useTranslation('hosttools');
  const role = useSession((s) => s.role);
  const ended = useSession((s) => s.state.status === 'ended');
  const mode = useSession((s) => s.mode);
  if (!runsConsole(role) || ended || mode === 'replay') return null;
  return (
    <details className="panel host-tools" data-testid="host-tools" open>
      <summary>
        <h2>{t('title')}</h2>
      </summary>
      <PinEditor />
      <KeywordFilter />
      <ProductShelf />
    </details>
  );
}
