import {
  MAX_MESSAGE_LENGTH,
  type RequestMessage,
  requestMessageBodySchema,
  type TimelineEvent,
} from '@veterans/shared';

export type ReplyMode = 'public' | 'internal';

export const replyModeOptions: readonly { value: ReplyMode; label: string }[] = [
  { value: 'public', label: '公开回复' },
  { value: 'internal', label: '内部备注' },
];

/**
 * Puts a canned reply into the reply box: into an empty box as it is; at the cursor (replacing a selection)
 * when the page knows one; otherwise after what is already written, on a line of its own.
 */
export function insertCannedReply(current: string, reply: string, selection?: { start: number; end: number }): string {
  const text = reply.trim();
  if (!text) return current;
  if (!current.trim()) return text;
  if (selection) {
    const start = Math.max(0, Math.min(selection.start, current.length));
    const end = Math.max(start, Math.min(selection.end, current.length));
    return `${current.slice(0, start)}${text}${current.slice(end)}`;
  }
  return `${current.replace(/\s+$/, '')}\n${text}`;
}

export type MessageCheck = { ok: true; body: { body: string; internal: boolean } } | { ok: false; message: string };

/** The reply box checked with the shared message schema (empty, too long). */
export function checkMessage(body: string, mode: ReplyMode): MessageCheck {
  const parsed = requestMessageBodySchema.safeParse({ body, internal: mode === 'internal' });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? '留言内容有误' };
  return { ok: true, body: { body: parsed.data.body, internal: mode === 'internal' } };
}

export function remainingCharacters(body: string): number {
  return MAX_MESSAGE_LENGTH - body.trim().length;
}

/** One line of the staff timeline: a workflow or other request event, or an internal note. */
export interface TimelineEntry {
  key: string;
  at: string;
  title: string;
  actor: string;
  comment: string | null;
  /** Seen by staff only (内部备注, assignments): the applicant's timeline leaves it out. */
  internal: boolean;
  kind: 'event' | 'note';
}

/** Events that only staff see (see server/src/modules/requests/events.ts). */
function isInternalEvent(action: string): boolean {
  return action === 'assign' || action.startsWith('internal.');
}

/**
 * The full timeline for staff: the request's events and the internal notes 内部备注 of its thread, oldest first
 * (public replies are already events of their own: 回复留言).
 */
export function staffTimeline(events: readonly TimelineEvent[], messages: readonly RequestMessage[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...events.map((event) => ({
      key: `event-${event.id}`,
      at: event.at,
      title: event.actionLabel,
      actor: event.actorLabel,
      comment: event.comment,
      internal: isInternalEvent(event.action),
      kind: 'event' as const,
    })),
    ...messages
      .filter((message) => message.internal)
      .map((message) => ({
        key: `note-${message.id}`,
        at: message.createdAt,
        title: '内部备注',
        actor: message.author.label,
        comment: message.body,
        internal: true,
        kind: 'note' as const,
      })),
  ];
  return entries
    .map((entry, index) => ({ entry, index, time: Date.parse(entry.at) }))
    .sort((a, b) => (a.time === b.time ? a.index - b.index : a.time - b.time))
    .map(({ entry }) => entry);
}
