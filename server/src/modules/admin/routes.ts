import type { FastifyPluginAsync } from 'fastify';
import adminAuditLogRoutes from './audit-log/routes';
import adminOrgUnitRoutes from './org-units/routes';
import adminStaffRoutes from './staff/routes';

/**
 * Everything under /api/v1/admin. Each part requires its own ability as an onRequest hook, so a refused caller
 * never reaches body validation: no token → 401; a caller without the ability → 403 FORBIDDEN.
 */
const adminRoutes: FastifyPluginAsync = async (app) => {
  await app.register(adminOrgUnitRoutes);
  await app.register(adminStaffRoutes);
  await app.register(adminAuditLogRoutes);
};

export default adminRoutes;
