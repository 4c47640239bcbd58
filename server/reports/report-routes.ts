/**
 * REST routes of the scoring: a session's report (JSON and the standalone HTML export), a
 * scenario's pre-broadcast script review and a rubric's thresholds (for the HUD's nudges).
 * Mounted by http.ts; reads events from the store, so ended sessions are reported too. A report
 * is for the session's facilitator, trainee and observers (canReadSession); the script review and
 * rubric thresholds are public (they come from the scenario files).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Scenario } from '../../core/scenario.js';
import { reviewScenario } from '../../core/rubric/review.js';
import type { Rubric } from '../../core/rubric/rubric-schema.js';
import { factsOf } from '../../core/rubric/facts.js';
import { retryFacts, retryPointOf } from '../../core/rubric/retry-part.js';
import { compareRetry } from '../../core/rubric/retry-compare.js';
import { evaluate } from '../../core/rubric/scorer.js';
import type { SessionEvent } from '../../core/events.js';
import { canReadSession } from '../auth/guard.js';
import type { RouteContext } from '../auth/route-context.js';
import { contentDisposition } from '../edge/content-disposition.js';
import type { Signer } from '../recordings/signing.js';
import { genesisHash } from '../store/hash-chain.js';
import { reportHtml } from './report-html.js';
import type { RecordingStore } from '../store/recording-store.js';

export interface ReportDeps {
  store: RecordingStore;
  scenarios: Map<string, Scenario>;
  rubrics: Map<string, Rubric>;
  /** Signs report answers (header Branchcast-Signature); absent: unsigned. */
  signer?: Signer;
}

/** What a report answer's Branchcast-Signature covers: the session, its chain head and the body. */
export function reportSignedText(sessionId: string, chainHead: string, body: string): string {
  return `branchcast-report-signature-v1\n${sessionId}\n${chainHead}\n${body}`;
}

const PAGE = 20_000;

function readAll(store: RecordingStore, sessionId: string): SessionEvent[] {
  const out: SessionEvent[] = [];
  for (let from = 1; ;) {
    const batch = store.readEvents(sessionId, from, PAGE);
    for (const e of batch) out.push(e);
    if (batch.length < PAGE) return out;
    from = batch[batch.length - 1]!.seq + 1;
  }
}

/** A session's report with its scenario's rubric (or `rubricId`); null when there is no such rubric. */
export function buildReport(
  deps: ReportDeps,
  sessionId: string,
  rubricId?: string,
): ReturnType<typeof evaluate> | null {
  const { facts, point } = scoredPart([...readAll(deps.store, sessionId)]);
  const rubric = deps.rubrics.get(rubricId ?? facts.scenario?.rubric ?? '');
  return rubric ? { ...evaluate(facts, rubric), ...(point ? { retryOf: point } : {}) } : null;
}

/** What a report scores: a branch's retried part only (issue 12 pt 7), else the whole session. */
function scoredPart(events: SessionEvent[]) {
  const point = retryPointOf(events);
  return { point, facts: point ? retryFacts(events, point) : factsOf(events) };
}

/** Answers the route and returns true, or returns false for a path it does not own. */
export function handleReportRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ReportDeps,
  ctx: RouteContext,
): boolean {
  const { send, headers } = ctx;
  if (req.method !== 'GET') return false;
  const path = url.pathname;
  let m = /^\/api\/sessions\/([^/]+)\/report(\.html|\/compare)?$/.exec(path);
  if (m) {
    const sessionId = decodeURIComponent(m[1]!);
    // Refused before looked up: a stranger learns nothing, not even whether the id exists.
    const denied = canReadSession(ctx.principal, sessionId);
    if (denied) {
      ctx.deny(res, denied);
      return true;
    }
    const rec = deps.store.getSession(sessionId);
    if (!rec) {
      send(res, 404, { error: 'NOT_FOUND', message: `session "${sessionId}" does not exist` });
      return true;
    }
    const events = [...readAll(deps.store, sessionId)];
    const { point, facts } = scoredPart(events);
    const rubricId = url.searchParams.get('rubric') ?? facts.scenario?.rubric ?? '';
    const rubric = deps.rubrics.get(rubricId);
    if (!rubric) {
      send(res, 404, {
        error: 'NOT_FOUND',
        message: `rubric: no rubric "${rubricId}" (have: ${[...deps.rubrics.keys()].join(', ')})`,
      });
      return true;
    }
    const report = { ...evaluate(facts, rubric), ...(point ? { retryOf: point } : {}) };
    if (m[2] === '/compare') {
      if (!point) {
        send(res, 409, { error: 'INVALID_STATE', message: `session "${sessionId}" is not a retry (no branch point)` });
        return true;
      }
      const parentEvents = [...readAll(deps.store, point.parentSessionId)];
      send(res, 200, compareRetry(parentEvents, events, point, rubric));
      return true;
    }
    if (!m[2]) {
      if (!deps.signer) {
        send(res, 200, report);
        return true;
      }
      const head = deps.store.readHashes(sessionId).at(-1)?.hash ?? genesisHash(sessionId);
      const sig = deps.signer.sign(reportSignedText(sessionId, head, JSON.stringify(report)));
      send(res, 200, report, { 'Branchcast-Signature': `ed25519 key=${sig.key} chain=${head} sig=${sig.sig}` });
      return true;
    }
    const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'zh';
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Disposition': contentDisposition('inline', `report-${sessionId}.html`),
    });
    // ?annotations=0 leaves out the facilitator's notes (the critique report has them).
    const notes = url.searchParams.get('annotations') === '0' ? [] : deps.store.listAnnotations(sessionId);
    res.end(reportHtml(report, lang, notes));
    return true;
  }
  m = /^\/api\/scenarios\/([^/]+)\/review$/.exec(path);
  if (m) {
    const id = decodeURIComponent(m[1]!);
    const scenario = deps.scenarios.get(id);
    if (!scenario) send(res, 404, { error: 'NOT_FOUND', message: `scenario "${id}" does not exist` });
    else send(res, 200, reviewScenario(scenario));
    return true;
  }
  m = /^\/api\/rubrics\/([^/]+)$/.exec(path);
  if (m) {
    const rubric = deps.rubrics.get(decodeURIComponent(m[1]!));
    if (!rubric) send(res, 404, { error: 'NOT_FOUND', message: `rubric "${m[1]}" does not exist` });
    else send(res, 200, rubric);
    return true;
  }
  return false;
}
