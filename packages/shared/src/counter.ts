import { z } from 'zod';
import { phoneSchema } from './auth';
import { idNumberSchema } from './id-number';
import { personNameSchema, veteranStatusSchema } from './identity';
import {
  bookingDescriptionSchema,
  legalSlotRefSchema,
  legalTopicSchema,
  staffLegalBookingChannelSchema,
} from './legal';
import { type CounterChannel, counterChannelSchema, requestChannelSchema, staffFilingNames } from './request-relation';
import { formDataSchema } from './requests';
import { serviceCodeSchema } from './services';

/**
 * 窗口代办: staff of a service centre or station file a request for a veteran who comes in or phones. The API of
 * `/staff/counter/*` and of the citizen's later claim (`POST /me/counter-claim`), shared by server and app.
 */

const id = z.number().int().positive();

/** How a consent was given: in the app, or recorded by staff (said in person, or a signed paper form). */
export const consentMethods = ['online', 'in-person', 'paper-form'] as const;
export type ConsentMethod = (typeof consentMethods)[number];
export const counterConsentMethods = ['in-person', 'paper-form'] as const;
export const counterConsentMethodSchema = z.enum(counterConsentMethods, {
  error: '请记录本人同意的方式（当面口头同意或签署纸质同意书）',
});
export type CounterConsentMethod = z.infer<typeof counterConsentMethodSchema>;
export const consentMethodLabels: Record<ConsentMethod, string> = {
  online: '线上勾选同意',
  'in-person': '本人当面同意（工作人员记录）',
  'paper-form': '签署纸质同意书',
};

/** The timeline comment of a request filed by staff: who handled it. */
export function counterFilingComment(channel: CounterChannel, staffName: string): string {
  return `${staffFilingNames[channel]}（经办人 ${staffName}）`;
}

export const counterLookupBodySchema = z.strictObject({ idNumber: idNumberSchema });
export type CounterLookupBody = z.infer<typeof counterLookupBodySchema>;

/** A person as the counter sees them: masked, with what the clerk needs to know before filing. */
export const counterPersonSchema = z
  .object({
    userId: id,
    name: z.string().describe('masked'),
    idNumber: z.string().describe('masked'),
    veteranStatus: veteranStatusSchema,
    communityUnitId: z.number().int().nullable(),
    communityName: z.string().nullable(),
    registeredAtCounter: z.boolean(),
    /** The person signs in to the app themselves (WeChat or phone). */
    hasAppAccount: z.boolean(),
    privacyConsent: z.boolean(),
  })
  .meta({ id: 'CounterPerson' });
export type CounterPerson = z.infer<typeof counterPersonSchema>;

export const counterLookupResultSchema = z.object({ person: counterPersonSchema.nullable() });

export const counterRegisterBodySchema = z.strictObject({
  name: personNameSchema,
  idNumber: idNumberSchema,
  communityUnitId: id,
  /** A phone the person gives; when they later prove it in the app, they can take over this record. */
  phone: z.union([phoneSchema, z.literal('')]).optional(),
  /** The clerk checked the 退伍证 (or other discharge document) in person: the 'in-person' evidence. */
  documentChecked: z.boolean(),
  consentMethod: counterConsentMethodSchema,
});
export type CounterRegisterBody = z.infer<typeof counterRegisterBodySchema>;

export const counterFileBodySchema = z.strictObject({
  userId: id,
  serviceCode: serviceCodeSchema,
  formData: formDataSchema,
  channel: counterChannelSchema,
  /** How the person agreed to the processing of this request's data (the sensitive-information consent too). */
  consentMethod: counterConsentMethodSchema,
});
export type CounterFileBody = z.infer<typeof counterFileBodySchema>;

export const counterFileResultSchema = z.object({ requestId: id, number: z.string() });

/**
 * A legal consultation booked by staff for a person at the counter or on the phone: any later slot open for
 * booking, under the same rules as the app (one upcoming booking, no-show block, cutoff, capacity).
 */
export const counterLegalBookingBodySchema = z.strictObject({
  userId: id,
  slotId: id,
  topic: legalTopicSchema,
  description: bookingDescriptionSchema,
  channel: staffLegalBookingChannelSchema,
  /** How the person agreed to the privacy policy, recorded when they have not agreed before. */
  consentMethod: counterConsentMethodSchema,
});
export type CounterLegalBookingBody = z.infer<typeof counterLegalBookingBodySchema>;

export const counterLegalBookingSchema = z
  .object({
    bookingId: id,
    personName: z.string().describe('masked'),
    slot: legalSlotRefSchema,
    staffNote: z.string(),
    cancelClosesAt: z.string().describe('取消截止时间；办事人可来电或在应用中取消'),
  })
  .meta({ id: 'CounterLegalBooking' });
export type CounterLegalBooking = z.infer<typeof counterLegalBookingSchema>;

/** 受理回执: what the printed receipt shows. */
export const counterReceiptSchema = z
  .object({
    requestId: id,
    number: z.string(),
    serviceName: z.string(),
    channel: requestChannelSchema,
    channelLabel: z.string(),
    applicantName: z.string().describe('masked'),
    submittedOn: z.string().describe('Beijing date YYYY-MM-DD'),
    promisedWorkingDays: z.number().int(),
    dueDate: z.string().describe('Beijing date YYYY-MM-DD'),
    staffName: z.string(),
    unit: z.object({ name: z.string(), address: z.string().nullable(), phone: z.string().nullable() }),
    /** Whom to contact: the handling unit, or the nearest unit above it with a phone (a station may have none). */
    contact: z.object({ name: z.string(), address: z.string().nullable(), phone: z.string().nullable() }).nullable(),
    howToFollow: z.array(z.string()),
  })
  .meta({ id: 'CounterReceipt' });
export type CounterReceipt = z.infer<typeof counterReceiptSchema>;

export const counterClaimBodySchema = z.strictObject({ name: personNameSchema, idNumber: idNumberSchema });
export type CounterClaimBody = z.infer<typeof counterClaimBodySchema>;
