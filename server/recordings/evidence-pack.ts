/**
 * `GET /api/sessions/:id/evidence`: one zip a reviewer can check without this server (存证,
 * docs/RECORDING.md "Evidence pack"): the signed recording, the report (JSON, bound to the chain
 * head and signed; and the HTML page), the server's public key, the signatures, and a README in
 * Chinese and English saying how to check each. Who may fetch it: whoever may read the session.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { canReadSession } from '../auth/guard.js';
import type { RouteContext } from '../auth/route-context.js';
import { contentDisposition } from '../edge/content-disposition.js';
import { reportHtml } from '../reports/report-html.js';
import { buildReport, type ReportDeps } from '../reports/report-routes.js';
import { genesisHash } from '../store/hash-chain.js';
import { recordingText } from './recording-file.js';
import type { SignatureStore } from './signature-store.js';
import type { Signer } from './signing.js';

export interface EvidenceDeps extends ReportDeps {
  signer: Signer;
  signatures?: SignatureStore;
}

/** The text a report's signature covers is the file itself: report.json, byte for byte. */
export function reportJson(sessionId: string, chainHead: string, events: number, report: unknown): string {
  return JSON.stringify({ format: 'branchcast-report', sessionId, chainHead, events, report }, null, 2) + '\n';
}

function readme(fingerprint: string, sessionId: string): string {
  return `Branchcast 存证包 / evidence pack
会话 / session: ${sessionId}
签名密钥指纹 / signing key fingerprint: ${fingerprint}

【中文】
1. 先确认指纹：与服务器公布的指纹一致（branchcast serve 启动时打印，或 GET /api/signing-key）。
2. 核验录像（哈希链 + 签名）：
     branchcast verify recording.jsonl.gz --key signing-key.pub.pem
   结果应为 "signature: signed by ${fingerprint}"。"unsigned" 表示无签名；
   "signature does not match" 表示文件在签名后被改动，或不是这把密钥签的。
3. 核验报告（report.json 的签名，OpenSSL 3）：
     openssl pkeyutl -verify -pubin -inkey signing-key.pub.pem -rawin -in report.json -sigfile report.json.sig
   应输出 "Signature Verified Successfully"。report.json 中的 chainHead 与录像最后一行的 last 相同，
   即报告对应的正是这份录像。report.html 是同一报告的可读版本（未单独签名）。

[English]
1. Check the fingerprint against the one the server publishes (printed by branchcast serve, or
   GET /api/signing-key).
2. Verify the recording (hash chain and signature):
     branchcast verify recording.jsonl.gz --key signing-key.pub.pem
   Expect "signature: signed by ${fingerprint}". "unsigned": no signature; "signature does not
   match": the file was changed after signing, or another key signed it.
3. Verify the report (the signature of report.json, OpenSSL 3):
     openssl pkeyutl -verify -pubin -inkey signing-key.pub.pem -rawin -in report.json -sigfile report.json.sig
   Expect "Signature Verified Successfully". report.json's chainHead equals the recording's end
   line's "last": the report is of exactly this recording. report.html is the same report to read
   (not signed on its own).

Files: recording.jsonl.gz, report.json, report.json.sig (raw 64-byte Ed25519), report.html,
signature.json (both signatures, base64), signing-key.pub.pem, README.txt.
`;
}

export function evidenceRoute(deps: EvidenceDeps) {
  return (req: IncomingMessage, res: ServerResponse, url: URL, ctx: RouteContext): boolean => {
    const m = /^\/api\/sessions\/([^/]+)\/evidence$/.exec(url.pathname);
    if (!m || req.method !== 'GET') return false;
    const sessionId = decodeURIComponent(m[1]!);
    const denied = canReadSession(ctx.principal, sessionId);
    if (denied) {
      ctx.deny(res, denied);
      return true;
    }
    const rec = deps.store.getSession(sessionId);
    if (!rec) {
      ctx.send(res, 404, { error: 'NOT_FOUND', message: `session "${sessionId}" does not exist` });
      return true;
    }
    const events = deps.store.readEvents(sessionId);
    const annotations = deps.store.listAnnotations(sessionId);
    const recording = recordingText(rec, events, 'export', annotations, {
      signer: deps.signer,
      original: deps.signatures?.get(sessionId) ?? null,
    });
    const head = deps.store.readHashes(sessionId).at(-1)?.hash ?? genesisHash(sessionId);
    const report = buildReport(deps, sessionId);
    const reportText = reportJson(sessionId, head, events.length, report);
    const reportSig = deps.signer.sign(reportText);
    const recordingSig = (JSON.parse(recording.trimEnd().split('\n').at(-1)!) as { signature: unknown }).signature;
    const files: Record<string, Uint8Array> = {
      'README.txt': strToU8(readme(deps.signer.fingerprint, sessionId)),
      'recording.jsonl.gz': gzipSync(recording),
      'report.json': strToU8(reportText),
      'report.json.sig': Buffer.from(reportSig.sig, 'base64'),
      'signing-key.pub.pem': strToU8(deps.signer.publicKeyPem),
      'signature.json': strToU8(
        JSON.stringify({ fingerprint: deps.signer.fingerprint, recording: recordingSig, report: reportSig }, null, 2),
      ),
    };
    if (report) files['report.html'] = strToU8(reportHtml(report, 'zh', annotations));
    const zip = zipSync(files, { level: 6, mtime: new Date(rec.createdAt) });
    res.writeHead(200, {
      ...ctx.headers,
      'Content-Type': 'application/zip',
      'Cache-Control': 'no-store',
      'Content-Disposition': contentDisposition('attachment', `branchcast-evidence-${sessionId.slice(0, 8)}.zip`),
      'Content-Length': String(zip.length),
    });
    res.end(zip);
    return true;
  };
}
