import {
  type CounterFileBody,
  type CounterReceipt,
  counterFilingComment,
  maskName,
  requestChannelLabels,
  SENSITIVE_INFO_NOTICE_VERSION,
} from '@veterans/shared';
import { eq, inArray } from 'drizzle-orm';
import { orgUnits, serviceRequests, staffAccounts, users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { AppError } from '../../lib/app-error';
import { beijingDate } from '../calendar/working-days';
import { hasIdentity } from '../me/citizen';
import { loadConsentState } from '../me/consents';
import { inScope } from '../org-units/scope';
import { answeredSensitiveFields, promisedDaysOf, serviceNameOf } from '../requests/form-data';
import { createRequest, type Outcome, type RequestDeps } from '../requests/service';
import { type CounterStaff, personForCounter, recordCounterConsent, recordPrivacyConsentIfMissing } from './people';
import { receiptContact } from './rules';

export interface FilingStaff extends CounterStaff {
  displayName: string;
}

/**
 * 窗口代办: the clerk files and submits a request for the person, through the same service as the app (same
 * form schema, routing, due date, numbering, idempotency). The person is the applicant; the timeline names the
 * clerk 「窗口代办（经办人 …）」 and the request keeps its channel. The consents the filing needs (the privacy
 * policy, and for forms with sensitive data the sensitive-information notice) are recorded first, with how the
 * person gave them and who recorded it.
 */
export async function fileForPerson(
  deps: RequestDeps,
  staff: FilingStaff,
  body: CounterFileBody,
  idempotencyKey: string | undefined,
  now = new Date(),
): Promise<Outcome> {
  const person = await personForCounter(deps.db, staff, body.userId);
  await recordPrivacyConsentIfMissing(deps.db, staff.id, person.id, body.consentMethod);
  const consents = await loadConsentState(deps.db, person.id);
  if (!consents.sensitiveInfo && answeredSensitiveFields(body.serviceCode, body.formData).length > 0) {
    await recordCounterConsent(
      deps.db,
      staff.id,
      person.id,
      'sensitive-info',
      SENSITIVE_INFO_NOTICE_VERSION,
      body.consentMethod,
    );
  }
  return createRequest(
    deps,
    { id: person.id, hasIdentity: hasIdentity(person) },
    { serviceCode: body.serviceCode, formData: body.formData, submit: true },
    idempotencyKey,
    now,
    { staffId: staff.id, channel: body.channel, comment: counterFilingComment(body.channel, staff.displayName) },
  );
}

/** Ways to follow a request, printed on the receipt for someone who may never open the app. */
function howToFollow(number: string, contact: { name: string; phone: string | null } | null): string[] {
  return [
    `请妥善保管本回执，凭办件编号 ${number} 查询办理进度。`,
    contact?.phone
      ? `电话查询：${contact.phone}（${contact.name}，工作日办公时间）。`
      : '电话查询：请致电受理单位（工作日办公时间）。',
    '手机查询：在微信中搜索“退役军人服务通”小程序，或在手机浏览器中打开本服务网页，用在窗口登记的手机号登录，核对姓名和身份证号码后，即可在“我的办件”中查看进度，办结后可以评价。',
  ];
}

/**
 * The 受理回执 of a submitted request: for the clerk who filed it, or staff of the unit it was routed to (and the
 * units above). Anyone else hears REQUEST_NOT_FOUND.
 */
export async function counterReceipt(
  deps: RequestDeps,
  staff: Pick<FilingStaff, 'id' | 'unitPath'>,
  requestId: number,
): Promise<CounterReceipt> {
  const [row] = await deps.db
    .select({
      request: serviceRequests,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
      unitAddress: orgUnits.address,
      unitPhone: orgUnits.phone,
      staffName: staffAccounts.displayName,
      applicantNameCipher: users.nameCipher,
    })
    .from(serviceRequests)
    .innerJoin(orgUnits, eq(orgUnits.id, serviceRequests.unitId))
    .innerJoin(users, eq(users.id, serviceRequests.applicantUserId))
    .leftJoin(staffAccounts, eq(staffAccounts.id, serviceRequests.filedByStaffId))
    .where(eq(serviceRequests.id, requestId));
  const request = row?.request;
  if (!row || !request || request.status === 'draft' || !request.number || !request.submittedAt || !request.dueDate) {
    throw new AppError('REQUEST_NOT_FOUND');
  }
  if (request.filedByStaffId !== staff.id && !inScope(staff, row.unitPath)) throw new AppError('REQUEST_NOT_FOUND');
  // The handling unit and the units above it (paths are the chains of codes, so the ancestors are its prefixes).
  const segments = row.unitPath.split('/').filter(Boolean);
  const linePaths = segments.map((_, index) => `/${segments.slice(0, index + 1).join('/')}/`);
  const line = await deps.db
    .select({ name: orgUnits.name, path: orgUnits.path, address: orgUnits.address, phone: orgUnits.phone })
    .from(orgUnits)
    .where(inArray(orgUnits.path, linePaths));
  const contact = receiptContact(row.unitPath, line);
  const applicantName = row.applicantNameCipher
    ? maskName(deps.cipher.decrypt(row.applicantNameCipher, sealedIn(users.nameCipher, request.applicantUserId)))
    : '';
  return {
    requestId: request.id,
    number: request.number,
    serviceName: serviceNameOf(request.serviceCode),
    channel: request.channel,
    channelLabel: requestChannelLabels[request.channel],
    applicantName,
    submittedOn: beijingDate(request.submittedAt),
    promisedWorkingDays: promisedDaysOf(request.serviceCode),
    dueDate: request.dueDate,
    staffName: row.staffName ?? '工作人员',
    unit: { name: row.unitName, address: row.unitAddress, phone: row.unitPhone },
    contact: contact && { name: contact.name, address: contact.address, phone: contact.phone },
    howToFollow: howToFollow(request.number, contact),
  };
}
