import { requestStatusLabels } from '@veterans/shared';
import { asc, eq, inArray, or } from 'drizzle-orm';
import { requestEvents, serviceRequests } from '../../db/schema/index';
import type { ExportSection } from '../me/export';
import { isInternalEvent } from './events';
import { fromStoredForm, serviceNameOf } from './form-data';

/**
 * `GET /me/export` section 办事申请: the requests the user filed or that were filed for them, with their own
 * answers (decrypted: it is their data) and the timeline. For the me module to add to `exportSections`.
 */
export const requestsExportSection: ExportSection = {
  key: 'requests',
  title: '办事申请',
  async collect({ db, cipher, user }) {
    const rows = await db
      .select()
      .from(serviceRequests)
      .where(or(eq(serviceRequests.applicantUserId, user.id), eq(serviceRequests.subjectUserId, user.id)))
      .orderBy(asc(serviceRequests.id));
    const events = rows.length
      ? await db
          .select()
          .from(requestEvents)
          .where(
            inArray(
              requestEvents.requestId,
              rows.map((row) => row.id),
            ),
          )
          .orderBy(asc(requestEvents.createdAt), asc(requestEvents.id))
      : [];
    return rows.map((row) => ({
      number: row.number,
      service: serviceNameOf(row.serviceCode),
      status: requestStatusLabels[row.status],
      filedByMe: row.applicantUserId === user.id,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      dueDate: row.dueDate,
      completedAt: row.completedAt?.toISOString() ?? null,
      formData: fromStoredForm(row, cipher),
      resolutionNote: row.resolutionNote,
      timeline: events
        .filter((event) => event.requestId === row.id && !isInternalEvent(event.action))
        .map((event) => ({
          at: event.createdAt.toISOString(),
          action: event.action,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          comment: event.comment,
        })),
    }));
  },
};
