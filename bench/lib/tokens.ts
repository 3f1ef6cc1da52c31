import { createHmac } from 'node:crypto';

/**
 * Access tokens as the server's @fastify/jwt signs them (HS256, the claims of plugins/auth.ts), made here so the
 * benchmarks need no sign-in round trips. The secret is the demo one the bench server runs with.
 */
export function accessToken(
  secret: string,
  claims: { sub: string; typ: 'citizen' | 'staff'; role: string; unit: number | null; pwc?: boolean },
  ttlSeconds = 3600,
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({ pwc: false, ...claims, iat: now, exp: now + ttlSeconds });
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
