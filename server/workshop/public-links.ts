/**
 * Where people reach this server (issue 17 pt 1): one origin for every printed and shown link, so
 * the setup link, the login cookie and the join links all name the same host. `--public-url` /
 * BRANCHCAST_PUBLIC_URL wins (a reverse proxy, a DNS name); otherwise a server listening on every
 * interface is reached by its LAN addresses (a headset cannot open `localhost`), and one bound to
 * a single interface by that one.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/** `scheme://host[:port]` with no path, lower-cased host; null when `raw` is not such a URL. */
export function parsePublicUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash || u.username || u.password) return null;
  return u.origin;
}

const hostPart = (address: string) => (address.includes(':') ? `[${address}]` : address);

/**
 * This machine's LAN addresses as origins on `port`: IPv4 first (what people type), then global
 * IPv6; never loopback or link-local (fe80::, 169.254.x: not routable to another laptop).
 */
export function lanOrigins(
  port: number,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv4' && !a.address.startsWith('169.254.')) v4.push(`http://${a.address}:${port}`);
      else if (a.family === 'IPv6' && !/^fe80:/i.test(a.address) && a.scopeid === 0)
        v6.push(`http://${hostPart(a.address)}:${port}`);
    }
  }
  return [...new Set([...v4, ...v6])];
}

export interface PublicLinks {
  /** The origin every link uses: the public URL, else the first LAN address, else localhost. */
  origin: string;
  /** Set with --public-url: links use it whatever address a page was opened on. */
  publicUrl: string | null;
  /** Every origin this server answers on from another machine (empty behind --public-url). */
  lan: string[];
}

export function publicLinks(opts: { publicUrl?: string | null; host?: string; port: number }): PublicLinks {
  if (opts.publicUrl) return { origin: opts.publicUrl, publicUrl: opts.publicUrl, lan: [] };
  const wild = !opts.host || opts.host === '0.0.0.0' || opts.host === '::';
  if (!wild) {
    const only = `http://${hostPart(opts.host!)}:${opts.port}`;
    return { origin: only, publicUrl: null, lan: [only] };
  }
  const lan = lanOrigins(opts.port);
  return { origin: lan[0] ?? `http://localhost:${opts.port}`, publicUrl: null, lan };
}
