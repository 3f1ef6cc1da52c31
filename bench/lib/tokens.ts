import { createHmac, randomUUID } from 'node:crypto';
import type mysql from 'mysql2/promise';

/**
 * Access tokens as the server's @fastify/jwt signs them (HS256, the claims of plugins/caller.ts: who and which
 * session), made here so the benchmarks need no sign-in round trips. Each person gets a session row, as a
 * sign-in would write it, so the server's per-request caller check does its real work. The secret is the demo
 * one the bench server runs with.
 */
export async function sessionTokens(
  db: mysql.Connection,
  secret: string,
  type: 'citizen' | 'staff',
  ids: readonly number[],
  ttlSeconds = 3600,
): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  const sessions = unique.map((id) => ({ id, sid: randomUUID() }));
  for (let index = 0; index < sessions.length; index += 500) {
    const batch = sessions.slice(index, index + 500);
    await db.query('INSERT INTO auth_sessions (id, principal_type, principal_id) VALUES ?', [
      batch.map((session) => [session.sid, type, session.id]),
    ]);
  }
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  return new Map(
    sessions.map(({ id, sid }) => {
      const payload = encode({ sub: String(id), typ: type, sid, iat: now, exp: now + ttlSeconds });
      const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
      return [id, `${header}.${payload}.${signature}`];
    }),
  );
}
