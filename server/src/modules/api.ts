import type { FastifyInstance } from 'fastify';
import orgUnitsRoutes from './org-units/routes';
import servicesRoutes from './services/routes';

/** Everything under /api/v1, one encapsulated plugin per feature. */
export default async function api(app: FastifyInstance) {
  await app.register(servicesRoutes);
  await app.register(orgUnitsRoutes);
}
