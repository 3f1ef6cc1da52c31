import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/client';
import { auditLog } from '../db/schema/index';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number;
  /** Never personal data in clear: ids, field names, counts. */
  detail?: Record<string, unknown>;
  /** For events without a signed-in caller yet (sign-in, failed sign-in). */
  actor?: { id: number; role: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Writes one audit-log row for this request: who (the caller), what, which object, when, from which IP. */
    audit(entry: AuditEntry): Promise<void>;
  }
}

export async function writeAudit(
  db: Pick<Database, 'insert'>,
  request: FastifyRequest,
  entry: AuditEntry,
): Promise<void> {
  const actor =
    entry.actor ?? (request.principal ? { id: request.principal.id, role: request.principal.role } : undefined);
  await db.insert(auditLog).values({
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === undefined ? null : String(entry.targetId),
    requestId: request.id,
    ip: request.ip,
    detail: entry.detail ?? null,
  });
}

async function audit(app: FastifyInstance) {
  app.decorateRequest('audit', function (this: FastifyRequest, entry: AuditEntry) {
    return writeAudit(app.db, this, entry);
  });
}

export default fp(audit, { name: 'audit', dependencies: ['database'] });
