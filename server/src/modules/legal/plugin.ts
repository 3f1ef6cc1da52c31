import type { FastifyInstance } from 'fastify';
import legalAdminRoutes from './admin-routes';
import { legalJobs } from './jobs';
import legalRoutes from './routes';
import legalStaffRoutes from './staff-routes';

/**
 * Free legal consultation 法律咨询预约: public slots and citizen booking, the centre's day (staff, lawyers),
 * schedule administration (under /admin), and the background jobs (materialise and reconcile slots, close
 * waitlists at the cutoff, day-before reminders: one job of the scheduler). The job does not run under
 * NODE_ENV=test; tests call `runLegalJobs`, `materialiseSlots`, `sendBookingReminders` … with a chosen `now`.
 */
export default async function legalPlugin(app: FastifyInstance) {
  await app.register(legalRoutes);
  await app.register(legalStaffRoutes);
  await app.register(legalAdminRoutes, { prefix: '/admin' });
  if (app.config.NODE_ENV !== 'test') app.scheduler.add(...legalJobs(app));
}
