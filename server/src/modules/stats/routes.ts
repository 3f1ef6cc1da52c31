import { errorEnvelopeSchema, statsQuerySchema, statsSchema } from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffOf } from '../../plugins/caller';
import { computeStats, resolvePeriod, resolveScope } from './service';
import { attachmentDisposition, exportFileNames, statsWorkbook } from './workbook';

const security = [{ bearerAuth: [] }];
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Bureau statistics 统计 for staff and admins (lawyers and citizens 403, no token 401), of the caller's unit
 * or one below it (another unit: 403 OUT_OF_SCOPE). Both routes are audited. Definitions of every figure:
 * packages/shared/src/stats.ts.
 */
const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireAbility('statistics.read'));

  app.get(
    '/staff/stats',
    {
      schema: {
        tags: ['staff'],
        summary: '统计：办件、办理时效、好差评、法律咨询、新认证退役军人',
        description:
          'from/to：北京时间日期（含两端），最长两年，默认当年。unit：本人所在机构或其下级机构，默认本人所在机构。' +
          '法律咨询由区服务中心统一提供，仅区级统计返回（其余为 null）。',
        security,
        querystring: statsQuerySchema,
        response: { 200: statsSchema, ...errors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const now = new Date();
      const period = resolvePeriod(request.query, now);
      const units = await resolveScope(app.db, caller, request.query.unit);
      const stats = await computeStats(app.db, units, period, now);
      await request.audit({
        action: 'stats.view',
        targetType: 'org_unit',
        targetId: units.scope.id,
        detail: { from: period.from, to: period.to },
      });
      return stats;
    },
  );

  app.get(
    '/staff/stats/export',
    {
      schema: {
        tags: ['staff'],
        summary: '导出统计表（xlsx）',
        description: '参数同 /staff/stats。封面（期间、机构、生成时间）后每张统计表一个工作表，中文表头。',
        security,
        querystring: statsQuerySchema,
        produces: [XLSX_TYPE],
        response: errors,
      },
    },
    async (request, reply) => {
      const caller = staffOf(request);
      const now = new Date();
      const period = resolvePeriod(request.query, now);
      const units = await resolveScope(app.db, caller, request.query.unit);
      const stats = await computeStats(app.db, units, period, now);
      const file = await statsWorkbook(stats, now);
      await request.audit({
        action: 'stats.export',
        targetType: 'org_unit',
        targetId: units.scope.id,
        detail: { from: period.from, to: period.to, bytes: file.length },
      });
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(exportFileNames(stats)))
        .header('cache-control', 'private, no-store')
        .send(file as never); // bytes, not serialised: the 200 has no JSON schema
    },
  );
};

export default statsRoutes;
