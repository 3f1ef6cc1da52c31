import mysql, { type RowDataPacket } from 'mysql2/promise';
import type { buildApp } from '../../server/src/app';

/** The server's Fastify instance type, without depending on fastify here. */
type App = Awaited<ReturnType<typeof buildApp>>;

/**
 * The floor of benchmark 1: the same SQL as `GET /api/v1/requests` and `GET /api/v1/legal/slots`, on a plain
 * mysql2 pool of the same size, with no authentication, validation, ORM, decryption or response schema. Registered
 * into the real app's instance by bench/server-with-floor.ts only (never by the server itself), so both run in one
 * process and one event loop, side by side.
 */
export interface BareOptions {
  databaseUrl: string;
  poolSize: number;
}

// The ids of the list, as listCitizenRequests finds them: three index lookups joined by UNION.
const REQUEST_LIST_IDS = `SELECT id FROM service_requests WHERE applicant_user_id = ?
  UNION SELECT id FROM service_requests WHERE subject_user_id = ? AND status <> 'draft'
  UNION SELECT r.id FROM family_links f JOIN service_requests r ON r.subject_user_id = f.veteran_user_id
         WHERE f.family_user_id = ? AND f.status = 'active' AND r.status <> 'draft'`;

const beijingMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export default async function bareRoutes(app: App, options: BareOptions) {
  const pool = mysql.createPool({
    uri: options.databaseUrl,
    connectionLimit: options.poolSize,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
  });
  pool.pool.on('connection', (connection) => connection.query("SET time_zone = '+00:00'"));
  app.addHook('onClose', async () => pool.end());

  // GET /api/v1/requests: the page of 20 with the list's size, in one query as listCitizenRequests runs it.
  app.get('/bench/bare/requests', async (request) => {
    const user = Number((request.query as { user?: string }).user);
    const [rows] = await pool.query<RowDataPacket[]>(
      `SELECT r.id, r.number, r.service_code, r.status, r.stage, r.due_date, r.submitted_at, r.updated_at,
              r.draft_expires_at, r.applicant_user_id, r.subject_user_id, u.name_cipher AS subject_name_cipher,
              COUNT(*) OVER () AS total
         FROM (${REQUEST_LIST_IDS}) AS mine
         JOIN service_requests r ON r.id = mine.id
         JOIN users u ON u.id = r.subject_user_id
        ORDER BY r.updated_at DESC, r.id DESC LIMIT 20 OFFSET 0`,
      [user, user, user],
    );
    return { items: rows, total: Number(rows[0]?.total ?? 0), page: 1, pageSize: 20 };
  });

  // GET /api/v1/legal/slots: rules, closures and calendar overrides (in parallel), then the slots of 4 weeks.
  app.get('/bench/bare/slots', async () => {
    const from = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const to = addDays(from, 27);
    const [[rules], [closures], [overrides]] = await Promise.all([
      pool.query<RowDataPacket[]>('SELECT * FROM legal_schedule_rules'),
      pool.query<RowDataPacket[]>('SELECT * FROM legal_closures WHERE day >= ? AND day <= ?', [from, to]),
      pool.query<RowDataPacket[]>('SELECT day, kind, name FROM holiday_overrides WHERE day >= ?', [from]),
    ]);
    const [slots] = await pool.query<RowDataPacket[]>(
      'SELECT * FROM legal_slots WHERE starts_at >= ? AND starts_at < ? ORDER BY starts_at, id',
      [beijingMidnight(from), beijingMidnight(addDays(to, 1))],
    );
    return { from, to, rules: rules.length, closures: closures.length, overrides: overrides.length, slots };
  });
}
