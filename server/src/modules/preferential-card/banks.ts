import {
  type CardBank,
  cardBankCreateBodySchema,
  cardBankListSchema,
  cardBankSchema,
  cardBankUpdateBodySchema,
  errorEnvelopeSchema,
} from '@veterans/shared';
import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { cardBanks } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { mysqlErrorCode } from '../../lib/database-errors';

type Reader = Pick<Database, 'select'>;

const columns = { id: cardBanks.id, name: cardBanks.name, active: cardBanks.active };

/** The partner banks in the order they were added (the national partners first); inactive ones too. */
export async function listCardBanks(db: Reader): Promise<CardBank[]> {
  return db.select(columns).from(cardBanks).orderBy(asc(cardBanks.id));
}

const security = [{ bearerAuth: [] }];
const errors = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema };

/** The applicants' list: public, like the units, since it only names banks. */
export const cardBanksRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/card-banks',
    {
      schema: {
        tags: ['requests'],
        summary: '优待证合作银行（可选择的发卡银行）',
        response: { 200: cardBankListSchema },
      },
    },
    async () => ({ items: (await listCardBanks(app.db)).filter((bank) => bank.active) }),
  );
};

/** The district admin keeps the list under /admin; banks are never deleted, only taken off (active: false). */
export const cardBanksAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const manage = app.requireAbility('banks.manage');

  app.get(
    '/card-banks',
    {
      onRequest: manage,
      schema: {
        tags: ['admin'],
        summary: '优待证合作银行（含已停用）',
        security,
        response: { 200: cardBankListSchema, ...errors },
      },
    },
    async () => ({ items: await listCardBanks(app.db) }),
  );

  async function saved(id: number): Promise<CardBank> {
    const [bank] = await app.db.select(columns).from(cardBanks).where(eq(cardBanks.id, id));
    if (!bank) throw new AppError('NOT_FOUND', '该银行不在合作银行列表中');
    return bank;
  }

  /** Unique names: a second 中国工商银行 would split the requests that chose it. */
  async function guardingName<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (mysqlErrorCode(error) === 'ER_DUP_ENTRY') throw new AppError('CARD_BANK_TAKEN');
      throw error;
    }
  }

  app.post(
    '/card-banks',
    {
      onRequest: manage,
      schema: {
        tags: ['admin'],
        summary: '新增优待证合作银行',
        security,
        body: cardBankCreateBodySchema,
        response: { 201: cardBankSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { name } = request.body;
      const [created] = await guardingName(() => app.db.insert(cardBanks).values({ name }).$returningId());
      if (!created) throw new AppError('INTERNAL_ERROR');
      await request.audit({ action: 'card_bank.create', targetType: 'card_bank', targetId: String(created.id) });
      return reply.status(201).send(await saved(created.id));
    },
  );

  app.patch(
    '/card-banks/:id',
    {
      onRequest: manage,
      schema: {
        tags: ['admin'],
        summary: '修改合作银行名称，或停用、启用',
        description: '停用的银行不再供申请人选择，选择了它的草稿提交时会被拒绝；已提交的办件不受影响。',
        security,
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: cardBankUpdateBodySchema,
        response: { 200: cardBankSchema, 404: errorEnvelopeSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const before = await saved(request.params.id);
      const { name, active } = request.body;
      await guardingName(() =>
        app.db
          .update(cardBanks)
          .set({ ...(name === undefined ? {} : { name }), ...(active === undefined ? {} : { active }) })
          .where(eq(cardBanks.id, before.id)),
      );
      await request.audit({
        action: 'card_bank.update',
        targetType: 'card_bank',
        targetId: String(before.id),
        detail: { before: { name: before.name, active: before.active }, after: { name, active } },
      });
      return saved(before.id);
    },
  );
};
