import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import multipart from '@fastify/multipart';
import { errorEnvelopeSchema, MAX_UPLOAD_BYTES, uploadIdSchema, uploadResultSchema } from '@veterans/shared';
import { and, count, eq, gte } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uploads } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { callerOf } from '../../plugins/caller';
import { uploadForCaller } from './access';
import { createFileStorage } from './create-storage';
import { contentDisposition, sanitizeFileName } from './file-name';
import { receiveFile } from './receive';
import { type FileStorage, newStorageKey, StorageObjectNotFound } from './storage';

export interface UploadsOptions {
  /** Defaults to the storage the configuration names (S3 when configured, else UPLOAD_DIR). */
  storage?: FileStorage;
}

/** Request bytes read and thrown away after an early answer (a refused upload) before the socket is closed. */
const MAX_DISCARDED_BYTES = 32 * 1024 * 1024;

/**
 * After answering a refused upload (wrong type, too large) before its body was read, the rest of the body is
 * read and dropped so the connection can be reused and the client sees the answer rather than a reset; a
 * client that keeps sending far beyond the limit has its socket closed.
 */
function discardRemainingBody(raw: IncomingMessage): void {
  if (raw.readableEnded || raw.destroyed) return;
  let discarded = 0;
  raw.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) raw.socket?.destroy();
  });
  raw.on('error', () => {});
  raw.resume();
}

/** Uploads per person per day: plenty for any form, a stop for a script filling the disk. */
export const DAILY_UPLOAD_LIMIT = 200;

const errors = {
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};

/**
 * Attachments 附件: `POST /uploads` takes one jpg, png or pdf (decided by content, ≤ 10 MB) from a signed-in
 * citizen or staff member and answers with a random id that forms then name; `GET /uploads/:id` serves it
 * back only to its uploader and, once linked to a request, to those who may see that request. Staff views
 * of hardship-aid files are audited.
 */
const uploadsRoutes: FastifyPluginAsyncZod<UploadsOptions> = async (app, options) => {
  const storage = options.storage ?? createFileStorage(app.config);
  app.addHook('onRequest', app.authenticate);
  app.addHook('onResponse', async (request) => discardRemainingBody(request.raw));

  // Multipart parsing only here; one file per request.
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 11, headerPairs: 20 },
  });

  app.post(
    '/uploads',
    {
      schema: {
        tags: ['uploads'],
        summary: '上传附件（jpg/png/pdf，不超过 10 MB）',
        description:
          'multipart/form-data，一个文件。文件类型按内容判断（不看文件名和声明的类型）；返回的 id 填入表单的附件字段。',
        security: [{ bearerAuth: [] }],
        consumes: ['multipart/form-data'],
        response: {
          201: uploadResultSchema,
          400: errorEnvelopeSchema,
          413: errorEnvelopeSchema,
          415: errorEnvelopeSchema,
          429: errorEnvelopeSchema,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const viewer = callerOf(request);
      const uploader = { uploaderType: viewer.type, uploaderId: viewer.id };
      if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', '请以 multipart/form-data 上传一个文件');

      const [recent] = await app.db
        .select({ total: count() })
        .from(uploads)
        .where(
          and(
            eq(uploads.uploaderType, uploader.uploaderType),
            eq(uploads.uploaderId, uploader.uploaderId),
            gte(uploads.createdAt, new Date(Date.now() - 24 * 60 * 60 * 1000)),
          ),
        );
      if ((recent?.total ?? 0) >= DAILY_UPLOAD_LIMIT)
        throw new AppError('RATE_LIMITED', '今日上传的文件过多，请明天再试');

      const part = await request.file();
      if (!part) throw new AppError('VALIDATION_FAILED', '请选择要上传的文件');
      const key = newStorageKey();
      const received = await receiveFile(storage, key, part);
      const fileName = sanitizeFileName(part.filename, received.mimeType);
      const publicId = randomBytes(18).toString('base64url');
      try {
        await app.db.insert(uploads).values({
          publicId,
          ...uploader,
          storageKey: key,
          fileName,
          mimeType: received.mimeType,
          sizeBytes: received.size,
          imageWidth: received.dimensions?.width,
          imageHeight: received.dimensions?.height,
          sha256: received.sha256,
        });
      } catch (error) {
        await storage.delete(key).catch(() => {});
        throw error;
      }
      if (viewer.type === 'staff') {
        await request.audit({
          action: 'upload.create',
          targetType: 'upload',
          targetId: publicId,
          detail: { size: received.size },
        });
      }
      return reply
        .status(201)
        .send({ id: publicId, fileName, mimeType: received.mimeType, size: received.size, ...received.dimensions });
    },
  );

  app.get(
    '/uploads/:id',
    {
      schema: {
        tags: ['uploads'],
        summary: '下载/查看附件',
        description: '仅上传者本人，以及关联办件后有权查看该办件的申请人、家属和辖区工作人员可以查看。',
        security: [{ bearerAuth: [] }],
        params: z.object({ id: uploadIdSchema }),
        response: { 400: errorEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const viewer = callerOf(request);
      const {
        upload,
        request: serviceRequest,
        reviewedProof,
      } = await uploadForCaller(app.db, app.cipher, request.params.id, viewer);
      let content: Awaited<ReturnType<FileStorage['get']>>;
      try {
        content = await storage.get(upload.storageKey);
      } catch (error) {
        if (!(error instanceof StorageObjectNotFound)) throw error;
        request.log.error({ uploadId: upload.id }, 'stored file missing');
        throw new AppError('UPLOAD_NOT_FOUND');
      }
      // Identity proofs (退伍证, 优待证, ID card photos) are as sensitive as the identity itself.
      if (reviewedProof) {
        await request.audit({
          action: 'upload.view_sensitive',
          targetType: 'upload',
          targetId: upload.publicId,
          detail:
            upload.disputeId !== null ? { disputeId: upload.disputeId } : { identityUserId: upload.identityUserId },
        });
      }
      if (viewer.type === 'staff' && serviceRequest?.serviceCode === 'hardship-aid') {
        await request.audit({
          action: 'upload.view_sensitive',
          targetType: 'upload',
          targetId: upload.publicId,
          detail: { requestId: serviceRequest.id, serviceCode: serviceRequest.serviceCode },
        });
      }
      return reply
        .header('content-type', upload.mimeType)
        .header('content-length', upload.sizeBytes)
        .header('content-disposition', contentDisposition(upload.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(content as never); // a file stream: not serialised, the 200 has no JSON schema
    },
  );
};

export default uploadsRoutes;
