import { requestDetailPage, serviceCodes, staffRequestDetailPage } from '@veterans/shared';
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { notifications, outbox, requestMessages, serviceRequests } from '../../db/schema/index';
import { writeSealed } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import type { FieldCipher } from '../../lib/field-cipher';
import { storesEncrypted } from '../requests/form-data';
import { messageNotice } from './service';

const SENSITIVE_SERVICES = serviceCodes.filter(storesEncrypted);
const BATCH = 200;

/**
 * Start-up backfill for threads written before they were encrypted: on each sensitive request, every plain message
 * moves into `body_cipher`, and the inbox notices and WeChat outbox rows that copied its text are rewritten to the
 * content-free wording new messages get. One transaction per request; finds nothing once done.
 */
export async function sealSensitiveThreads(db: Database, cipher: Pick<FieldCipher, 'encrypt'>): Promise<number> {
  let sealed = 0;
  for (let after = 0; ; ) {
    const requests = await db
      .selectDistinct({
        id: serviceRequests.id,
        number: serviceRequests.number,
        serviceCode: serviceRequests.serviceCode,
      })
      .from(serviceRequests)
      .innerJoin(requestMessages, eq(requestMessages.requestId, serviceRequests.id))
      .where(
        and(
          gt(serviceRequests.id, after),
          inArray(serviceRequests.serviceCode, SENSITIVE_SERVICES),
          isNotNull(requestMessages.body),
          isNull(requestMessages.bodyCipher),
        ),
      )
      .orderBy(asc(serviceRequests.id))
      .limit(BATCH);
    const last = requests.at(-1);
    if (!last) return sealed;
    for (const request of requests) sealed += await sealThread(db, cipher, request);
    after = last.id;
  }
}

async function sealThread(
  db: Database,
  cipher: Pick<FieldCipher, 'encrypt'>,
  request: { id: number; number: string | null; serviceCode: (typeof serviceCodes)[number] },
): Promise<number> {
  return inTransaction(db, async (tx) => {
    const plain = await tx
      .select({ id: requestMessages.id, body: requestMessages.body })
      .from(requestMessages)
      .where(
        and(
          eq(requestMessages.requestId, request.id),
          isNotNull(requestMessages.body),
          isNull(requestMessages.bodyCipher),
        ),
      )
      .for('update');
    for (const message of plain) {
      await writeSealed(tx, cipher, message.id, [[requestMessages.bodyCipher, message.body ?? '']]);
      await tx.update(requestMessages).set({ body: null }).where(eq(requestMessages.id, message.id));
    }
    await tx
      .update(notifications)
      .set({ body: messageNotice(request, 'citizen', '').body })
      .where(and(eq(notifications.kind, 'staff-reply'), eq(notifications.link, requestDetailPage(request.id))));
    await tx
      .update(notifications)
      .set({ body: messageNotice(request, 'staff', '').body })
      .where(
        and(eq(notifications.kind, 'citizen-message'), eq(notifications.link, staffRequestDetailPage(request.id))),
      );
    const keys = plain.map((message) => `staff-reply:${message.id}`);
    if (keys.length > 0) {
      await tx
        .update(outbox)
        .set({
          payload: sql`JSON_SET(${outbox.payload}, '$.data.content', ${messageNotice(request, 'citizen', '').wechatContent})`,
        })
        .where(inArray(outbox.dedupeKey, keys));
    }
    return plain.length;
  });
}
