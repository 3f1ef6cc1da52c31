import type { RequestStatus } from '@veterans/shared';
import type { Database } from '../../db/client';
import { requestEvents } from '../../db/schema/index';

/** A database handle or an open transaction: the event is written in the same transaction as the change. */
export type EventWriter = Pick<Database, 'insert'>;

export interface RequestEventInput {
  requestId: number;
  actorType: 'citizen' | 'staff' | 'system';
  /** users.id for citizens, staff_accounts.id for staff; null for the system. */
  actorId?: number | null;
  /** A workflow action (submit, accept, …) or another timeline entry (create, assign, stage, home_visit, …). */
  action: string;
  fromStatus?: RequestStatus | null;
  toStatus?: RequestStatus | null;
  comment?: string | null;
  /** The form fields or materials a 补正 request names. */
  fields?: readonly string[];
  at?: Date;
}

/** Adds one entry to a request's timeline and returns its id. */
export async function recordRequestEvent(tx: EventWriter, event: RequestEventInput): Promise<number> {
  const [result] = await tx.insert(requestEvents).values({
    requestId: event.requestId,
    actorType: event.actorType,
    actorId: event.actorId ?? null,
    action: event.action,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    comment: event.comment ?? null,
    fields: event.fields && event.fields.length > 0 ? [...event.fields] : null,
    ...(event.at ? { createdAt: event.at } : {}),
  });
  return Number(result.insertId);
}

/**
 * Timeline entries only staff see: assigning a caseworker, and any action named `internal.*` (a module that
 * records staff-only steps names them so). Everything else — status changes with their reasons, card stages,
 * visits — is shown to the applicant too.
 */
export function isInternalEvent(action: string): boolean {
  return action === 'assign' || action.startsWith('internal.');
}
