import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** What the local provider generates on its first start and keeps with the data, so tokens and sessions survive a restart. */
export interface ProviderSecrets {
  /** The private signing keys (RS256), as the provider's `jwks` configuration. */
  signingKeys: { keys: JWK[] };
  /** Their public halves: what the JWKS endpoint serves and the app verifies with. */
  publicKeys: { keys: JWK[] };
  /** Keys for the provider's signed cookies. */
  cookieKeys: string[];
  /** A confidential client's secret, by client id. */
  clientSecret(clientId: string): string;
}

/** Loads the secrets under `directory` (usually `<GC_DATA_DIR>/oidc`), creating each one that is missing. */
export async function loadProviderSecrets(directory: string): Promise<ProviderSecrets> {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const signingKeys = await loadOrCreate(path.join(directory, 'jwks.json'), async () => JSON.stringify({ keys: [await newSigningKey()] }));
  const cookieKeys = await loadOrCreate(path.join(directory, 'cookie-keys.json'), async () => JSON.stringify([randomBytes(32).toString('base64url')]));
  const parsedKeys = JSON.parse(signingKeys) as { keys: JWK[] };
  return {
    signingKeys: parsedKeys,
    publicKeys: { keys: parsedKeys.keys.map(publicHalf) },
    cookieKeys: JSON.parse(cookieKeys) as string[],
    clientSecret: (clientId) => readOrCreateSync(path.join(directory, `${clientId}-secret`), () => randomBytes(32).toString('base64url')),
  };
}

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

function publicHalf({ kty, n, e, kid, alg, use }: JWK): JWK {
  return { kty, n, e, kid, alg, use };
}

async function loadOrCreate(file: string, create: () => Promise<string>): Promise<string> {
  if (!existsSync(file)) writeOnce(file, await create());
  return readFileSync(file, 'utf8').trim();
}

function readOrCreateSync(file: string, create: () => string): string {
  if (!existsSync(file)) writeOnce(file, create());
  return readFileSync(file, 'utf8').trim();
}

/** Written whole or not at all, readable only by this user: a crash mid-write leaves no half key behind. */
function writeOnce(file: string, content: string): void {
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${content}\n`, { mode: 0o600 });
  renameSync(partial, file);
}
