import type { RequestStatus, ServiceCode } from '@veterans/shared';
import type { FastifyInstance } from 'fastify';
import { serviceRequests } from '../../db/schema/index';
import { bearer, unitIdByCode } from '../../testing/fixtures';

/** Test helpers for attachments and the other request extras (not used by production code). */

let sequence = 0;

export interface RequestRowInput {
  applicantUserId: number;
  subjectUserId?: number;
  status?: RequestStatus;
  serviceCode?: ServiceCode;
  unitCode?: string | null;
  assigneeStaffId?: number | null;
}

/** A service_requests row made directly, without the lifecycle routes. */
export async function createRequestRow(
  app: FastifyInstance,
  input: RequestRowInput,
): Promise<{ id: number; number: string }> {
  sequence += 1;
  const number = `T${Date.now().toString(36).slice(-8)}${String(sequence).padStart(4, '0')}`.slice(0, 20);
  const unitCode = input.unitCode === undefined ? 'xidajie-wenhua' : input.unitCode;
  const [result] = await app.db.insert(serviceRequests).values({
    number,
    serviceCode: input.serviceCode ?? 'policy-question',
    status: input.status ?? 'submitted',
    applicantUserId: input.applicantUserId,
    subjectUserId: input.subjectUserId ?? input.applicantUserId,
    unitId: unitCode === null ? null : await unitIdByCode(app, unitCode),
    assigneeStaffId: input.assigneeStaffId ?? null,
    submittedAt: new Date(),
    completedAt: input.status === 'completed' ? new Date() : null,
  });
  return { id: result.insertId, number };
}

/** A multipart/form-data body with one file part. */
export function multipartBody(fileName: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----upload${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function uploadFile(
  app: FastifyInstance,
  token: string,
  fileName: string,
  content: Buffer,
  contentType?: string,
) {
  const body = multipartBody(fileName, content, contentType);
  return app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    headers: { ...bearer(token), 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** The smallest valid PNG (1×1, transparent) and a tiny one-page PDF. */
export const SMALL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const SMALL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
export const SMALL_JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.alloc(60, 0x11),
  Buffer.from([0xff, 0xd9]),
]);
