import { createHash } from 'node:crypto';
import { type SubscribeTemplate, type SubscribeTemplateData, truncateText } from '@veterans/shared';
import type { Database } from '../../db/client';
import { notifications, outbox } from '../../db/schema/index';

/** A database handle or an open transaction: notifications are written in the same transaction as the change. */
export type Writer = Pick<Database, 'insert'>;

export interface Recipient {
  type: 'citizen' | 'staff';
  id: number;
}

export interface WechatNotice {
  /** A key of `subscribeTemplates` (shared package), e.g. `request-status`. */
  template: string;
  dedupeKey: string;
  data: Record<string, string>;
}

export interface Notice {
  recipient: Recipient;
  kind: string;
  title: string;
  body: string;
  link?: string;
  /**
   * A WeChat subscribe message to send as well (citizens only). `dedupeKey` names this message uniquely
   * (e.g. `request-status:42:accepted`), so writing it twice sends it once — and puts it in the inbox once.
   * Build it with `wechatMessage(…)` to have the template's fields checked by the compiler.
   */
  wechat?: WechatNotice;
}

/** Column limits of `notifications` and `outbox`: a long text is cut rather than failing the caller's transaction. */
const LIMITS = { kind: 48, title: 100, body: 500, link: 255, dedupeKey: 128 } as const;

/** A dedupe key that fits the column: over-long keys are replaced by their SHA-256 (still unique). */
export function storedDedupeKey(key: string): string {
  return key.length <= LIMITS.dedupeKey ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** The typed way to describe a subscribe message: `wechatMessage('request-status', key, { requestNo, … })`. */
export function wechatMessage<T extends SubscribeTemplate>(
  template: T,
  dedupeKey: string,
  data: SubscribeTemplateData[T],
): WechatNotice {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(data)) if (typeof value === 'string') plain[name] = value;
  return { template, dedupeKey, data: plain };
}

function inboxRow(notice: Notice) {
  const link = notice.link && notice.link.length <= LIMITS.link ? notice.link : null;
  return {
    recipientType: notice.recipient.type,
    recipientId: notice.recipient.id,
    kind: truncateText(notice.kind, LIMITS.kind, false),
    title: truncateText(notice.title, LIMITS.title),
    body: truncateText(notice.body, LIMITS.body),
    link,
  };
}

/**
 * Puts a message in the recipient's inbox and, when asked, a WeChat message in the outbox for the worker.
 * Returns false when the notice's `dedupeKey` was written before (nothing was written this time).
 */
export async function notify(writer: Writer, notice: Notice): Promise<boolean> {
  const { recipient, wechat } = notice;
  if (wechat && recipient.type === 'citizen') {
    // INSERT IGNORE: affectedRows tells a new row (1) from an existing dedupe key (0), whatever the client flags.
    const [result] = await writer
      .insert(outbox)
      .ignore()
      .values({
        channel: 'wechat-subscribe',
        dedupeKey: storedDedupeKey(wechat.dedupeKey),
        recipientType: recipient.type,
        recipientId: recipient.id,
        template: truncateText(wechat.template, 48, false),
        payload: { data: wechat.data, page: notice.link ?? null },
      });
    if (result.affectedRows === 0) return false;
  }
  await writer.insert(notifications).values(inboxRow(notice));
  return true;
}

/**
 * Fan-out (e.g. to every staff member of a unit, see `staffOfUnit`): inbox-only notices go in one insert;
 * notices with a WeChat message are written one by one so each keeps its dedupe. Returns how many were written.
 */
export async function notifyMany(writer: Writer, notices: readonly Notice[]): Promise<number> {
  const inboxOnly = notices.filter((notice) => !(notice.wechat && notice.recipient.type === 'citizen'));
  const withWechat = notices.filter((notice) => notice.wechat && notice.recipient.type === 'citizen');
  if (inboxOnly.length > 0) await writer.insert(notifications).values(inboxOnly.map(inboxRow));
  let written = inboxOnly.length;
  for (const notice of withWechat) if (await notify(writer, notice)) written++;
  return written;
}
