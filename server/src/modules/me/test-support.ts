import { PRIVACY_POLICY_VERSION } from '@veterans/shared';
import type { FastifyInstance } from 'fastify';
import type { AccessClaims } from '../../plugins/caller';
import { bearer } from '../../testing/fixtures';
import { accessClaimsOf } from '../auth/principal';
import { openSession } from '../auth/sessions';

/** Test helpers for citizen flows (not used by production code). */

/** A token of a real session that was valid once and expired an hour later than it was issued… an hour ago. */
export async function expiredToken(app: FastifyInstance, type: 'citizen' | 'staff', id: number): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000) - 3600;
  const sessionId = await openSession(app.db, { type, id });
  return app.jwt.sign({ ...accessClaimsOf({ type, id }, sessionId), iat: issuedAt } as AccessClaims);
}
export async function agreeToPrivacyPolicy(app: FastifyInstance, token: string): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/me/consents',
    headers: bearer(token),
    payload: { kind: 'privacy-policy', version: PRIVACY_POLICY_VERSION, granted: true },
  });
  if (response.statusCode !== 201) throw new Error(`consent failed: ${response.body}`);
}

/** Consents and submits a real-name identity through the API; returns the response. */
export async function submitIdentity(
  app: FastifyInstance,
  token: string,
  identity: { name: string; idNumber: string; kind?: 'veteran' | 'family'; communityUnitId?: number },
) {
  await agreeToPrivacyPolicy(app, token);
  return app.inject({
    method: 'PUT',
    url: '/api/v1/me/identity',
    headers: bearer(token),
    payload: { kind: 'veteran', ...identity },
  });
}
