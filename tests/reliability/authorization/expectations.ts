import { createHmac } from 'node:crypto';
import { beijingToday, PRIVACY_POLICY_VERSION } from '@veterans/shared';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import {
  cannedReplies,
  legalBookings,
  legalClosures,
  legalConsultationRecords,
  legalRuleChangeImpacts,
  legalScheduleRules,
  legalWaitlist,
  notifications,
  rosterImports,
} from '../../../server/src/db/schema/index';
import { writeSealed } from '../../../server/src/db/sealed-columns';
import { loadPrincipal } from '../../../server/src/modules/auth/principal';
import { issueSession } from '../../../server/src/modules/auth/sessions';
import {
  call,
  grantSensitiveConsent,
  linkFamily,
  requestIn,
  type TestCitizen,
  verifiedCitizen,
} from '../../../server/src/modules/requests/test-support';
import { fileDispute } from '../../../server/src/modules/veterans/disputes';
import { insertRosterRow } from '../../../server/src/modules/veterans/test-support';
import type { FakeWechat } from '../../../server/src/testing/fake-wechat';
import {
  createCitizen,
  createStaff,
  type StaffFixture,
  testIdNumber,
  unitIdByCode,
} from '../../../server/src/testing/fixtures';
import { ID_PHOTO_JPEG } from '../../../server/src/testing/id-photo';
import type { App } from '../support/fixture-app';

/**
 * Who may do what, as data: one row per route of the OpenAPI document, one expected answer per caller.
 *
 *   ok       2xx, or a business refusal that shows access was granted (400 validation of a state, 409, 410, 422,
 *            and 401/403 codes that are not about the caller: INVALID_CREDENTIALS, IDENTITY_REQUIRED, …)
 *   401      not signed in (UNAUTHORIZED, INVALID_TOKEN)
 *   403      signed in, but this kind of caller may not use the route (FORBIDDEN, OUT_OF_SCOPE)
 *   404      the object is not the caller's to see (hidden, not merely forbidden)
 *   denied   403 or 404: either way the caller learns nothing it may not know
 *
 * Objects belong to the owner veteran (community xidajie-wenhua, under the xidajie street): "staff in scope" works at
 * xidajie, "staff of another street" at dongdajie; the lawyer and the admin belong to the district centre.
 */

const BASE_ROLES = [
  'anonymous',
  'veteran',
  'otherVeteran',
  'unlinkedFamily',
  'linkedFamily',
  'staffOtherStreet',
  'staffInScope',
  'lawyer',
  'admin',
] as const;
/**
 * Callers whose token is still correctly signed but no longer stands for what it did (the trust layer reads
 * the caller fresh from the database at every request): staff in scope disabled or moved to another street
 * after sign-in, an admin of a street station, the owner after signing out, and a token without an expiry.
 */
const FRESHNESS_ROLES = ['disabledStaff', 'movedStaff', 'streetAdmin', 'loggedOut', 'noExpiry'] as const;
export const ROLES = [...BASE_ROLES, ...FRESHNESS_ROLES] as const;
export type Role = (typeof ROLES)[number];
type BaseRole = (typeof BASE_ROLES)[number];
export type Expected = 'ok' | 401 | 403 | 404 | 'denied';
type Outcome = 'ok' | 401 | 403 | 404 | 'error';

const CITIZENS = ['veteran', 'otherVeteran', 'unlinkedFamily', 'linkedFamily'] as const;
const STAFF_SIDE = ['staffOtherStreet', 'staffInScope', 'lawyer', 'admin'] as const;

const NOT_SIGNED_IN = new Set(['UNAUTHORIZED', 'INVALID_TOKEN', 'TOKEN_EXPIRED']);
const NOT_ALLOWED = new Set(['FORBIDDEN', 'OUT_OF_SCOPE', 'ACCOUNT_DISABLED']);

/** What an answer says about access (see above). */
export function classify(status: number, body: string): Outcome {
  if (status >= 500) return 'error';
  if (status < 400) return 'ok';
  let code = '';
  try {
    code = String((JSON.parse(body) as { error?: { code?: unknown } }).error?.code ?? '');
  } catch {
    // not JSON
  }
  if (status === 401) return NOT_SIGNED_IN.has(code) ? 401 : 'ok';
  if (status === 403) return NOT_ALLOWED.has(code) ? 403 : 'ok';
  if (status === 404) return 404;
  return 'ok';
}

export interface Caller {
  id?: number;
  token?: string;
  username?: string;
  password?: string;
  /** For a fresh linked family member: the id of its link to the owner. */
  linkId?: number;
}

export interface Input {
  params?: Record<string, string | number>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Row {
  /** Every base caller's answer; the freshness callers' answers follow from them (see `expectedFor`) unless given. */
  expect: Record<BaseRole, Expected> & Partial<Record<Role, Expected>>;
  /** Path parameters and body for one call by `role` (objects made fresh where the call may change them). */
  prepare?: (world: World, role: Role, caller: Caller) => Promise<Input>;
  /** Callers of these roles are fresh people of the same kind (the call acts on the caller's own account). */
  freshCaller?: readonly Role[];
}

/**
 * The answer a row expects of a caller. A public route (the anonymous may use it) answers everyone as it answers
 * the anonymous; otherwise a disabled account gets 403, a signed-out session or a token without expiry 401,
 * staff moved to another street what that street's staff get, and a street admin what the district admin gets
 * unless the row says otherwise.
 */
export function expectedFor(row: Row, role: Role): Expected {
  const own = row.expect[role];
  if (own !== undefined) return own;
  const isPublic = row.expect.anonymous !== 401;
  switch (role as (typeof FRESHNESS_ROLES)[number]) {
    case 'disabledStaff':
      return isPublic ? row.expect.anonymous : 403;
    case 'loggedOut':
    case 'noExpiry':
      return isPublic ? row.expect.anonymous : 401;
    case 'movedStaff':
      return row.expect.staffOtherStreet;
    case 'streetAdmin':
      return row.expect.admin;
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Policies                                                                                                     */

function policy(
  base: Expected,
  overrides: Partial<Record<Role, Expected>>,
): Record<BaseRole, Expected> & Partial<Record<Role, Expected>> {
  return {
    ...(Object.fromEntries(BASE_ROLES.map((role) => [role, overrides[role] ?? base])) as Record<BaseRole, Expected>),
    ...overrides,
  };
}
const each = (roles: readonly Role[], value: Expected) => Object.fromEntries(roles.map((role) => [role, value]));

/** Anyone, signed in or not. */
/** A 入户办理 request of the owner (community xidajie-wenhua), asked by the owner. */
async function ownersHomeFiling(w: World): Promise<number> {
  const response = await call(w.app, 'POST', '/me/home-filing', w.owner.token, {
    serviceCode: 'policy-question',
    reason: 'bedridden',
    address: '文化路 1 号',
  });
  return (response.json() as { id: number }).id;
}

const publicRoute = policy('ok', {});
/** Any signed-in person (citizens and staff both have an inbox, uploads, …). */
const signedIn = policy('ok', { anonymous: 401 });
/** A citizen acting on their own account; staff tokens are refused. */
const citizenSelf = policy('ok', { anonymous: 401, ...each(STAFF_SIDE, 403) });
/** A citizen route on the owner's object: the owner sees it, strangers do not, staff use their own routes. */
const citizenObject = (linkedFamily: Expected) =>
  policy(403, { anonymous: 401, veteran: 'ok', otherVeteran: 404, unlinkedFamily: 404, linkedFamily });
/** Shared by both sides (the request thread, attachments, ratings): the owner's people and in-scope staff. */
const sharedObject = (linkedFamily: Expected) =>
  policy('ok', {
    anonymous: 401,
    otherVeteran: 404,
    unlinkedFamily: 404,
    linkedFamily,
    staffOtherStreet: 404,
    lawyer: 'denied',
  });
/** Staff work lists: staff and admins see their unit's part; lawyers do not work requests. */
const caseworkList = policy(403, { anonymous: 401, staffOtherStreet: 'ok', staffInScope: 'ok', admin: 'ok' });
/** Staff work on the owner's object: in scope yes, another street does not see it. */
const caseworkObject = policy(403, { anonymous: 401, staffOtherStreet: 'denied', staffInScope: 'ok', admin: 'ok' });
/** Staff and admins whatever their unit (content, statistics of their own unit). */
const staffMember = policy(403, { anonymous: 401, staffOtherStreet: 'ok', staffInScope: 'ok', admin: 'ok' });
/** Admins, each within their subtree (the street admin too). */
const adminOnly = policy(403, { anonymous: 401, admin: 'ok' });
/** Settings that are one for the whole district: its admin only. */
const districtAdminOnly = policy(403, { anonymous: 401, admin: 'ok', streetAdmin: 403 });
/** Legal consultation at the district centre: centre staff and admins (street staff and admins 403). */
const centreStaff = policy(403, { anonymous: 401, admin: 'ok', streetAdmin: 403 });
const dayReaders = policy(403, { anonymous: 401, admin: 'ok', lawyer: 'ok', streetAdmin: 403 });
const lawyerOnly = policy(403, { anonymous: 401, lawyer: 'ok' });

/** A correctly signed HS256 JWT of exactly these claims (the app's signer always adds an expiry). */
function signHs256(claims: Record<string, unknown>, secret: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The world: people and objects                                                                                */

export interface World {
  app: App;
  wechat: FakeWechat;
  owner: TestCitizen & { idNumber: string };
  callers: Record<Role, Caller>;
  freshCaller(role: Role): Promise<Caller>;
  /** A new request of the owner, driven into `status`. */
  request(status?: Parameters<typeof requestIn>[1], service?: Parameters<typeof requestIn>[4]): Promise<number>;
  attachedUpload(): Promise<string>;
  pendingLink(): Promise<number>;
  activeLink(): Promise<number>;
  notification(): Promise<number>;
  booking(): Promise<number>;
  waitlistEntry(): Promise<number>;
  consultationRecord(): Promise<number>;
  impact(): Promise<number>;
  followUp(): Promise<number>;
  cannedReply(): Promise<number>;
  article(): Promise<number>;
  /** A staff-uploaded image shown in a published article (public). */
  articleImage(): Promise<string>;
  staffAccount(): Promise<number>;
  pendingVeteran(): Promise<number>;
  /** A waiting veteran whose ID number is in the roster (under another phone than the account's). */
  pendingVeteranInRoster(): Promise<number>;
  /** The body of a claim on an ID number another account holds, with a proof uploaded by `caller`. */
  disputeClaim(caller: Caller): Promise<Input>;
  /** The body attaching a photo uploaded by `caller` as the proof of their identity claim. */
  identityProof(caller: Caller): Promise<Input>;
  /** An open identity dispute reviewed by the in-scope station. */
  openDispute(): Promise<number>;
  rule(): Promise<number>;
  closure(): Promise<number>;
  rosterImport(): Promise<number>;
  futureSlot(): Promise<number>;
  unit(code: string): Promise<number>;
  sequence(): number;
}

const STAFF_UNIT: Record<(typeof STAFF_SIDE)[number], { role: 'staff' | 'lawyer' | 'admin'; unitCode: string }> = {
  staffOtherStreet: { role: 'staff', unitCode: 'dongdajie' },
  staffInScope: { role: 'staff', unitCode: 'xidajie' },
  lawyer: { role: 'lawyer', unitCode: 'weidu' },
  admin: { role: 'admin', unitCode: 'weidu' },
};

export async function world(app: App, wechat: FakeWechat): Promise<World> {
  let counter = 0;
  const sequence = () => ++counter;
  // The owner, with an identity the tests know (family members apply for a link with the name and ID number).
  const pool = (app.db as unknown as { $client: Pool }).$client;
  const ownerIdentity = { name: '王建军', idNumber: testIdNumber(1, '19700505') };
  const ownerFixture = await createCitizen(app, {
    identity: ownerIdentity,
    communityCode: 'xidajie-wenhua',
    veteranStatus: 'verified',
  });
  await pool.query('UPDATE users SET name_hash = ? WHERE id = ?', [
    app.cipher.hash(ownerIdentity.name),
    ownerFixture.id,
  ]);
  const owner: TestCitizen & { idNumber: string } = { ...ownerFixture, ...ownerIdentity };
  await grantSensitiveConsent(app, owner.id);
  const worker = await createStaff(app, { role: 'staff', unitCode: 'weidu', isSupervisor: true });
  const colleague = await createStaff(app, { role: 'staff', unitCode: 'xidajie' });

  async function staffCaller(role: (typeof STAFF_SIDE)[number]): Promise<Caller> {
    const fixture: StaffFixture = await createStaff(app, {
      ...STAFF_UNIT[role],
      isSupervisor: role === 'staffInScope',
    });
    return { id: fixture.id, token: fixture.token, username: fixture.username, password: fixture.password };
  }

  async function citizenCaller(role: (typeof CITIZENS)[number]): Promise<Caller> {
    switch (role) {
      case 'veteran':
        return owner;
      case 'otherVeteran':
        return verifiedCitizen(app, { communityCode: 'xidajie-wenhua' });
      case 'unlinkedFamily':
        return verifiedCitizen(app, { kind: 'family' });
      case 'linkedFamily': {
        const family = await verifiedCitizen(app, { kind: 'family' });
        const linkId = await linkFamily(app, family.id, owner.id, 'active');
        return { ...family, linkId };
      }
    }
  }

  /** Tokens that were good when issued; the database has changed since (see FRESHNESS_ROLES). */
  async function freshnessCaller(role: (typeof FRESHNESS_ROLES)[number]): Promise<Caller> {
    switch (role) {
      case 'disabledStaff': {
        const staff = await createStaff(app, { role: 'staff', unitCode: 'xidajie', isSupervisor: true });
        await pool.query('UPDATE staff_accounts SET active = 0 WHERE id = ?', [staff.id]);
        return { id: staff.id, token: staff.token };
      }
      case 'movedStaff': {
        const staff = await createStaff(app, { role: 'staff', unitCode: 'xidajie', isSupervisor: true });
        await pool.query('UPDATE staff_accounts SET unit_id = ? WHERE id = ?', [
          await unitIdByCode(app, 'dongdajie'),
          staff.id,
        ]);
        return { id: staff.id, token: staff.token };
      }
      case 'streetAdmin': {
        const admin = await createStaff(app, { role: 'admin', unitCode: 'xidajie' });
        return { id: admin.id, token: admin.token, username: admin.username, password: admin.password };
      }
      case 'loggedOut': {
        const principal = await loadPrincipal(app, 'citizen', owner.id);
        if (!principal) throw new Error('owner missing');
        const session = await issueSession(app, principal);
        const logout = await call(app, 'POST', '/auth/logout', undefined, { refreshToken: session.refreshToken });
        if (logout.statusCode !== 204) throw new Error(`logout failed: ${logout.body}`);
        return { id: owner.id, token: session.accessToken };
      }
      case 'noExpiry': {
        const principal = await loadPrincipal(app, 'citizen', owner.id);
        if (!principal) throw new Error('owner missing');
        const session = await issueSession(app, principal);
        const claims = app.jwt.decode<Record<string, unknown>>(session.accessToken) ?? {};
        const { exp: _exp, ...withoutExpiry } = claims;
        return { id: owner.id, token: signHs256(withoutExpiry, app.config.JWT_SECRET) };
      }
    }
  }

  const callers = { anonymous: {} } as Record<Role, Caller>;
  for (const role of CITIZENS) callers[role] = await citizenCaller(role);
  for (const role of STAFF_SIDE) callers[role] = await staffCaller(role);
  for (const role of FRESHNESS_ROLES) callers[role] = await freshnessCaller(role);

  // Plain SQL for look-ups (the tests package does not depend on drizzle-orm; inserts go through app.db).
  const firstValue = async <T>(sqlText: string, values: unknown[]): Promise<T> => {
    const [rows] = await pool.query<RowDataPacket[]>(sqlText, values);
    const row = rows[0];
    if (!row) throw new Error(`fixture row missing: ${sqlText}`);
    return Object.values(row)[0] as T;
  };

  const w: World = {
    app,
    wechat,
    owner,
    callers,
    sequence,
    async freshCaller(role) {
      if (role === 'anonymous') return {};
      if (role === 'veteran') return verifiedCitizen(app, { communityCode: 'xidajie-wenhua' });
      if ((CITIZENS as readonly Role[]).includes(role)) return citizenCaller(role as (typeof CITIZENS)[number]);
      if ((FRESHNESS_ROLES as readonly Role[]).includes(role)) {
        return freshnessCaller(role as (typeof FRESHNESS_ROLES)[number]);
      }
      return staffCaller(role as (typeof STAFF_SIDE)[number]);
    },
    request: (status = 'submitted', service = 'policy-question') =>
      requestIn(app, status, owner, worker.token, service),
    /** A real upload of the owner (through POST /uploads), attached to a submitted 优待证 request. */
    async attachedUpload() {
      const upload = async (file = multipartFile('scan.png', PNG, 'image/png')) => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/uploads',
          headers: { authorization: `Bearer ${owner.token}`, ...file.headers },
          payload: file.body as Buffer,
        });
        if (response.statusCode !== 201) throw new Error(`upload failed: ${response.body}`);
        return (response.json() as { id: string }).id;
      };
      const idPhoto = await upload(multipartFile('证件照.jpg', ID_PHOTO_JPEG, 'image/jpeg'));
      const created = await call(app, 'POST', '/requests', owner.token, {
        serviceCode: 'preferential-card',
        formData: {
          enlistmentDate: '2000-12-01',
          dischargeDate: '2005-12-01',
          branch: '陆军',
          dischargeType: '退伍',
          address: '许昌市魏都区文化路 1 号',
          bank: '中国工商银行',
          idPhoto: [idPhoto],
          dischargeCertificate: [await upload()],
        },
        submit: true,
      });
      if (created.statusCode !== 201) throw new Error(`request failed: ${created.body}`);
      return idPhoto;
    },
    async pendingLink() {
      const family = await verifiedCitizen(app, { kind: 'family' });
      return linkFamily(app, family.id, owner.id, 'pending');
    },
    async activeLink() {
      const family = await verifiedCitizen(app, { kind: 'family' });
      return linkFamily(app, family.id, owner.id, 'active');
    },
    async notification() {
      const [result] = await app.db.insert(notifications).values({
        recipientType: 'citizen',
        recipientId: owner.id,
        kind: 'request-status',
        title: '办件已受理',
        body: '您的办件已受理',
      });
      return result.insertId;
    },
    // A slot at least three days ahead (before every booking and cancel cut-off).
    futureSlot: () =>
      firstValue<number>('SELECT id FROM legal_slots WHERE starts_at > ? ORDER BY starts_at LIMIT 1', [
        new Date(Date.now() + 3 * 86_400_000),
      ]),
    async booking() {
      const slotId = await w.futureSlot();
      const [result] = await app.db.insert(legalBookings).values({
        slotId,
        userId: owner.id,
        subjectUserId: owner.id,
        topic: 'labour',
        description: '劳动合同纠纷咨询',
      });
      return result.insertId;
    },
    async waitlistEntry() {
      const slotId = await w.futureSlot();
      const [result] = await app.db.insert(legalWaitlist).values({
        slotId,
        userId: owner.id,
        subjectUserId: owner.id,
        topic: 'labour',
        description: '候补：劳动合同纠纷',
      });
      return result.insertId;
    },
    async consultationRecord() {
      const bookingId = await w.booking();
      const [result] = await app.db.insert(legalConsultationRecords).values({
        bookingId,
        lawyerStaffId: callers.lawyer.id as number,
        category: 'labour',
        summaryCipher: '',
        adviceCipher: '',
        legalAidAdvised: false,
        followUpAdvised: true,
      });
      await writeSealed(app.db, app.cipher, result.insertId, [
        [legalConsultationRecords.summaryCipher, '摘要'],
        [legalConsultationRecords.adviceCipher, '建议'],
      ]);
      return result.insertId;
    },
    async impact() {
      const bookingId = await w.booking();
      const [result] = await app.db.insert(legalRuleChangeImpacts).values({ bookingId, reason: '排班调整' });
      return result.insertId;
    },
    async followUp() {
      const requestId = await requestIn(app, 'completed', owner, worker.token);
      const rated = await call(app, 'POST', `/requests/${requestId}/rating`, owner.token, {
        level: 1,
        comment: '太慢',
      });
      if (rated.statusCode >= 300) throw new Error(`rating failed: ${rated.body}`);
      return firstValue<number>('SELECT id FROM rating_follow_ups WHERE request_id = ?', [requestId]);
    },
    async cannedReply() {
      const [result] = await app.db.insert(cannedReplies).values({
        unitId: colleague.unitId,
        title: '常用回复',
        body: '您好，已收到。',
        createdBy: colleague.id,
      });
      return result.insertId;
    },
    /** An article of the xidajie street station (staff of xidajie and the district edit it). */
    article: async () => {
      const response = await call(app, 'POST', '/staff/articles', colleague.token, {
        channel: 'notice',
        title: `通知 ${sequence()}`,
        body: '<p>正文</p>',
      });
      if (response.statusCode >= 300) throw new Error(`article failed: ${response.body}`);
      return (response.json() as { id: number }).id;
    },
    async articleImage() {
      const file = multipartFile('photo.png', PNG, 'image/png');
      const uploaded = await app.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { authorization: `Bearer ${worker.token}`, ...file.headers },
        payload: file.body as Buffer,
      });
      if (uploaded.statusCode !== 201) throw new Error(`image upload failed: ${uploaded.body}`);
      const imageId = (uploaded.json() as { id: string }).id;
      const created = await call(app, 'POST', '/staff/articles', worker.token, {
        channel: 'notice',
        title: `配图通知 ${sequence()}`,
        body: `<p>正文</p><p><img src="/api/v1/articles/images/${imageId}" alt="配图"></p>`,
      });
      if (created.statusCode >= 300) throw new Error(`article failed: ${created.body}`);
      const articleId = (created.json() as { id: number }).id;
      await call(app, 'POST', `/staff/articles/${articleId}/publish`, worker.token);
      return imageId;
    },
    async staffAccount() {
      return (await createStaff(app, { role: 'staff', unitCode: 'xidajie' })).id;
    },
    async disputeClaim(caller) {
      const n = 850 + sequence();
      const identity = { name: `申诉${String.fromCharCode(0x4e00 + n)}`, idNumber: testIdNumber(n, '19690909') };
      await createCitizen(app, { identity, communityCode: 'xidajie-wenhua', veteranStatus: 'verified' });
      if (!caller.token) return { body: { ...identity, proofUploadId: 'none' } };
      await call(app, 'POST', '/me/consents', caller.token, {
        kind: 'privacy-policy',
        version: PRIVACY_POLICY_VERSION,
        granted: true,
      });
      const file = multipartFile('proof.png', PNG, 'image/png');
      const uploaded = await app.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { authorization: `Bearer ${caller.token}`, ...file.headers },
        payload: file.body as Buffer,
      });
      const proofUploadId = uploaded.statusCode === 201 ? (uploaded.json() as { id: string }).id : 'none';
      return { body: { ...identity, proofUploadId } };
    },
    async identityProof(caller) {
      if (!caller.token) return { body: { uploadId: 'proof-of-nobody-000' } };
      const file = multipartFile('proof.png', PNG, 'image/png');
      const uploaded = await app.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { authorization: `Bearer ${caller.token}`, ...file.headers },
        payload: file.body as Buffer,
      });
      if (uploaded.statusCode !== 201) return { body: { uploadId: 'proof-of-nobody-000' } };
      return { body: { uploadId: (uploaded.json() as { id: string }).id } };
    },
    async openDispute() {
      const n = 900 + sequence();
      const identity = { name: `被诉${String.fromCharCode(0x4e00 + n)}`, idNumber: testIdNumber(n, '19690909') };
      await createCitizen(app, { identity, communityCode: 'xidajie-wenhua', veteranStatus: 'verified' });
      const claimant = await createCitizen(app);
      const file = multipartFile('proof.png', PNG, 'image/png');
      const uploaded = await app.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { authorization: `Bearer ${claimant.token}`, ...file.headers },
        payload: file.body as Buffer,
      });
      const proofUploadId = (uploaded.json() as { id: string }).id;
      return fileDispute(app.db, app.cipher, claimant.id, { ...identity, proofUploadId });
    },
    async pendingVeteranInRoster() {
      const n = 800 + sequence();
      const identity = { name: `名册${n}`, idNumber: testIdNumber(n, '19700101') };
      await insertRosterRow(app, { ...identity, communityCode: 'xidajie-wenhua' });
      return (await createCitizen(app, { identity, communityCode: 'xidajie-wenhua', veteranStatus: 'pending' })).id;
    },
    async pendingVeteran() {
      const n = 500 + sequence();
      return (
        await createCitizen(app, {
          identity: { name: `待核验${n}`, idNumber: testIdNumber(n, '19700101') },
          communityCode: 'xidajie-wenhua',
          veteranStatus: 'pending',
        })
      ).id;
    },
    async rule() {
      const [result] = await app.db.insert(legalScheduleRules).values({
        place: '区退役军人服务中心',
        weekdays: [4],
        startTime: '14:00',
        endTime: '16:00',
        slotMinutes: 30,
        capacity: 1,
        weeksAhead: 4,
        bookingCutoffDaysBefore: 1,
        bookingCutoffTime: '18:00',
        cancelCutoffDaysBefore: 1,
        cancelCutoffTime: '18:00',
        validFrom: '2099-01-01',
        active: true,
      });
      return result.insertId;
    },
    async closure() {
      const [result] = await app.db.insert(legalClosures).values({ day: '2099-03-03', reason: '测试停诊' });
      return result.insertId;
    },
    async rosterImport() {
      const [result] = await app.db.insert(rosterImports).values({
        fileName: 'roster.csv',
        importedBy: callers.admin.id as number,
        unitId: await unitIdByCode(app, 'weidu'),
        totalRows: 0,
        addedRows: 0,
        unchangedRows: 0,
        rejectedRows: 0,
        rejections: [],
      });
      return result.insertId;
    },
    unit: (code) => unitIdByCode(app, code),
  };
  return w;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Bodies                                                                                                       */

const policyQuestion = (extra: Record<string, unknown> = {}) => ({
  serviceCode: 'policy-question',
  formData: { topic: '优待抚恤', question: '权限矩阵：优待证在哪里使用？' },
  ...extra,
});

/** A smallest PNG in a multipart body (field "file"). */
function multipartFile(fileName: string, content: Buffer, type: string): Input {
  const boundary = '----matrix';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const scheduleRule = {
  place: '区退役军人服务中心',
  weekdays: [4],
  startTime: '14:00',
  endTime: '16:00',
  slotMinutes: 30,
  capacity: 1,
  weeksAhead: 4,
  bookingCutoffDaysBefore: 1,
  bookingCutoffTime: '18:00',
  cancelCutoffDaysBefore: 1,
  cancelCutoffTime: '18:00',
  validFrom: '2099-01-01',
};

async function refreshTokenOf(world: World): Promise<string> {
  const principal = await loadPrincipal(world.app, 'citizen', world.owner.id);
  if (!principal) throw new Error('no principal');
  return (await issueSession(world.app, principal)).refreshToken;
}

const id = (make: (world: World) => Promise<number | string>) => async (world: World) => ({
  params: { id: await make(world) },
});

/* ------------------------------------------------------------------------------------------------------------ */
/* The rows                                                                                                     */

export const expectations: Record<string, Row> = {
  // Probes, catalogue, content: public.
  'GET /healthz': { expect: publicRoute },
  'GET /readyz': { expect: publicRoute },
  'GET /api/v1/services': { expect: publicRoute },
  'GET /api/v1/services/{code}': { expect: publicRoute, prepare: async () => ({ params: { code: 'hardship-aid' } }) },
  'GET /api/v1/org-units': { expect: publicRoute },
  'GET /api/v1/card-banks': { expect: publicRoute },
  'GET /api/v1/privacy-policy': { expect: publicRoute },
  'GET /api/v1/articles': { expect: publicRoute },
  'GET /api/v1/articles/home': { expect: publicRoute },
  'GET /api/v1/articles/{id}': {
    expect: publicRoute,
    prepare: async (w) => {
      const articleId = await w.article();
      await call(w.app, 'POST', `/staff/articles/${articleId}/publish`, w.callers.admin.token);
      return { params: { id: articleId } };
    },
  },
  'GET /api/v1/articles/images/{id}': { expect: publicRoute, prepare: id((w) => w.articleImage()) },
  'GET /api/v1/legal/slots': { expect: publicRoute },

  // Sign-in: public; each call brings what it needs.
  'POST /api/v1/auth/wechat': {
    expect: publicRoute,
    prepare: async (w) => ({ body: { code: w.wechat.loginCode(`openid-matrix-${w.sequence()}`) } }),
  },
  'POST /api/v1/auth/refresh': {
    expect: publicRoute,
    prepare: async (w) => ({ body: { refreshToken: await refreshTokenOf(w) } }),
  },
  'POST /api/v1/auth/logout': {
    expect: publicRoute,
    prepare: async (w) => ({ body: { refreshToken: await refreshTokenOf(w) } }),
  },
  'POST /api/v1/auth/staff/login': {
    expect: publicRoute,
    prepare: async (w) => ({
      body: { username: w.callers.staffInScope.username, password: w.callers.staffInScope.password },
    }),
  },
  'POST /api/v1/auth/sms/send': {
    expect: publicRoute,
    prepare: async (w) => ({ body: { phone: `1390000${String(1000 + w.sequence()).slice(-4)}` } }),
  },
  'POST /api/v1/auth/sms/verify': {
    expect: publicRoute,
    prepare: async (w) => ({ body: { phone: `1390000${String(1000 + w.sequence()).slice(-4)}`, code: '000000' } }),
  },
  'POST /api/v1/auth/staff/password': {
    expect: policy('ok', { anonymous: 401, ...each(CITIZENS, 403) }),
    freshCaller: [...STAFF_SIDE, 'streetAdmin'],
    prepare: async (_w, _role, caller) => ({
      body: { currentPassword: caller.password ?? 'x', newPassword: 'Matrix-New-Passw0rd!' },
    }),
  },

  // My account.
  // 人脸核身 is off unless the bureau enables it (WECHAT_FACE_VERIFY): citizens hear 404, others as always.
  'POST /api/v1/me/face-verification': { expect: policy(404, { anonymous: 401, ...each(STAFF_SIDE, 403) }) },
  'POST /api/v1/me/face-verification/result': {
    expect: policy(404, { anonymous: 401, ...each(STAFF_SIDE, 403) }),
    prepare: async () => ({ body: { verifyId: 'verify-unknown' } }),
  },
  'POST /api/v1/me/phone': {
    expect: citizenSelf,
    prepare: async (w) => ({ body: { code: w.wechat.phoneCode(`1370000${String(1000 + w.sequence()).slice(-4)}`) } }),
  },
  'POST /api/v1/me/phone/sms-code': {
    expect: citizenSelf,
    prepare: async (w) => ({ body: { phone: `1380000${String(1000 + w.sequence()).slice(-4)}` } }),
  },
  'POST /api/v1/me/phone/sms': {
    expect: citizenSelf,
    prepare: async (w) => ({ body: { phone: `1380000${String(1000 + w.sequence()).slice(-4)}`, code: '000000' } }),
  },
  'GET /api/v1/me': { expect: citizenSelf },
  'PUT /api/v1/me': { expect: citizenSelf, prepare: async () => ({ body: { careMode: true } }) },
  'DELETE /api/v1/me': { expect: citizenSelf, freshCaller: CITIZENS },
  'PUT /api/v1/me/identity': {
    expect: citizenSelf,
    prepare: async (w) => ({
      body: { name: '张三', idNumber: testIdNumber(700 + w.sequence(), '19800101'), kind: 'family' },
    }),
  },
  'POST /api/v1/me/identity/proof': {
    // Callers without a waiting veteran claim are answered 409 or IDENTITY_REQUIRED: access granted.
    expect: citizenSelf,
    prepare: (w, _role, caller) => w.identityProof(caller),
  },
  'POST /api/v1/me/consents': {
    expect: citizenSelf,
    prepare: async () => ({ body: { kind: 'privacy-policy', version: PRIVACY_POLICY_VERSION, granted: true } }),
  },
  'GET /api/v1/me/export': { expect: citizenSelf },
  'GET /api/v1/me/card-eligibility': { expect: citizenSelf },
  'GET /api/v1/me/subscriptions': { expect: citizenSelf },
  'POST /api/v1/me/subscriptions': {
    expect: citizenSelf,
    prepare: async () => ({ body: { accepted: ['request-status'] } }),
  },

  // Family links.
  'POST /api/v1/me/family-links': {
    expect: citizenSelf,
    freshCaller: CITIZENS,
    prepare: async (w) => ({
      body: { veteranName: w.owner.name, veteranIdNumber: w.owner.idNumber, relationship: 'child' },
    }),
  },
  'GET /api/v1/me/family-links': { expect: citizenSelf },
  'POST /api/v1/me/family-links/{id}/confirm': {
    expect: citizenObject(404),
    prepare: id((w) => w.pendingLink()),
  },
  'POST /api/v1/me/family-links/{id}/reject': {
    expect: citizenObject(404),
    prepare: id((w) => w.pendingLink()),
  },
  'POST /api/v1/me/family-links/{id}/end': {
    // Either party ends a link: the owner, and the family member of that link.
    expect: citizenObject('ok'),
    freshCaller: ['linkedFamily'],
    prepare: async (w, role, caller) => ({
      params: { id: role === 'linkedFamily' ? (caller.linkId as number) : await w.activeLink() },
    }),
  },
  'GET /api/v1/staff/family-links': { expect: caseworkList },
  'POST /api/v1/staff/family-links/{id}/confirm': {
    expect: caseworkObject,
    prepare: id((w) => w.pendingLink()),
  },

  // Roster and identity verification.
  'POST /api/v1/admin/veteran-roster': {
    expect: adminOnly,
    prepare: async () =>
      multipartFile(
        'roster.csv',
        Buffer.from(
          `姓名,身份证号码,退役日期,所属社区\n李四,${testIdNumber(2, '19750101')},2000-12-01,文化社区\n`,
          'utf8',
        ),
        'text/csv',
      ),
  },
  'GET /api/v1/admin/veteran-roster/imports': { expect: adminOnly },
  // The import is the district's: a street admin does not see it.
  'GET /api/v1/admin/veteran-roster/imports/{id}': {
    expect: { ...adminOnly, streetAdmin: 404 },
    prepare: id((w) => w.rosterImport()),
  },
  'GET /api/v1/staff/verifications': { expect: caseworkList },
  // 窗口代办: the owner lives in xidajie-wenhua, so staff of another street are refused (out of scope).
  'POST /api/v1/staff/counter/lookup': {
    expect: caseworkObject,
    prepare: async (w) => ({ body: { idNumber: w.owner.idNumber } }),
  },
  'POST /api/v1/staff/counter/people': {
    expect: caseworkObject,
    prepare: async (w) => ({
      body: {
        name: '李守田',
        idNumber: testIdNumber(800 + w.sequence(), '19480612'),
        communityUnitId: await w.unit('xidajie-wenhua'),
        documentChecked: true,
        consentMethod: 'paper-form',
      },
    }),
  },
  'POST /api/v1/staff/counter/requests': {
    expect: caseworkObject,
    prepare: async (w) => ({
      body: {
        userId: w.owner.id,
        serviceCode: 'policy-question',
        formData: { topic: '优待抚恤', question: '窗口代办的政策咨询' },
        channel: 'counter',
        consentMethod: 'in-person',
      },
    }),
  },
  'POST /api/v1/staff/counter/legal-bookings': {
    expect: caseworkObject,
    prepare: async (w) => ({
      body: {
        userId: w.owner.id,
        slotId: await w.futureSlot(),
        topic: 'labour',
        description: '来电预约：劳动合同纠纷',
        channel: 'phone',
        consentMethod: 'in-person',
      },
    }),
  },
  'GET /api/v1/staff/counter/requests/{id}/receipt': {
    expect: caseworkObject,
    prepare: id((w) => w.request('submitted')),
  },
  'POST /api/v1/me/home-filing': {
    expect: citizenSelf,
    prepare: async () => ({ body: { serviceCode: 'policy-question', reason: 'age_80', address: '文化路 1 号' } }),
  },
  'GET /api/v1/me/home-filing': { expect: citizenSelf },
  'GET /api/v1/staff/home-filing': { expect: staffMember },
  'POST /api/v1/staff/home-filing/{id}/schedule': {
    expect: caseworkObject,
    prepare: async (w) => ({ params: { id: await ownersHomeFiling(w) }, body: { visitDate: beijingToday() } }),
  },
  'POST /api/v1/staff/home-filing/{id}/visit': {
    expect: caseworkObject,
    prepare: async (w) => ({ params: { id: await ownersHomeFiling(w) }, body: { findings: '已上门办理' } }),
  },
  'POST /api/v1/me/counter-claim': {
    expect: citizenSelf,
    prepare: async (w) => ({ body: { name: '李守田', idNumber: testIdNumber(900 + w.sequence(), '19480612') } }),
  },
  'POST /api/v1/staff/verifications/{userId}': {
    expect: caseworkObject,
    prepare: async (w) => ({
      params: { userId: await w.pendingVeteran() },
      body: { decision: 'verify', evidence: 'documents' },
    }),
  },
  'GET /api/v1/staff/verifications/{userId}/roster': {
    expect: caseworkObject,
    prepare: async (w) => ({ params: { userId: await w.pendingVeteranInRoster() } }),
  },
  'POST /api/v1/me/identity-disputes': {
    // Verified veterans are answered 409 IDENTITY_LOCKED (an identity of their own), which is access granted.
    expect: citizenSelf,
    freshCaller: CITIZENS,
    prepare: (w, _role, caller) => w.disputeClaim(caller),
  },
  'GET /api/v1/me/identity-disputes': { expect: citizenSelf },
  'GET /api/v1/staff/identity-disputes': { expect: caseworkList },
  'POST /api/v1/staff/identity-disputes/{id}': {
    expect: caseworkObject,
    prepare: async (w) => ({
      params: { id: await w.openDispute() },
      body: { winner: 'holder', note: '核实原账号为本人' },
    }),
  },
  'GET /api/v1/staff/users/{userId}/identity': {
    expect: caseworkObject,
    prepare: async (w) => ({ params: { userId: w.owner.id } }),
  },

  // Inbox and attachments.
  'GET /api/v1/notifications': { expect: signedIn },
  'GET /api/v1/notifications/unread-count': { expect: signedIn },
  'POST /api/v1/notifications/read-all': { expect: signedIn },
  'POST /api/v1/notifications/{id}/read': {
    expect: policy(404, { anonymous: 401, veteran: 'ok' }),
    prepare: id((w) => w.notification()),
  },
  'POST /api/v1/uploads': { expect: signedIn, prepare: async () => multipartFile('scan.png', PNG, 'image/png') },
  'GET /api/v1/uploads/{id}': { expect: sharedObject('ok'), prepare: id((w) => w.attachedUpload()) },

  // Requests: the applicant's side.
  'POST /api/v1/requests': {
    // Family members file for the owner (linked: allowed; not linked: refused); the veteran files for themself.
    expect: policy(403, {
      anonymous: 401,
      veteran: 'ok',
      otherVeteran: 'denied',
      unlinkedFamily: 'denied',
      linkedFamily: 'ok',
    }),
    freshCaller: ['veteran', 'otherVeteran', 'unlinkedFamily'],
    prepare: async (w, role) => ({
      body: policyQuestion(role === 'veteran' ? { submit: true } : { onBehalfOf: w.owner.id, submit: true }),
    }),
  },
  'GET /api/v1/requests': { expect: citizenSelf },
  'GET /api/v1/requests/{id}': { expect: citizenObject('ok'), prepare: id((w) => w.request()) },
  'PATCH /api/v1/requests/{id}': {
    expect: citizenObject('denied'),
    prepare: async (w) => ({
      params: { id: await w.request('draft') },
      body: { formData: { question: '补充：优待证在哪里使用？' } },
    }),
  },
  'DELETE /api/v1/requests/{id}': { expect: citizenObject('denied'), prepare: id((w) => w.request('draft')) },
  'POST /api/v1/requests/{id}/submit': { expect: citizenObject('denied'), prepare: id((w) => w.request('draft')) },
  'POST /api/v1/requests/{id}/withdraw': {
    expect: citizenObject('denied'),
    prepare: async (w) => ({ params: { id: await w.request() }, body: {} }),
  },
  'POST /api/v1/requests/{id}/messages': {
    expect: sharedObject('ok'),
    prepare: async (w) => ({ params: { id: await w.request() }, body: { body: '请问办理进度如何？' } }),
  },
  'GET /api/v1/requests/{id}/messages': { expect: sharedObject('ok'), prepare: id((w) => w.request()) },
  'POST /api/v1/requests/{id}/rating': {
    expect: citizenObject('denied'),
    prepare: async (w) => ({ params: { id: await w.request('completed') }, body: { level: 5, comment: '满意' } }),
  },
  'GET /api/v1/requests/{id}/rating': { expect: sharedObject('ok'), prepare: id((w) => w.request('completed')) },
  'GET /api/v1/requests/{id}/meetings': {
    expect: citizenObject('ok'),
    prepare: id((w) => w.request('submitted', 'appeal')),
  },

  // Requests: the staff side.
  'GET /api/v1/staff/requests': { expect: caseworkList },
  'GET /api/v1/staff/requests/{id}': { expect: caseworkObject, prepare: id((w) => w.request()) },
  'GET /api/v1/staff/requests/{id}/applicant-contact': { expect: caseworkObject, prepare: id((w) => w.request()) },
  'POST /api/v1/staff/requests/{id}/transition': {
    expect: caseworkObject,
    prepare: async (w) => ({ params: { id: await w.request() }, body: { action: 'accept' } }),
  },
  'POST /api/v1/staff/requests/{id}/stage': {
    expect: caseworkObject,
    prepare: async (w) => ({
      params: { id: await w.request('processing', 'preferential-card') },
      body: { stage: 'production' },
    }),
  },
  'POST /api/v1/staff/requests/{id}/assign': {
    expect: caseworkObject,
    prepare: async (w) => ({ params: { id: await w.request() }, body: { staffId: w.callers.staffInScope.id } }),
  },
  'POST /api/v1/staff/requests/{id}/home-visits': {
    expect: caseworkObject,
    prepare: async (w) => ({
      params: { id: await w.request('accepted', 'hardship-aid') },
      body: { visitDate: '2026-11-20', findings: '家中困难情况属实' },
    }),
  },
  'GET /api/v1/staff/requests/{id}/home-visits': {
    expect: caseworkObject,
    prepare: id((w) => w.request('accepted', 'hardship-aid')),
  },
  'POST /api/v1/staff/requests/{id}/meetings': {
    expect: caseworkObject,
    prepare: async (w) => ({
      params: { id: await w.request('accepted', 'appeal') },
      body: { scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), place: '西大街道服务站' },
    }),
  },
  'GET /api/v1/staff/requests/{id}/meetings': {
    expect: caseworkObject,
    prepare: id((w) => w.request('accepted', 'appeal')),
  },
  'GET /api/v1/staff/canned-replies': { expect: caseworkList },
  'POST /api/v1/staff/canned-replies': {
    expect: caseworkList,
    prepare: async () => ({ body: { title: '收到', body: '您好，已收到您的诉求。' } }),
  },
  'PATCH /api/v1/staff/canned-replies/{id}': {
    expect: caseworkObject,
    prepare: async (w) => ({ params: { id: await w.cannedReply() }, body: { title: '已收到' } }),
  },
  'DELETE /api/v1/staff/canned-replies/{id}': { expect: caseworkObject, prepare: id((w) => w.cannedReply()) },
  'GET /api/v1/staff/follow-ups': { expect: caseworkList },
  'POST /api/v1/staff/follow-ups/{id}/close': {
    expect: caseworkObject,
    prepare: async (w) => ({ params: { id: await w.followUp() }, body: { note: '已回访，整改完成' } }),
  },

  // Legal consultation: citizens.
  'POST /api/v1/legal/bookings': {
    // The veteran books for themself; family only for a linked veteran.
    expect: policy(403, {
      anonymous: 401,
      veteran: 'ok',
      otherVeteran: 'denied',
      unlinkedFamily: 'denied',
      linkedFamily: 'ok',
    }),
    freshCaller: CITIZENS,
    prepare: async (w, role, caller) => ({
      body: {
        slotId: await w.futureSlot(),
        topic: 'labour',
        description: '劳动合同纠纷',
        ...(role === 'veteran'
          ? {}
          : { onBehalfOf: role === 'linkedFamily' && caller.linkId ? w.owner.id : w.owner.id }),
      },
    }),
  },
  'GET /api/v1/legal/bookings/mine': { expect: citizenSelf },
  'POST /api/v1/legal/bookings/{id}/cancel': { expect: citizenObject('denied'), prepare: id((w) => w.booking()) },
  'DELETE /api/v1/legal/waitlist/{id}': { expect: citizenObject('denied'), prepare: id((w) => w.waitlistEntry()) },
  'GET /api/v1/legal/records/mine': { expect: citizenSelf },

  // Legal consultation: the centre and the lawyer.
  'GET /api/v1/staff/legal/day': {
    expect: dayReaders,
    prepare: async () => ({ query: { date: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) } }),
  },
  'GET /api/v1/staff/legal/sessions': { expect: dayReaders },
  'GET /api/v1/staff/legal/bookings/{id}/applicant-contact': { expect: dayReaders, prepare: id((w) => w.booking()) },
  'POST /api/v1/legal/bookings/{id}/check-in': { expect: centreStaff, prepare: id((w) => w.booking()) },
  'POST /api/v1/legal/bookings/{id}/no-show': { expect: centreStaff, prepare: id((w) => w.booking()) },
  'POST /api/v1/staff/legal/walk-ins': {
    expect: centreStaff,
    prepare: async (w) => ({
      body: { slotId: await w.futureSlot(), userId: w.owner.id, topic: 'labour', description: '现场咨询' },
    }),
  },
  'POST /api/v1/staff/legal/bookings/{id}/cancel': {
    expect: centreStaff,
    prepare: async (w) => ({ params: { id: await w.booking() }, body: { reason: '律师临时有事' } }),
  },
  'GET /api/v1/staff/legal/impacts': { expect: centreStaff },
  'POST /api/v1/staff/legal/impacts/{id}/handled': { expect: centreStaff, prepare: id((w) => w.impact()) },
  'POST /api/v1/legal/bookings/{id}/record': {
    expect: lawyerOnly,
    prepare: async (w) => ({
      params: { id: await w.booking() },
      body: {
        category: 'labour',
        summary: '咨询劳动合同',
        advice: '建议协商',
        legalAidAdvised: false,
        followUpAdvised: false,
      },
    }),
  },
  'POST /api/v1/staff/legal/records/{id}/follow-up': {
    expect: lawyerOnly,
    prepare: async (w) => ({ params: { id: await w.consultationRecord() }, body: { note: '请跟进' } }),
  },
  'GET /api/v1/staff/legal/records': { expect: dayReaders },

  // Administration.
  'GET /api/v1/admin/org-units': { expect: adminOnly },
  'POST /api/v1/admin/org-units': {
    expect: adminOnly,
    prepare: async (w) => ({
      body: {
        code: `matrix-${w.sequence()}`,
        name: '矩阵测试社区',
        level: 'community',
        parentId: await w.unit('xidajie'),
      },
    }),
  },
  'PATCH /api/v1/admin/org-units/{id}': {
    expect: adminOnly,
    prepare: async (w) => ({ params: { id: await w.unit('xidajie-xihu') }, body: { phone: '0374-1234567' } }),
  },
  'GET /api/v1/admin/staff': { expect: adminOnly },
  'POST /api/v1/admin/staff': {
    expect: adminOnly,
    prepare: async (w) => ({
      body: {
        username: `matrix${w.sequence()}`,
        displayName: '矩阵测试',
        role: 'staff',
        unitId: await w.unit('xidajie'),
        password: 'Matrix-Passw0rd!',
      },
    }),
  },
  'GET /api/v1/admin/staff/{id}': { expect: adminOnly, prepare: id((w) => w.staffAccount()) },
  'PATCH /api/v1/admin/staff/{id}': {
    expect: adminOnly,
    prepare: async (w) => ({ params: { id: await w.staffAccount() }, body: { displayName: '改名' } }),
  },
  'POST /api/v1/admin/staff/{id}/reset-password': {
    expect: adminOnly,
    prepare: async (w) => ({ params: { id: await w.staffAccount() }, body: { password: 'Matrix-Reset-Passw0rd!' } }),
  },
  'POST /api/v1/admin/staff/{id}/unlock': { expect: adminOnly, prepare: id((w) => w.staffAccount()) },
  'GET /api/v1/admin/audit-log': { expect: adminOnly },
  'GET /api/v1/admin/audit-log/export': { expect: adminOnly },
  'GET /api/v1/admin/holidays': { expect: adminOnly },
  'PUT /api/v1/admin/holidays/{date}': {
    expect: districtAdminOnly,
    prepare: async () => ({ params: { date: '2099-05-06' }, body: { kind: 'holiday', name: '测试假日' } }),
  },
  'DELETE /api/v1/admin/holidays/{date}': {
    expect: districtAdminOnly,
    prepare: async () => ({ params: { date: '2099-05-06' } }),
  },
  'GET /api/v1/admin/card-banks': { expect: districtAdminOnly },
  'POST /api/v1/admin/card-banks': {
    expect: districtAdminOnly,
    prepare: async () => ({ body: { name: `矩阵测试银行${Date.now()}${Math.random()}`.slice(0, 30) } }),
  },
  'PATCH /api/v1/admin/card-banks/{id}': {
    expect: districtAdminOnly,
    prepare: async () => ({ params: { id: 1 }, body: { active: true } }),
  },
  'GET /api/v1/admin/legal/rules': { expect: districtAdminOnly },
  'POST /api/v1/admin/legal/rules': { expect: districtAdminOnly, prepare: async () => ({ body: scheduleRule }) },
  'PATCH /api/v1/admin/legal/rules/{id}': {
    expect: districtAdminOnly,
    prepare: async (w) => ({ params: { id: await w.rule() }, body: scheduleRule }),
  },
  'DELETE /api/v1/admin/legal/rules/{id}': { expect: districtAdminOnly, prepare: id((w) => w.rule()) },
  'GET /api/v1/admin/legal/closures': { expect: districtAdminOnly },
  'POST /api/v1/admin/legal/closures': {
    expect: districtAdminOnly,
    prepare: async () => ({ body: { date: '2099-04-07', reason: '测试停诊' } }),
  },
  'DELETE /api/v1/admin/legal/closures/{id}': { expect: districtAdminOnly, prepare: id((w) => w.closure()) },

  // Content and statistics (staff and admins; lawyers do not edit content).
  'GET /api/v1/staff/articles': { expect: staffMember },
  'POST /api/v1/staff/articles': {
    expect: staffMember,
    prepare: async () => ({ body: { channel: 'notice', title: '矩阵测试通知', body: '<p>正文</p>' } }),
  },
  // Articles belong to a unit: the xidajie station's article is theirs and the district's, not dongdajie's.
  'PATCH /api/v1/staff/articles/{id}': {
    expect: caseworkObject,
    prepare: async (w) => ({ params: { id: await w.article() }, body: { title: '改过的标题' } }),
  },
  'POST /api/v1/staff/articles/{id}/publish': { expect: caseworkObject, prepare: id((w) => w.article()) },
  'POST /api/v1/staff/articles/{id}/unpublish': { expect: caseworkObject, prepare: id((w) => w.article()) },
  'GET /api/v1/staff/articles/{id}/preview': { expect: caseworkObject, prepare: id((w) => w.article()) },
  'GET /api/v1/staff/stats': { expect: staffMember },
  'GET /api/v1/staff/stats/export': { expect: staffMember },
};
