import { cardEligibilitySchema, decideCardEligibility, errorEnvelopeSchema } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { orgUnits, veteranRoster } from '../../db/schema/index';
import { citizenOf } from '../../plugins/caller';
import { hasIdentity } from '../me/citizen';

/** 优待证 before the form: the self-check of whether the signed-in citizen can apply online. */
const preferentialCardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/card-eligibility',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['requests'],
        summary: '优待证资格自查',
        description:
          '本人是否已在退役军人信息系统中建档（花名册中有本人身份证号码）：已建档可在线申请，未建档请先到服务站建档立卡。',
        security: [{ bearerAuth: [] }],
        response: { 200: cardEligibilitySchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const { user } = citizenOf(request);
      const [rosterRow] = user.idNumberHash
        ? await app.db
            .select({ communityUnitId: veteranRoster.communityUnitId })
            .from(veteranRoster)
            .where(eq(veteranRoster.idNumberHash, user.idNumberHash))
        : [];
      // The station that keeps the person's file: the roster's community, else the one they chose.
      const stationId = rosterRow?.communityUnitId ?? user.communityUnitId;
      const [station] = stationId
        ? await app.db
            .select({
              name: orgUnits.name,
              address: orgUnits.address,
              phone: orgUnits.phone,
              openingHours: orgUnits.openingHours,
            })
            .from(orgUnits)
            .where(eq(orgUnits.id, stationId))
        : [];
      return decideCardEligibility({
        kind: user.kind,
        hasIdentity: hasIdentity(user),
        registered: rosterRow !== undefined,
        station: station ?? null,
      });
    },
  );
};

export default preferentialCardRoutes;
