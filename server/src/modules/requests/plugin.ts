import type { FastifyInstance } from 'fastify';
import { startRequestJobs } from './reminders';
import requestsRoutes from './routes';
import staffRequestsRoutes from './staff-routes';

/**
 * Service requests 办件: the applicant's routes, the staff workbench, and the background reminders (due soon,
 * drafts about to expire). The reminders do not run under NODE_ENV=test; tests call `runRequestJobs`.
 */
export default async function requestsPlugin(app: FastifyInstance) {
  await app.register(requestsRoutes);
  await app.register(staffRequestsRoutes);
  if (app.config.NODE_ENV !== 'test') {
    const jobs = startRequestJobs(app);
    app.addHook('onClose', async () => jobs.stop());
  }
}
