import type { FastifyInstance } from 'fastify';
import accountMergeRoutes from './account-merge/routes';
import adminRoutes from './admin/routes';
import articlesRoutes from './articles/routes';
import authRoutes from './auth/routes';
import calendarAdminRoutes from './calendar/routes';
import familyLinksRoutes from './family-links/routes';
import legalPlugin from './legal/plugin';
import maintenancePlugin from './maintenance/plugin';
import meRoutes from './me/routes';
import { outboxWorkerPlugin } from './notifications/outbox-worker';
import notificationsRoutes from './notifications/routes';
import orgUnitsRoutes from './org-units/routes';
import preferentialCardRoutes from './preferential-card/routes';
import ratingsRoutes from './ratings/routes';
import requestMessagesRoutes from './request-messages/routes';
import requestVisitsRoutes from './request-visits/routes';
import requestsPlugin from './requests/plugin';
import servicesRoutes from './services/routes';
import statsRoutes from './stats/routes';
import uploadsRoutes from './uploads/routes';
import disputeRoutes from './veterans/dispute-routes';
import veteransRoutes from './veterans/routes';

/** Everything under /api/v1, one encapsulated plugin per feature. */
export default async function api(app: FastifyInstance) {
  await app.register(servicesRoutes);
  await app.register(orgUnitsRoutes);
  await app.register(authRoutes);
  await app.register(adminRoutes, { prefix: '/admin' });
  await app.register(meRoutes);
  await app.register(accountMergeRoutes);
  await app.register(familyLinksRoutes);
  await app.register(veteransRoutes);
  await app.register(disputeRoutes);
  await app.register(notificationsRoutes);
  await app.register(outboxWorkerPlugin);
  await app.register(uploadsRoutes);
  await app.register(requestMessagesRoutes);
  await app.register(ratingsRoutes);
  await app.register(requestVisitsRoutes);
  await app.register(calendarAdminRoutes, { prefix: '/admin' });
  await app.register(requestsPlugin);
  await app.register(preferentialCardRoutes);
  await app.register(legalPlugin);
  await app.register(articlesRoutes);
  await app.register(statsRoutes);
  await app.register(maintenancePlugin);
}
