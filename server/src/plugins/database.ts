import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { connectDatabase, type Database, type DatabaseHandle } from '../db/client';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    /** The pool behind `db` (the metrics read its connection counts). */
    databasePool: DatabaseHandle['pool'];
    /** Resolves when the database answers a trivial query within the time limit. */
    pingDatabase(timeoutMs?: number): Promise<boolean>;
  }
}

async function database(app: FastifyInstance) {
  const { db, pool } = connectDatabase(
    app.config.DATABASE_URL,
    app.config.DATABASE_POOL_SIZE,
    app.config.DATABASE_STATEMENT_TIMEOUT_MS,
    app.config.DATABASE_GALERA,
  );
  app.decorate('db', db);
  app.decorate('databasePool', pool);
  app.decorate('pingDatabase', async (timeoutMs = 2000) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ping = db.execute(sql`SELECT 1`).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  });
  app.addHook('onClose', async () => {
    await pool.end();
  });
}

export default fp(database, { name: 'database', dependencies: ['config'] });
