import type { FastifyInstance } from 'fastify';
import adminRoutes from './admin/routes';
import authRoutes from './auth/routes';
import familyLinksRoutes from './family-links/routes';
import meRoutes from './me/routes';
import orgUnitsRoutes from './org-units/routes';
import servicesRoutes from './services/routes';
import veteransRoutes from './veterans/routes';

/** Everything under /api/v1, one encapsulated plugin per feature. */
export default async function api(app: FastifyInstance) {
  await app.register(servicesRoutes);
  await app.register(orgUnitsRoutes);
  await app.register(authRoutes);
  await app.register(adminRoutes, { prefix: '/admin' });
  await app.register(meRoutes);
  await app.register(familyLinksRoutes);
  await app.register(veteransRoutes);
}
