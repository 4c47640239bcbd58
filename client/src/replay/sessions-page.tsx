/**
 * The sessions list: filter by scenario, date, status, result and score; branches listed under
 * their parent with the attempts' scores side by side; import a recording file. Scores come from
 * the report endpoint when the server has one (a 404 shows a dash).
 */
import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import type { Report } from '../../../core/rubric/report-model.js';
import { ApiError, fetchScenarios, type ScenarioSummary } from '../net/api.js';
import { LOCALE } from '../i18n/index.js';
import { useUi } from '../stores/ui-store.js';
import { pick } from '../ui/i18n.js';
import { fetchReport, listSessions, uploadRecording, type SessionSummary } from './replay-api.js';
import { rememberFacilitatorCode } from './replay-store.js';
import { useTranslation } from 'react-i18next';
import { linkClick } from '../router.js';
import { navigate } from './route.js';

/** Reports fetched at once (each folds a whole recording on the server). */
const REPORT_CONCURRENCY = 3;
const REPORT_LIMIT = 60;

interface Row {
  s: SessionSummary;
  depth: number;
  /** For a root: itself and every branch below it, in creation order. */
  attempts: SessionSummary[];
}

function tree(list: SessionSummary[]): Row[] {
  const byId = new Map(list.map((s) => [s.sessionId, s]));
  const kids = new Map<string, SessionSummary[]>();
  const roots: SessionSummary[] = [];
  for (const s of list) {
    const p = s.parent && byId.has(s.parent.sessionId) ? s.parent.sessionId : null;
    if (p) kids.set(p, [...(kids.get(p) ?? []), s]);
    else roots.push(s);
  }
  const rows: Row[] = [];
  const walk = (s: SessionSummary, depth: number, family: SessionSummary[]) => {
    const row: Row = { s, depth, attempts: [] };
    rows.push(row);
    family.push(s);
    for (const k of (kids.get(s.sessionId) ?? []).sort((a, b) => a.createdAt - b.createdAt)) walk(k, depth + 1, family);
    return row;
  };
  for (const r of roots) {
    const family: SessionSummary[] = [];
    const row = walk(r, 0, family);
    row.attempts = family.length > 1 ? family : [];
  }
  return rows;
}

export function SessionsPage() {
  const { t: tx } = useTranslation('replay');
  const lang = useUi((s) => s.lang);
  const dateTime = useMemo(
    () => new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' }),
    [lang],
  );
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>([]);
  const [scenario, setScenario] = useState('');
  const [status, setStatus] = useState('');
  const [since, setSince] = useState('');
  const [result, setResult] = useState<'' | 'pass' | 'fail'>('');
  const [minScore, setMinScore] = useState('');
  const [list, setList] = useState<SessionSummary[] | null>(null);
  const [reports, setReports] = useState<Record<string, Report | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [needLogin, setNeedLogin] = useState(false);
  const [upload, setUpload] = useState<string | null>(null);

  useEffect(() => {
    fetchScenarios().then(setScenarios, () => undefined);
  }, []);

  useEffect(() => {
    let live = true;
    setList(null);
    listSessions({ scenario, status, since: since ? new Date(since).getTime() : 0 }).then(
      (l) => live && setList(l),
      (err: unknown) => {
        if (!live) return;
        // Not signed in: say so and link to the sign-in page rather than show "401".
        setNeedLogin(err instanceof ApiError && err.status === 401);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      live = false;
    };
  }, [scenario, status, since]);

  useEffect(() => {
    if (!list) return;
    let live = true;
    const want = list.filter((s) => s.events > 0 && !(s.sessionId in reports)).slice(0, REPORT_LIMIT);
    let next = 0;
    const worker = async () => {
      while (live && next < want.length) {
        const s = want[next++]!;
        const r = await fetchReport(s.sessionId);
        if (live) setReports((m) => ({ ...m, [s.sessionId]: r }));
      }
    };
    for (let i = 0; i < REPORT_CONCURRENCY; i++) void worker();
    return () => {
      live = false;
    };
    // reports is read to skip known ones, not a trigger.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list]);

  const rows = useMemo(() => {
    if (!list) return [];
    const min = Number(minScore) || 0;
    const keep = (s: SessionSummary) => {
      const r = reports[s.sessionId];
      if (result && (!r || r.pass !== (result === 'pass'))) return false;
      if (min > 0 && (!r || r.total < min)) return false;
      return true;
    };
    return tree(list).filter((row) => keep(row.s));
  }, [list, reports, result, minScore]);

  const title = (id: string) => {
    const sc = scenarios.find((s) => s.id === id);
    return sc ? pick(sc.title, lang) : id;
  };

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setUpload(tx('uploading'));
    setError(null);
    try {
      const made = await uploadRecording(file);
      rememberFacilitatorCode(made.sessionId, made.codes.facilitator);
      setUpload(tx('uploaded', { count: made.events }));
      navigate(`/replay/${encodeURIComponent(made.sessionId)}`);
    } catch (err) {
      setUpload(null);
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <div className="sessions-page" data-testid="sessions-page">
      <header>
        <h1>{tx('sessionsTitle')}</h1>
        <p className="hint">{tx('sessionsHint')}</p>
        <button type="button" className="ghost" onClick={() => navigate('/')} data-testid="back-to-lobby">
          ← {tx('backToLobby')}
        </button>
      </header>
      <div className="panel filters-row">
        <label className="inline">
          {tx('filterScenario')}
          <select value={scenario} onChange={(e) => setScenario(e.target.value)} data-testid="filter-scenario">
            <option value="">{tx('all')}</option>
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {pick(s.title, lang)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {tx('filterStatus')}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="filter-status">
            <option value="">{tx('all')}</option>
            <option value="live">{tx('live')}</option>
            <option value="ended">{tx('ended')}</option>
          </select>
        </label>
        <label className="inline">
          {tx('filterSince')}
          <input type="date" value={since} onChange={(e) => setSince(e.target.value)} data-testid="filter-since" />
        </label>
        <label className="inline">
          {tx('filterResult')}
          <select
            value={result}
            onChange={(e) => setResult(e.target.value as '' | 'pass' | 'fail')}
            data-testid="filter-result"
          >
            <option value="">{tx('all')}</option>
            <option value="pass">{tx('passed')}</option>
            <option value="fail">{tx('failed')}</option>
          </select>
        </label>
        <label className="inline">
          {tx('minScore')}
          <input
            type="number"
            min={0}
            max={100}
            value={minScore}
            onChange={(e) => setMinScore(e.target.value)}
            className="narrow"
            data-testid="filter-min-score"
          />
        </label>
        <label className="button upload">
          {tx('upload')}
          <input
            type="file"
            accept=".gz,.jsonl,.json"
            onChange={(e) => void onFile(e)}
            data-testid="upload-recording"
          />
        </label>
        {upload && <span className="hint">{upload}</span>}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="sessions-error">
          {needLogin ? (
            <>
              {tx('common:forbidden')}{' '}
              <a href="/login?next=%2Fsessions" onClick={linkClick('/login?next=%2Fsessions')}>
                {tx('common:nav.login')}
              </a>
            </>
          ) : (
            error
          )}
        </p>
      )}
      {!list && !error && <p className="hint">{tx('loading')}</p>}
      {list && rows.length === 0 && <p className="hint">{tx('none')}</p>}
      {rows.length > 0 && (
        <table className="panel sessions-table">
          <thead>
            <tr>
              <th>{tx('colCreated')}</th>
              <th>{tx('colScenario')}</th>
              <th>{tx('colStatus')}</th>
              <th className="num">{tx('colEvents')}</th>
              <th className="num">{tx('colScore')}</th>
              <th>{tx('colResult')}</th>
              <th>{tx('colAttempts')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map(({ s, depth, attempts }) => {
              const r = reports[s.sessionId];
              return (
                <tr
                  key={s.sessionId}
                  data-testid="session-row"
                  data-session-id={s.sessionId}
                  data-parent-id={s.parent?.sessionId ?? ''}
                  className={depth > 0 ? 'branch' : undefined}
                >
                  <td style={{ paddingLeft: `${8 + depth * 18}px` }}>
                    {depth > 0 && s.parent ? <small>↳ {tx('branchOf', { seq: s.parent.atSeq })} · </small> : null}
                    {dateTime.format(s.createdAt)}
                  </td>
                  <td>{title(s.scenarioId)}</td>
                  <td>{s.status === 'live' ? tx('live') : tx('ended')}</td>
                  <td className="num">{s.events}</td>
                  <td className="num" data-testid="session-score">
                    {r ? r.total : r === null ? '—' : '…'}
                  </td>
                  <td>
                    {r ? (
                      <span className={r.pass ? 'tag ok' : 'tag warn'}>{r.pass ? tx('passed') : tx('failed')}</span>
                    ) : (
                      ''
                    )}
                  </td>
                  <td data-testid="session-attempts">
                    {attempts.map((a, i) => {
                      const ar = reports[a.sessionId];
                      return (
                        <span key={a.sessionId} className="attempt" data-testid="attempt" data-session-id={a.sessionId}>
                          {i > 0 ? ' → ' : ''}#{i + 1} {ar ? `${ar.total}${ar.pass ? '✓' : '✗'}` : '—'}
                        </span>
                      );
                    })}
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => navigate(`/replay/${encodeURIComponent(s.sessionId)}`)}
                      data-testid="session-open"
                    >
                      {tx('open')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
