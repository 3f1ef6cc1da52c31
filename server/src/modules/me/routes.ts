import {
  consentBodySchema,
  errorEnvelopeSchema,
  identityInputSchema,
  identityProofBodySchema,
  meSchema,
  privacyPolicy,
  privacyPolicySchema,
  updateMeBodySchema,
} from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { users } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { citizenOf, type UserRow } from '../../plugins/caller';
import { releaseBookingsOf } from '../legal/account';
import { attachIdentityProof, latestIdentityProofs } from '../veterans/identity-proof';
import { ONE_HOUR_MS, recentCitizenActions } from './attempts';
import { currentVersionOf, loadConsentState, recordConsent, requirePrivacyConsent } from './consents';
import { deleteAccount, RETAINED_AFTER_DELETION } from './delete';
import { buildExport } from './export';
import { requireActiveUnit, submitIdentity } from './identity';
import { toMe } from './profile';

/** Identity submissions (successful or refused as taken) allowed per user per hour. */
const MAX_IDENTITY_ATTEMPTS_PER_HOUR = 10;
const IDENTITY_ATTEMPT_ACTIONS = ['identity.submitted', 'identity.id_taken'] as const;

const errors = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema };
const consentStateSchema = z.object({ privacyPolicyVersion: z.string().nullable(), sensitiveInfo: z.boolean() });
const exportSchema = z
  .object({
    exportedAt: z.string(),
    notice: z.string(),
    sections: z.array(z.object({ key: z.string(), title: z.string(), data: z.unknown() })),
  })
  .meta({ id: 'MyDataExport' });
const deletedSchema = z.object({ deleted: z.literal(true), message: z.string(), retained: z.array(z.string()) });

/**
 * The citizen's own account 我的: profile (always masked), real-name identity, privacy consents, export and
 * deletion. Every route refuses staff tokens (403) and tokens of deleted accounts (401 INVALID_TOKEN).
 */
const meRoutes: FastifyPluginAsyncZod = async (app) => {
  async function meOf(user: UserRow) {
    const proof = (await latestIdentityProofs(app.db, [user.id])).get(user.id);
    return toMe(user, await loadConsentState(app.db, user.id), app.cipher, {
      faceVerify: app.config.WECHAT_FACE_VERIFY,
      identityProof: proof ? { fileName: proof.fileName, uploadedAt: proof.uploadedAt } : null,
    });
  }
  async function currentMe(userId: number) {
    const [user] = await app.db.select().from(users).where(eq(users.id, userId));
    if (!user) throw new AppError('INVALID_TOKEN');
    return meOf(user);
  }

  app.get(
    '/privacy-policy',
    {
      schema: {
        tags: ['me'],
        summary: '隐私政策（当前版本）',
        response: { 200: privacyPolicySchema },
      },
    },
    async () => privacyPolicy,
  );

  app.get(
    '/me',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['me'],
        summary: '我的资料（个人信息已遮盖）',
        security: [{ bearerAuth: [] }],
        response: { 200: meSchema, ...errors },
      },
    },
    async (request) => meOf(citizenOf(request).user),
  );

  app.put(
    '/me',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['me'],
        summary: '修改关怀模式、所属社区',
        security: [{ bearerAuth: [] }],
        body: updateMeBodySchema,
        response: { 200: meSchema, 404: errorEnvelopeSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      const { careMode, communityUnitId } = request.body;
      const changes: { careMode?: boolean; communityUnitId?: number | null } = {};
      if (careMode !== undefined) changes.careMode = careMode;
      if (communityUnitId !== undefined && communityUnitId !== user.communityUnitId) {
        // A verified veteran belongs to the community the bureau's roster or staff assigned.
        if (user.veteranStatus === 'verified') {
          throw new AppError('IDENTITY_LOCKED', '已认证退役军人的所属社区以登记信息为准，如需变更请联系服务站');
        }
        if (communityUnitId !== null) await requireActiveUnit(app.db, communityUnitId);
        changes.communityUnitId = communityUnitId;
      }
      if (Object.keys(changes).length > 0) {
        await app.db.update(users).set(changes).where(eq(users.id, user.id));
        if ('communityUnitId' in changes) {
          await request.audit({
            action: 'me.community_changed',
            targetType: 'user',
            targetId: user.id,
            detail: { communityUnitId: changes.communityUnitId },
          });
        }
      }
      return currentMe(user.id);
    },
  );

  app.put(
    '/me/identity',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['me'],
        summary: '提交实名信息（退役军人或家属）',
        security: [{ bearerAuth: [] }],
        body: identityInputSchema,
        response: {
          200: meSchema,
          404: errorEnvelopeSchema,
          409: errorEnvelopeSchema,
          429: errorEnvelopeSchema,
          ...errors,
        },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      await requirePrivacyConsent(app.db, user.id);
      const attempts = await recentCitizenActions(app.db, user.id, IDENTITY_ATTEMPT_ACTIONS, ONE_HOUR_MS);
      if (attempts >= MAX_IDENTITY_ATTEMPTS_PER_HOUR) {
        throw new AppError('RATE_LIMITED', '实名信息提交次数过多，请一小时后再试或到服务站办理');
      }
      let decision: Awaited<ReturnType<typeof submitIdentity>>;
      try {
        decision = await submitIdentity(app.db, app.cipher, user.id, request.body);
      } catch (error) {
        // Counted, so that nobody can try ID numbers one after another to learn which are registered.
        if (error instanceof AppError && error.code === 'ID_NUMBER_TAKEN') {
          await request.audit({ action: 'identity.id_taken', targetType: 'user', targetId: user.id });
        }
        throw error;
      }
      await request.audit({
        action: 'identity.submitted',
        targetType: 'user',
        targetId: user.id,
        detail: {
          kind: request.body.kind,
          veteranStatus: decision.veteranStatus,
          verifiedByRoster: decision.verifiedByRoster,
        },
      });
      return currentMe(user.id);
    },
  );

  app.post(
    '/me/identity/proof',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['me'],
        summary: '实名核验材料：为等待核验的退役军人身份上传退伍证或优待证照片（先用 POST /uploads 上传）',
        description: '名册与手机号不能自动认证时，服务站工作人员在实名核验队列中查看这张照片。',
        security: [{ bearerAuth: [] }],
        body: identityProofBodySchema,
        response: { 200: meSchema, 404: errorEnvelopeSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      await attachIdentityProof(app.db, user.id, request.body.uploadId);
      await request.audit({ action: 'identity.proof_attached', targetType: 'user', targetId: user.id });
      return currentMe(user.id);
    },
  );

  app.post(
    '/me/consents',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['me'],
        summary: '同意或撤回隐私政策、敏感个人信息处理',
        description: '每次都新增一条记录，旧记录不会被修改。version 必须是当前版本。',
        security: [{ bearerAuth: [] }],
        body: consentBodySchema,
        response: { 201: consentStateSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = citizenOf(request).user;
      const { kind, version, granted } = request.body;
      const expected = currentVersionOf(kind);
      if (version !== expected) {
        throw new AppError('VALIDATION_FAILED', '隐私政策已更新，请阅读最新版本后再确认', [
          { path: 'body.version', message: `当前版本为 ${expected}` },
        ]);
      }
      await recordConsent(app.db, user.id, { kind, version, granted });
      await request.audit({
        action: granted ? 'consent.granted' : 'consent.withdrawn',
        targetType: 'user',
        targetId: user.id,
        detail: { kind, version },
      });
      return reply.status(201).send(await loadConsentState(app.db, user.id));
    },
  );

  app.get(
    '/me/export',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['me'],
        summary: '导出我的全部个人信息',
        description: '本人数据，完整显示（含完整身份证号码）；每次导出写入审计日志。',
        security: [{ bearerAuth: [] }],
        response: { 200: exportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = citizenOf(request).user;
      const result = await buildExport({ db: app.db, cipher: app.cipher, user });
      await request.audit({
        action: 'me.export',
        targetType: 'user',
        targetId: user.id,
        detail: { sections: result.sections.map((section) => section.key) },
      });
      reply.header('cache-control', 'no-store');
      return result;
    },
  );

  app.delete(
    '/me',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['me'],
        summary: '注销账号（删除或匿名化我的个人信息）',
        security: [{ bearerAuth: [] }],
        response: { 200: deletedSchema, ...errors },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      const { endedLinks } = await deleteAccount(app.db, user.id);
      // Upcoming consultation bookings give their places back to others (and the waitlist).
      const releasedBookings = await releaseBookingsOf(app.db, app.cipher, user.id, new Date());
      await request.audit({
        action: 'me.deleted',
        targetType: 'user',
        targetId: user.id,
        detail: { endedLinks, releasedBookings },
      });
      return {
        deleted: true as const,
        message:
          '账号已注销：登录信息、手机号码、姓名、身份证号码等个人信息已删除，家属关联已解除。以下信息依法或按规定保留：',
        retained: [...RETAINED_AFTER_DELETION],
      };
    },
  );
};

export default meRoutes;
