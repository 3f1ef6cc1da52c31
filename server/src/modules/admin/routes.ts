import type { FastifyPluginAsync } from 'fastify';
import adminAuditLogRoutes from './audit-log/routes';
import { loadAdminCaller } from './caller';
import adminOrgUnitRoutes from './org-units/routes';
import adminStaffRoutes from './staff/routes';

/**
 * Everything under /api/v1/admin. Every route first authenticates and then requires an active admin account
 * (both as onRequest hooks, so a refused caller never reaches body validation): no token → 401; a citizen,
 * staff or lawyer token → 403 FORBIDDEN.
 */
const adminRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', async (request) => loadAdminCaller(app.db, request));
  await app.register(adminOrgUnitRoutes);
  await app.register(adminStaffRoutes);
  await app.register(adminAuditLogRoutes);
};

export default adminRoutes;
