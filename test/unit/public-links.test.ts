/** Issue 17 pt 1: one origin for every link; LAN addresses when none is configured. */
import { describe, expect, it } from 'vitest';
import { lanOrigins, parsePublicUrl, publicLinks } from '../../server/workshop/public-links.js';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false, scopeid = 0) => ({
  address,
  family,
  internal,
  netmask: '',
  mac: '00:00:00:00:00:00',
  cidr: null,
  ...(family === 'IPv6' ? { scopeid } : {}),
});

describe('public links', () => {
  it('accepts an origin and refuses a path, a query or another scheme', () => {
    expect(parsePublicUrl('https://Branch.Example.com/')).toBe('https://branch.example.com');
    expect(parsePublicUrl('http://10.0.0.5:8080')).toBe('http://10.0.0.5:8080');
    expect(parsePublicUrl('http://10.0.0.5:8080/app')).toBeNull();
    expect(parsePublicUrl('http://10.0.0.5/?x=1')).toBeNull();
    expect(parsePublicUrl('ftp://10.0.0.5')).toBeNull();
    expect(parsePublicUrl('branch.example.com')).toBeNull();
  });

  it('lists LAN addresses, IPv4 first, never loopback or link-local', () => {
    const got = lanOrigins(8080, {
      lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
      eth0: [nic('192.168.1.20', 'IPv4'), nic('fe80::1', 'IPv6', false, 2), nic('2001:db8::20', 'IPv6')],
      wlan0: [nic('169.254.3.3', 'IPv4'), nic('10.1.2.3', 'IPv4')],
    } as never);
    expect(got).toEqual(['http://192.168.1.20:8080', 'http://10.1.2.3:8080', 'http://[2001:db8::20]:8080']);
  });

  it('uses the public URL for every link when one is set, the bound host when one is given', () => {
    expect(publicLinks({ publicUrl: 'https://b.example', port: 8080 })).toEqual({
      origin: 'https://b.example',
      publicUrl: 'https://b.example',
      lan: [],
    });
    expect(publicLinks({ host: '127.0.0.1', port: 9000 }).origin).toBe('http://127.0.0.1:9000');
  });
});
