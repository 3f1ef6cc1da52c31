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
import { AppError } from '../../lib/app-error';
import { notify } from '../notifications/notify';
import type { RequestRow } from '../requests/access';
import { recordRequestEvent } from '../requests/events';

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
 * Adds a message to the request's thread. Citizens post public messages only; staff post public replies or
 * internal notes 内部备注. A staff reply tells the applicant (inbox + WeChat `staff-reply`) and goes on the
 * timeline (`reply`); a citizen's message tells the assigned caseworker, if any. All in one transaction.
 */
export async function postMessage(db: Database, party: RequestParty, input: PostMessageInput): Promise<number> {
  const { request } = party;
  if (party.type === 'citizen' && input.internal) throw new AppError('FORBIDDEN', '内部备注仅工作人员可用');
  if (request.status === 'draft') throw new AppError('CONFLICT', '草稿尚未提交，提交后才能留言');
  const visibility = input.internal ? 'internal' : 'public';
  const now = new Date();
  return db.transaction(async (tx) => {
    const [result] = await tx.insert(requestMessages).values({
      requestId: request.id,
      authorType: party.type,
      authorId: party.id,
      visibility,
      body: input.body,
      createdAt: now,
    });
    const messageId = Number(result.insertId);
    const reference = request.number ?? String(request.id);
    const service = serviceName(request.serviceCode);

    if (party.type === 'staff' && visibility === 'public') {
      const data: SubscribeTemplateData['staff-reply'] = {
        requestNo: reference,
        service,
        content: truncateText(input.body, 20),
        time: now.toISOString(),
      };
      await notify(tx, {
        recipient: { type: 'citizen', id: request.applicantUserId },
        kind: 'staff-reply',
        title: '工作人员回复了您的办件',
        body: truncateText(`您的「${service}」（${reference}）有新回复：${input.body}`, 500),
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
        body: truncateText(`${service} ${reference}：${input.body}`, 500),
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
export async function listMessages(db: Database, party: RequestParty, onlyId?: number): Promise<RequestMessage[]> {
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
  return rows.map(({ message, staffName }) => present(party, message, staffName));
}

function present(party: RequestParty, message: MessageRow, staffName: string | null): RequestMessage {
  const mine = message.authorType === party.type && message.authorId === party.id;
  let label: string;
  if (mine) label = '您';
  else if (message.authorType === 'staff') label = staffName ? `工作人员 ${staffName}` : '工作人员';
  else if (message.authorId === party.request.applicantUserId) label = '申请人';
  else if (message.authorId === party.request.subjectUserId) label = '退役军人本人';
  else label = '申请人家属';
  return {
    id: message.id,
    body: message.body,
    internal: message.visibility === 'internal',
    author: { type: message.authorType, label, mine },
    createdAt: message.createdAt.toISOString(),
  };
}
