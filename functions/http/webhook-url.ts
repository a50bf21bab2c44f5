import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may point (issue 15 §1, SSRF): never a link-local address (the instance
 * metadata service above all), anywhere; on AWS never a private, loopback or unique-local one
 * either, and only HTTPS. Checked at registration and again before every delivery, after DNS
 * resolution, so a name that later resolves inside is refused then.
 */
export interface UrlPolicy {
  /** Locally: plain HTTP and loopback, so examples and tests run. */
  local: boolean;
}

const linkLocal = new BlockList();
linkLocal.addSubnet('169.254.0.0', 16, 'ipv4');
linkLocal.addSubnet('fe80::', 10, 'ipv6');

const internal = new BlockList();
for (const [net, prefix] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['127.0.0.0', 8],
  ['100.64.0.0', 10],
  ['0.0.0.0', 8],
] as const)
  internal.addSubnet(net, prefix, 'ipv4');
internal.addSubnet('fc00::', 7, 'ipv6');
internal.addAddress('::1', 'ipv6');
internal.addAddress('::', 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Why `url` may not receive webhooks, or undefined when it may. */
export async function webhookUrlRefusal(url: string, { local }: UrlPolicy, resolve = lookup): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:' && !(local && parsed.protocol === 'http:')) return 'webhooks are delivered over HTTPS only';
  if (parsed.username || parsed.password) return 'a webhook URL carries no credentials';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host, { all: true, verbatim: true });
  } catch {
    return `the host ${host} cannot be resolved`;
  }
  if (addresses.length === 0) return `the host ${host} cannot be resolved`;
  for (const { address, family } of addresses) {
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (linkLocal.check(address, type)) return `${host} resolves to a link-local address (${address})`;
    if (!local && internal.check(address, type)) return `${host} resolves to a private or loopback address (${address})`;
    if (local && internal.check(address, type) && !loopback.check(address, type))
      return `${host} resolves to a private address (${address}); locally only loopback is allowed`;
  }
  return undefined;
}
