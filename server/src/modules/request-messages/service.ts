import {
  findService,
  type RequestMessage,
  requestDetailPage,
  type SubscribeTemplateData,
  staffRequestDetailPage,
  truncateText,
} from '@veterans/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { requestMessages, staffAccounts } from '../../db/schema/index';
import { sealedIn, writeSealed } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import { notify } from '../notifications/notify';
import type { RequestRow } from '../requests/access';
import { recordRequestEvent } from '../requests/events';
import { storesEncrypted } from '../requests/form-data';

/** Who takes part in a request's thread, and the request. */
export interface RequestParty {
  type: 'citizen' | 'staff';
  id: number;
  request: RequestRow;
}

type MessageRow = typeof requestMessages.$inferSelect;

export interface PostMessageInput {
  body: string;
  internal: boolean;
}

function serviceName(code: string): string {
  return findService(code)?.name ?? code;
}

/**
 * The inbox line a new message leaves. On a request whose form is stored encrypted the thread is sensitive too:
 * the notice then says only that there is a message, so no copy of it lies in plain in the inbox or the outbox
 * (nor goes to WeChat's servers).
 */
export function messageNotice(
  request: Pick<RequestRow, 'id' | 'number' | 'serviceCode'>,
  to: 'citizen' | 'staff',
  body: string,
): { body: string; wechatContent: string } {
  const reference = request.number ?? String(request.id);
  const service = serviceName(request.serviceCode);
  if (storesEncrypted(request.serviceCode)) {
    const text =
      to === 'citizen'
        ? `您的「${service}」（${reference}）有新回复，请进入办件查看。`
        : `${service} ${reference}：申请人发来新留言，请进入办件查看。`;
    return { body: text, wechatContent: '有新回复，请进入办件查看' };
  }
  const text =
    to === 'citizen' ? `您的「${service}」（${reference}）有新回复：${body}` : `${service} ${reference}：${body}`;
  return { body: truncateText(text, 500), wechatContent: truncateText(body, 20) };
}

/**
 * Adds a message to the request's thread. Citizens post public messages only; staff post public replies or
 * internal notes 内部备注. A staff reply tells the applicant (inbox + WeChat `staff-reply`) and goes on the
 * timeline (`reply`); a citizen's message tells the assigned caseworker, if any. All in one transaction.
 */
export async function postMessage(
  db: Database,
  cipher: Pick<FieldCipher, 'encrypt'>,
  party: RequestParty,
  input: PostMessageInput,
): Promise<number> {
  const { request } = party;
  if (party.type === 'citizen' && input.internal) throw new AppError('FORBIDDEN', '内部备注仅工作人员可用');
  if (request.status === 'draft') throw new AppError('CONFLICT', '草稿尚未提交，提交后才能留言');
  const visibility = input.internal ? 'internal' : 'public';
  const now = new Date();
  const sealed = storesEncrypted(request.serviceCode);
  return inTransaction(db, async (tx) => {
    const [result] = await tx.insert(requestMessages).values({
      requestId: request.id,
      authorType: party.type,
      authorId: party.id,
      visibility,
      body: sealed ? null : input.body,
      createdAt: now,
    });
    const messageId = Number(result.insertId);
    if (sealed) await writeSealed(tx, cipher, messageId, [[requestMessages.bodyCipher, input.body]]);
    const reference = request.number ?? String(request.id);
    const service = serviceName(request.serviceCode);

    if (party.type === 'staff' && visibility === 'public') {
      const notice = messageNotice(request, 'citizen', input.body);
      const data: SubscribeTemplateData['staff-reply'] = {
        requestNo: reference,
        service,
        content: notice.wechatContent,
        time: now.toISOString(),
      };
      await notify(tx, {
        recipient: { type: 'citizen', id: request.applicantUserId },
        kind: 'staff-reply',
        title: '工作人员回复了您的办件',
        body: notice.body,
        link: requestDetailPage(request.id),
        wechat: { template: 'staff-reply', dedupeKey: `staff-reply:${messageId}`, data: { ...data } },
      });
      await recordRequestEvent(tx, {
        requestId: request.id,
        actorType: 'staff',
        actorId: party.id,
        action: 'reply',
        comment: '工作人员回复了留言',
        at: now,
      });
    }
    if (party.type === 'citizen' && request.assigneeStaffId !== null) {
      await notify(tx, {
        recipient: { type: 'staff', id: request.assigneeStaffId },
        kind: 'citizen-message',
        title: '申请人留言',
        body: messageNotice(request, 'staff', input.body).body,
        link: staffRequestDetailPage(request.id),
      });
    }
    return messageId;
  });
}

/**
 * The thread as the caller may see it, oldest first: citizens get public messages only (internal notes
 * never leave the server for them); staff get everything, internal notes marked. Authors are labels —
 * 您 (the caller), 工作人员 <name>, 申请人 — never another citizen's personal data.
 */
export async function listMessages(
  db: Database,
  cipher: Pick<FieldCipher, 'decrypt'>,
  party: RequestParty,
  onlyId?: number,
): Promise<RequestMessage[]> {
  const conditions = [eq(requestMessages.requestId, party.request.id)];
  if (party.type === 'citizen') conditions.push(eq(requestMessages.visibility, 'public'));
  if (onlyId !== undefined) conditions.push(eq(requestMessages.id, onlyId));
  const rows = await db
    .select({ message: requestMessages, staffName: staffAccounts.displayName })
    .from(requestMessages)
    .leftJoin(
      staffAccounts,
      and(eq(requestMessages.authorType, 'staff'), eq(staffAccounts.id, requestMessages.authorId)),
    )
    .where(and(...conditions))
    .orderBy(asc(requestMessages.createdAt), asc(requestMessages.id));
  return rows.map(({ message, staffName }) => present(party, message, staffName, messageBody(cipher, message)));
}

function messageBody(cipher: Pick<FieldCipher, 'decrypt'>, message: MessageRow): string {
  if (message.bodyCipher) return cipher.decrypt(message.bodyCipher, sealedIn(requestMessages.bodyCipher, message.id));
  return message.body ?? '';
}

function present(party: RequestParty, message: MessageRow, staffName: string | null, body: string): RequestMessage {
  const mine = message.authorType === party.type && message.authorId === party.id;
  let label: string;
  if (mine) label = '您';
  else if (message.authorType === 'staff') label = staffName ? `工作人员 ${staffName}` : '工作人员';
  else if (message.authorId === party.request.applicantUserId) label = '申请人';
  else if (message.authorId === party.request.subjectUserId) label = '退役军人本人';
  else label = '申请人家属';
  return {
    id: message.id,
    body,
    internal: message.visibility === 'internal',
    author: { type: message.authorType, label, mine },
    createdAt: message.createdAt.toISOString(),
  };
}
