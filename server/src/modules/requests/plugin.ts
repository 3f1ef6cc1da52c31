import type { FastifyInstance } from 'fastify';
import { requestJobs } from './reminders';
import requestsRoutes from './routes';
import staffRequestsRoutes from './staff-routes';

/**
 * Service requests 办件: the applicant's routes, the staff workbench, and the background jobs (due-soon and
 * draft reminders, draft expiry). The jobs do not run under NODE_ENV=test; tests call them with a chosen `now`.
 */
export default async function requestsPlugin(app: FastifyInstance) {
  await app.register(requestsRoutes);
  await app.register(staffRequestsRoutes);
  if (app.config.NODE_ENV !== 'test') app.scheduler.add(...requestJobs(app));
}
