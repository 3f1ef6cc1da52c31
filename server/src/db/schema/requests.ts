import { requestChannels, requestStatuses, serviceCodes } from '@veterans/shared';
import { sql } from 'drizzle-orm';
import {
  char,
  date,
  index,
  int,
  json,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  smallint,
  text,
  tinyint,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import { id, instant, ref, timestamps } from './columns';

/**
 * Service requests 办件. `applicant_user_id` filed it; `subject_user_id` is the veteran it is for (the same
 * person, or a linked veteran when a family member files on their behalf). Form answers of services with
 * sensitive data are kept encrypted in `form_cipher`; the others in `form_data`.
 */
export const serviceRequests = mysqlTable(
  'service_requests',
  {
    id: id(),
    number: varchar('number', { length: 20 }).unique(),
    serviceCode: mysqlEnum('service_code', serviceCodes).notNull(),
    status: mysqlEnum('status', requestStatuses).notNull().default('draft'),
    applicantUserId: ref('applicant_user_id').notNull(),
    subjectUserId: ref('subject_user_id').notNull(),
    unitId: ref('unit_id'),
    /** How the request reached the bureau: the app, or staff filing at the counter, on the phone, on a visit. */
    channel: mysqlEnum('channel', requestChannels).notNull().default('online'),
    /** The staff member who filed it for the person (窗口代办); null for requests filed in the app. */
    filedByStaffId: ref('filed_by_staff_id'),
    assigneeStaffId: ref('assignee_staff_id'),
    formData: json('form_data').$type<Record<string, unknown>>(),
    formCipher: text('form_cipher'),
    /** 优待证: where the card is in the issuing chain (cardStages), from the station's acceptance to pickup. */
    stage: varchar('stage', { length: 32 }),
    /** The station's name when the card is ready there (older requests: the place staff typed). */
    pickupPlace: varchar('pickup_place', { length: 200 }),
    /** The station that hands the card out (its address and opening hours are shown to the applicant). */
    pickupUnitId: ref('pickup_unit_id'),
    resolutionNote: text('resolution_note'),
    draftExpiresAt: instant('draft_expires_at'),
    draftReminderSentAt: instant('draft_reminder_sent_at'),
    submittedAt: instant('submitted_at'),
    dueDate: date('due_date', { mode: 'string' }),
    completedAt: instant('completed_at'),
    /**
     * Working days from submission to completion (Beijing dates, the submission day not counted), fixed when the
     * request completes: the handling time statistics report, counted with the calendar of that moment.
     */
    handlingWorkingDays: smallint('handling_working_days', { unsigned: true }),
    /** The Beijing month of submission as yyyymm (202510): the statistics group by it in index order. */
    submittedMonth: int('submitted_month').generatedAlwaysAs(
      sql`EXTRACT(YEAR_MONTH FROM \`submitted_at\` + INTERVAL 8 HOUR)`,
      { mode: 'stored' },
    ),
    dueSoonNotifiedAt: instant('due_soon_notified_at'),
    ...timestamps,
  },
  (table) => [
    index('service_requests_unit_queue_idx').on(table.unitId, table.status, table.dueDate),
    index('service_requests_status_due_idx').on(table.status, table.dueDate),
    index('service_requests_applicant_idx').on(table.applicantUserId, table.createdAt),
    index('service_requests_subject_idx').on(table.subjectUserId, table.createdAt),
    index('service_requests_assignee_idx').on(table.assigneeStaffId, table.status),
    index('service_requests_submitted_idx').on(table.submittedAt),
    index('service_requests_draft_expiry_idx').on(table.status, table.draftExpiresAt),
    // Statistics (modules/stats): requests of a unit subtree submitted in a period. Both cover the columns their
    // query reads, so neither touches the table rows. The counts read through the month-first one, whose order
    // is their grouping: MariaDB then counts while it scans, without a temporary table (~4× faster for a year).
    index('service_requests_counts_idx').on(
      table.unitId,
      table.submittedMonth,
      table.serviceCode,
      table.status,
      table.submittedAt,
      table.channel,
    ),
    // The handling times read completed requests only: status first, so the scan skips the other ~45 %.
    index('service_requests_stats_idx').on(
      table.status,
      table.unitId,
      table.submittedAt,
      table.serviceCode,
      table.handlingWorkingDays,
      table.completedAt,
      table.dueDate,
    ),
  ],
);

/** The timeline: every change of every request — who, when, from, to, comment. */
export const requestEvents = mysqlTable(
  'request_events',
  {
    id: id(),
    requestId: ref('request_id').notNull(),
    actorType: mysqlEnum('actor_type', ['citizen', 'staff', 'system']).notNull(),
    actorId: ref('actor_id'),
    action: varchar('action', { length: 32 }).notNull(),
    fromStatus: mysqlEnum('from_status', requestStatuses),
    toStatus: mysqlEnum('to_status', requestStatuses),
    comment: text('comment'),
    /** A 补正 request's named form fields or materials (serviceForms names); null on other entries. */
    fields: json('fields').$type<string[]>(),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [index('request_events_request_idx').on(table.requestId, table.createdAt)],
);

/**
 * The conversation: public replies and staff-only internal notes. On requests whose form is stored encrypted
 * the thread is too (`body_cipher`, `body` null); the others keep `body` in plain.
 */
export const requestMessages = mysqlTable(
  'request_messages',
  {
    id: id(),
    requestId: ref('request_id').notNull(),
    authorType: mysqlEnum('author_type', ['citizen', 'staff']).notNull(),
    authorId: ref('author_id').notNull(),
    visibility: mysqlEnum('visibility', ['public', 'internal']).notNull(),
    body: text('body'),
    bodyCipher: text('body_cipher'),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [index('request_messages_request_idx').on(table.requestId, table.createdAt)],
);

export const cannedReplies = mysqlTable(
  'canned_replies',
  {
    id: id(),
    unitId: ref('unit_id'),
    title: varchar('title', { length: 100 }).notNull(),
    body: text('body').notNull(),
    createdBy: ref('created_by').notNull(),
    ...timestamps,
  },
  (table) => [index('canned_replies_unit_idx').on(table.unitId)],
);

/**
 * Daily counters behind readable request numbers (WD20261126-0007), safe under concurrent submits: each day has
 * REQUEST_NUMBER_SHARDS rows (modules/requests/numbering.ts), so concurrent submits, above all on different
 * Galera nodes, rarely write the same row.
 */
export const requestNumberCounters = mysqlTable(
  'request_number_counters',
  {
    day: char('day', { length: 8 }).notNull(),
    shard: tinyint('shard', { unsigned: true }).notNull().default(0),
    lastValue: int('last_value').notNull(),
  },
  (table) => [primaryKey({ columns: [table.day, table.shard] })],
);

/**
 * A retried submit with the same Idempotency-Key returns the first result instead of acting twice.
 * `body_hash` (SHA-256 of the canonical JSON of the parsed body) lets a reuse with another body be refused;
 * null on rows stored before it existed, and on operations without a body, which replay without that check.
 */
export const idempotencyKeys = mysqlTable(
  'idempotency_keys',
  {
    userId: ref('user_id').notNull(),
    key: varchar('idempotency_key', { length: 128 }).notNull(),
    scope: varchar('scope', { length: 64 }).notNull(),
    requestId: ref('request_id').notNull(),
    bodyHash: char('body_hash', { length: 64 }),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] })],
);

/** 走访 records of hardship requests; findings are sensitive and stored encrypted. */
export const homeVisits = mysqlTable(
  'home_visits',
  {
    id: id(),
    requestId: ref('request_id').notNull(),
    staffId: ref('staff_id').notNull(),
    visitDate: date('visit_date', { mode: 'string' }).notNull(),
    findingsCipher: text('findings_cipher').notNull(),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [index('home_visits_request_idx').on(table.requestId)],
);

/** 约访: a meeting scheduled with the applicant of an appeal. */
export const appealMeetings = mysqlTable(
  'appeal_meetings',
  {
    id: id(),
    requestId: ref('request_id').notNull(),
    scheduledAt: instant('scheduled_at').notNull(),
    place: varchar('place', { length: 200 }).notNull(),
    note: text('note'),
    createdBy: ref('created_by').notNull(),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [index('appeal_meetings_request_idx').on(table.requestId)],
);

/** 好差评: one per completed request. */
export const ratings = mysqlTable(
  'ratings',
  {
    id: id(),
    requestId: ref('request_id').notNull(),
    userId: ref('user_id').notNull(),
    level: tinyint('level').notNull(),
    comment: varchar('comment', { length: 500 }),
    // The rated request's unit and submission time, copied at rating (a completed request keeps both for good), so
    // statistics read a period's ratings through their own index instead of one request lookup per rating.
    unitId: ref('unit_id'),
    requestSubmittedAt: instant('request_submitted_at').notNull(),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [
    uniqueIndex('ratings_request_unique').on(table.requestId),
    index('ratings_created_idx').on(table.createdAt),
    index('ratings_stats_idx').on(table.unitId, table.requestSubmittedAt, table.level),
  ],
);

/** 回访整改: opened by a bad rating, closed by a supervisor of the unit with a note. */
export const ratingFollowUps = mysqlTable(
  'rating_follow_ups',
  {
    id: id(),
    ratingId: ref('rating_id').notNull(),
    requestId: ref('request_id').notNull(),
    unitId: ref('unit_id').notNull(),
    status: mysqlEnum('status', ['open', 'closed']).notNull().default('open'),
    closedBy: ref('closed_by'),
    closedAt: instant('closed_at'),
    note: text('note'),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('rating_follow_ups_rating_unique').on(table.ratingId),
    index('rating_follow_ups_unit_status_idx').on(table.unitId, table.status),
  ],
);

/** Files uploaded through `POST /uploads`; linked to a request once the form that names them is saved. */
export const uploads = mysqlTable(
  'uploads',
  {
    id: id(),
    publicId: varchar('public_id', { length: 64 }).notNull().unique(),
    uploaderType: mysqlEnum('uploader_type', ['citizen', 'staff']).notNull(),
    uploaderId: ref('uploader_id').notNull(),
    requestId: ref('request_id'),
    /** A proof (退伍证 photo and the like) attached to an identity dispute instead of a request. */
    disputeId: ref('dispute_id'),
    /**
     * A proof (退伍证 / 优待证 photo) the citizen attached to their own identity claim for the 实名核验 queue, when
     * the roster and phone did not verify them at once.
     */
    identityUserId: ref('identity_user_id'),
    storageKey: varchar('storage_key', { length: 255 }).notNull(),
    fileName: varchar('file_name', { length: 255 }).notNull(),
    mimeType: varchar('mime_type', { length: 64 }).notNull(),
    sizeBytes: int('size_bytes').notNull(),
    /** Pixel size of an image, read from its header on upload (the 优待证 photo rules need it). */
    imageWidth: int('image_width'),
    imageHeight: int('image_height'),
    sha256: char('sha256', { length: 64 }).notNull(),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [
    index('uploads_request_idx').on(table.requestId),
    index('uploads_identity_idx').on(table.identityUserId),
    index('uploads_uploader_idx').on(table.uploaderType, table.uploaderId),
  ],
);
