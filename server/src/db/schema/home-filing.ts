import { homeFilingReasons, homeFilingStatuses, serviceCodes } from '@veterans/shared';
import { date, index, mysqlEnum, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, ref, timestamps } from './columns';

/**
 * 入户办理申请: a person who cannot come to the station (80 or older, seriously ill, bedridden …), or their linked
 * family, asks for staff to come and file a service at home. Address, phone, the reason's note and the visit's
 * findings are field ciphertexts sealed to the row.
 */
export const homeFilingRequests = mysqlTable(
  'home_filing_requests',
  {
    id: id(),
    /** The person to visit (the request is filed for them). */
    personUserId: ref('person_user_id').notNull(),
    /** Who asked: the person, or a family member actively linked to them. */
    requestedByUserId: ref('requested_by_user_id').notNull(),
    /** The station whose staff visit: the person's community (else the district centre). */
    unitId: ref('unit_id').notNull(),
    serviceCode: mysqlEnum('service_code', serviceCodes).notNull(),
    reason: mysqlEnum('reason', homeFilingReasons).notNull(),
    reasonNoteCipher: text('reason_note_cipher'),
    addressCipher: text('address_cipher').notNull(),
    contactPhoneCipher: text('contact_phone_cipher'),
    status: mysqlEnum('status', homeFilingStatuses).notNull().default('requested'),
    visitDate: date('visit_date', { mode: 'string' }),
    scheduleNote: varchar('schedule_note', { length: 200 }),
    scheduledBy: ref('scheduled_by'),
    visitedAt: instant('visited_at'),
    visitedBy: ref('visited_by'),
    findingsCipher: text('findings_cipher'),
    /** The request filed at the visit through the counter-filing path (channel home). */
    filedRequestId: ref('filed_request_id'),
    ...timestamps,
  },
  (table) => [
    index('home_filing_unit_status_idx').on(table.unitId, table.status),
    index('home_filing_person_idx').on(table.personUserId),
    index('home_filing_requested_by_idx').on(table.requestedByUserId),
  ],
);
