import { randomBytes } from 'node:crypto';
import {
  type RequestAction,
  type RequestDetail,
  type RequestStatus,
  SENSITIVE_INFO_NOTICE_VERSION,
  type ServiceCode,
} from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { consents, familyLinks, uploads, users } from '../../db/schema/index';
import { bearer, createCitizen, testIdNumber } from '../../testing/fixtures';

/** Test helpers for the request lifecycle (not used by production code). */

let sequence = 100;

export interface TestCitizen {
  id: number;
  token: string;
  name: string;
}

/** A citizen with a real-name identity (name searchable by its hash) in a community. */
export async function verifiedCitizen(
  app: FastifyInstance,
  options: { communityCode?: string | null; kind?: 'veteran' | 'family'; name?: string } = {},
): Promise<TestCitizen> {
  sequence += 1;
  const name = options.name ?? `测试${String.fromCharCode(0x4e00 + sequence)}军`;
  const citizen = await createCitizen(app, {
    kind: options.kind ?? 'veteran',
    identity: { name, idNumber: testIdNumber(sequence) },
    communityCode: options.communityCode === null ? undefined : (options.communityCode ?? 'xidajie-wenhua'),
    veteranStatus: options.kind === 'family' ? 'none' : 'verified',
  });
  await app.db
    .update(users)
    .set({ nameHash: app.cipher.hash(name) })
    .where(eq(users.id, citizen.id));
  return { ...citizen, name };
}

export async function grantSensitiveConsent(app: FastifyInstance, userId: number): Promise<void> {
  await app.db
    .insert(consents)
    .values({ userId, kind: 'sensitive-info', version: SENSITIVE_INFO_NOTICE_VERSION, granted: 'granted' });
}

export async function linkFamily(
  app: FastifyInstance,
  familyUserId: number,
  veteranUserId: number,
  status: 'pending' | 'active' | 'rejected' | 'ended' = 'active',
): Promise<number> {
  const [result] = await app.db
    .insert(familyLinks)
    .values({ familyUserId, veteranUserId, relationship: 'child', status });
  return result.insertId;
}

/** An uploads row of this citizen, as `POST /uploads` would leave it; returns its public id. */
export async function fakeUpload(
  app: FastifyInstance,
  userId: number,
  mimeType = 'image/png',
  facts: { sizeBytes?: number; imageWidth?: number; imageHeight?: number } = {},
): Promise<string> {
  const publicId = randomBytes(18).toString('base64url');
  await app.db.insert(uploads).values({
    publicId,
    uploaderType: 'citizen',
    uploaderId: userId,
    storageKey: `test/${publicId}`,
    fileName: 'scan.png',
    mimeType,
    sizeBytes: 1234,
    sha256: '0'.repeat(64),
    ...facts,
  });
  return publicId;
}

/** An upload with what the 优待证 photo rules ask: a 352×440 JPG of 35 KB. */
export function fakeIdPhoto(app: FastifyInstance, userId: number): Promise<string> {
  return fakeUpload(app, userId, 'image/jpeg', { sizeBytes: 35 * 1024, imageWidth: 352, imageHeight: 440 });
}

/** A complete, valid form of each service (uploads made for the attachment fields). */
export async function completeForm(
  app: FastifyInstance,
  serviceCode: ServiceCode,
  uploaderId: number,
): Promise<Record<string, unknown>> {
  switch (serviceCode) {
    case 'policy-question':
      return { topic: '优待抚恤', question: '优待证可以在哪些景区使用？' };
    case 'appeal':
      return { category: '矛盾纠纷', description: '与物业因停车问题发生纠纷，希望协调。' };
    case 'preferential-card':
      return {
        enlistmentDate: '2000-12-01',
        dischargeDate: '2005-12-01',
        branch: '陆军',
        dischargeType: '退伍',
        address: '许昌市魏都区文化路 1 号',
        bank: '中国工商银行',
        idPhoto: [await fakeIdPhoto(app, uploaderId)],
        dischargeCertificate: [await fakeUpload(app, uploaderId, 'application/pdf')],
      };
    case 'insurance-transfer':
      return {
        dischargeDate: '2024-12-01',
        insuranceKinds: '养老保险和医疗保险',
        employment: '已就业',
        transferForm: [await fakeUpload(app, uploaderId)],
      };
    case 'resettlement':
      return {
        dischargeDate: '2026-09-01',
        arrivalDate: '2026-09-15',
        placementType: '自主就业',
        education: '本科',
        dischargeDocuments: [await fakeUpload(app, uploaderId)],
      };
    case 'hardship-aid':
      return {
        hardshipKind: '重病',
        householdSize: 3,
        monthlyIncome: 1234.5,
        medicalCosts: 86000,
        description: '父亲住院化疗，家庭收入微薄',
        incomeProof: [await fakeUpload(app, uploaderId)],
      };
  }
}

export function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  url: string,
  token?: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(token ? bearer(token) : {}), ...headers },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** Creates and (unless `submit: false`) submits a request; throws on any unexpected answer. */
export async function fileRequest(
  app: FastifyInstance,
  citizen: { id: number; token: string },
  options: { serviceCode?: ServiceCode; submit?: boolean; onBehalfOf?: number } = {},
): Promise<RequestDetail> {
  const serviceCode = options.serviceCode ?? 'policy-question';
  const response = await call(app, 'POST', '/requests', citizen.token, {
    serviceCode,
    formData: await completeForm(app, serviceCode, citizen.id),
    submit: options.submit ?? true,
    ...(options.onBehalfOf ? { onBehalfOf: options.onBehalfOf } : {}),
  });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json() as RequestDetail;
}

export async function staffAct(
  app: FastifyInstance,
  staffToken: string,
  requestId: number,
  action: RequestAction,
  extra: Record<string, unknown> = {},
) {
  const response = await call(app, 'POST', `/staff/requests/${requestId}/transition`, staffToken, { action, ...extra });
  if (response.statusCode !== 200) throw new Error(`${action} failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** The staff and applicant steps that bring a new request into each status. */
export const pathTo: Record<RequestStatus, readonly (RequestAction | 'create')[]> = {
  draft: ['create'],
  submitted: ['create', 'submit'],
  accepted: ['create', 'submit', 'accept'],
  processing: ['create', 'submit', 'accept', 'start'],
  needs_supplement: ['create', 'submit', 'request_supplement'],
  completed: ['create', 'submit', 'accept', 'start', 'complete'],
  rejected: ['create', 'submit', 'reject'],
  withdrawn: ['create', 'submit', 'withdraw'],
};

/** A new request of the citizen, driven through the API into `status`. */
export async function requestIn(
  app: FastifyInstance,
  status: RequestStatus,
  citizen: { id: number; token: string },
  staffToken: string,
  serviceCode: ServiceCode = 'policy-question',
): Promise<number> {
  const draft = await fileRequest(app, citizen, { serviceCode, submit: false });
  for (const step of pathTo[status]) {
    if (step === 'create') continue;
    if (step === 'submit') {
      const response = await call(app, 'POST', `/requests/${draft.id}/submit`, citizen.token);
      if (response.statusCode !== 200) throw new Error(`submit failed: ${response.body}`);
    } else if (step === 'withdraw') {
      const response = await call(app, 'POST', `/requests/${draft.id}/withdraw`, citizen.token, {});
      if (response.statusCode !== 200) throw new Error(`withdraw failed: ${response.body}`);
    } else {
      await staffAct(app, staffToken, draft.id, step, { reason: '测试原因', resolutionNote: '已答复' });
    }
  }
  return draft.id;
}
