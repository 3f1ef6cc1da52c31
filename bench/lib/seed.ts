import { randomBytes } from 'node:crypto';
import { idNumberCheckCharacter, type RequestStatus, type ServiceCode, serviceCodes } from '@veterans/shared';
import mysql, { type Pool, type RowDataPacket } from 'mysql2/promise';
import { DEMO_DATA_ENCRYPTION_KEY } from '../../server/src/config';
import { connectDatabase } from '../../server/src/db/client';
import { runMigrations } from '../../server/src/db/migrate';
import { serviceRequests, users } from '../../server/src/db/schema/index';
import { sealedIn } from '../../server/src/db/sealed-columns';
import { seedDemoData } from '../../server/src/demo/seed';
import { createFieldCipher, keyRing } from '../../server/src/lib/field-cipher';
import { workingCalendar, workingDaysBetween } from '../../server/src/modules/calendar/working-days';
import { materialiseSlots } from '../../server/src/modules/legal/slots';
import { REQUEST_NUMBER_SHARDS } from '../../server/src/modules/requests/numbering';
import { rebuildRequestStats } from '../../server/src/modules/stats/rollups';

/**
 * Realistic data for one district, fast: multi-row INSERTs straight through mysql2 (no ORM), the identity fields
 * encrypted with the server's own field cipher and demo key (so the API reads them like its own rows).
 *
 *  - 30,000 citizens (90 % veterans, most verified; 10 % family members, some linked to a veteran);
 *  - 200,000 requests over the past year, across services, statuses and the demo units, with their timeline events,
 *    a quarter of the completed ones rated and a follow-up for each low rating;
 *  - a year of Tuesday-morning consultation slots behind us with their bookings, and the next four weeks open;
 *  - 15,000 drafts ready to submit (benchmark 3), and 1,000 veterans who have never booked (benchmark 2);
 *  - 1,000 published articles, 10 of which mention 优待证 (benchmark 7).
 */

export const USERS = 30_000;
export const REQUESTS = 200_000;
export const DRAFTS = 15_000;
export const CONTENDERS = 1_000;
export const ARTICLES = 1_000;
/** The veteran whose list benchmark 1 reads (40 requests: the first page is 20 full items). */
export const LIST_USER_REQUESTS = 40;

const DAY_MS = 86_400_000;
const BATCH = 2_000;

export interface SeededData {
  databaseUrl: string;
  /** Whose request list benchmark 1 reads. */
  listUserId: number;
  /** Veterans with no booking at all, for the booking race. */
  contenderIds: number[];
  /** Draft requests and their applicants, for the submit benchmark. */
  drafts: { requestId: number; userId: number }[];
  districtUnitId: number;
  counts: Record<string, number>;
  seconds: number;
}

let state = 20_261_126;
/** A small deterministic generator: the same data every run. */
function random(): number {
  state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
  return state / 4_294_967_296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function weighted<T>(entries: readonly (readonly [T, number])[]): () => T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  return () => {
    let roll = random() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return (entries.at(-1) as readonly [T, number])[0];
  };
}

const statusOf = weighted<RequestStatus>([
  ['completed', 60],
  ['processing', 9],
  ['accepted', 8],
  ['submitted', 7],
  ['needs_supplement', 3],
  ['rejected', 5],
  ['withdrawn', 4],
  ['draft', 4],
]);

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '建国军华明伟强磊洋勇杰涛超平刚辉鹏斌宇浩';

function idNumber(sequence: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (sequence % 18_000) * DAY_MS);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `411002${ymd}${String(Math.floor(sequence / 18_000) * 100 + (sequence % 100)).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

const beijingDay = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

function formFor(service: ServiceCode): Record<string, unknown> {
  switch (service) {
    case 'policy-question':
      return { topic: '优待抚恤', question: '优待证可以在哪些景区使用？' };
    case 'appeal':
      return { category: '矛盾纠纷', description: '与物业因停车问题发生纠纷，希望协调。' };
    case 'preferential-card':
      return {
        enlistmentDate: '2000-12-01',
        dischargeDate: '2005-12-01',
        branch: '陆军',
        dischargeType: '退伍',
        address: '许昌市魏都区文化路 1 号',
        bank: '中国工商银行',
        idPhoto: [],
        dischargeCertificate: [],
      };
    case 'insurance-transfer':
      return { dischargeDate: '2024-12-01', insuranceKinds: '养老保险和医疗保险', employment: '已就业' };
    case 'resettlement':
      return { dischargeDate: '2025-09-01', arrivalDate: '2025-09-15', placementType: '自主就业', education: '本科' };
    case 'hardship-aid':
      return {
        hardshipKind: '重病',
        householdSize: 3,
        monthlyIncome: 1234.5,
        medicalCosts: 86000,
        description: '住院',
      };
  }
}

async function insertRows(pool: Pool, table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    await pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows.slice(start, start + BATCH)]);
  }
}

/** Creates a fresh database on `serverUrl`, migrates and fills it; returns what the benchmarks need. */
export async function seedBenchDatabase(serverUrl: string, log: (line: string) => void): Promise<SeededData> {
  const started = performance.now();
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: serverUrl });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const databaseUrl = new URL(name, serverUrl).toString();
  await runMigrations(databaseUrl);

  const { db, pool: drizzlePool } = connectDatabase(databaseUrl, 2);
  await seedDemoData(db);
  await materialiseSlots(db, new Date());
  await drizzlePool.end();

  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: 4, timezone: 'Z', charset: 'utf8mb4_unicode_ci' });
  pool.pool.on('connection', (connection) => connection.query("SET time_zone = '+00:00'"));
  const cipher = createFieldCipher(keyRing(DEMO_DATA_ENCRYPTION_KEY, 1, ''));
  const now = Date.now();
  const yearAgo = now - 365 * DAY_MS;

  const [unitRows] = await pool.query<RowDataPacket[]>('SELECT id, code, level FROM org_units');
  const communities = unitRows.filter((unit) => unit.level === 'community').map((unit) => Number(unit.id));
  const district = unitRows.find((unit) => unit.level === 'district');
  const districtUnitId = Number(district?.id);
  const [[firstUser]] = await pool.query<RowDataPacket[]>('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM users');
  const firstId = Number(firstUser?.next ?? 1);

  // Citizens: identity encrypted and hashed as the server stores it.
  log(`seeding ${USERS} citizens…`);
  const userRows: unknown[][] = [];
  const veterans: number[] = [];
  const families: number[] = [];
  const communityOf = new Map<number, number>();
  for (let n = 0; n < USERS; n++) {
    const id = firstId + n;
    const family = n % 10 === 9;
    const fullName = `${pick([...SURNAMES])}${pick([...GIVEN])}${pick([...GIVEN])}`;
    const number = idNumber(n + 1);
    const community = pick(communities);
    const verified = !family && random() < 0.85;
    (family ? families : veterans).push(id);
    communityOf.set(id, community);
    userRows.push([
      id,
      family ? 'family' : 'veteran',
      `bench-openid-${id}`,
      cipher.encrypt(fullName, sealedIn(users.nameCipher, id)),
      cipher.hash(fullName),
      cipher.encrypt(number, sealedIn(users.idNumberCipher, id)),
      cipher.hash(number),
      family ? 'none' : verified ? 'verified' : 'pending',
      verified ? new Date(yearAgo + random() * 365 * DAY_MS) : null,
      community,
    ]);
  }
  await insertRows(
    pool,
    'users',
    [
      'id',
      'kind',
      'openid',
      'name_cipher',
      'name_hash',
      'id_number_cipher',
      'id_number_hash',
      'veteran_status',
      'verified_at',
      'community_unit_id',
    ],
    userRows,
  );
  // A third of the family members are linked to a veteran.
  const links = families
    .filter((_, index) => index % 3 === 0)
    .map((familyId) => [familyId, pick(veterans), 'child', 'active']);
  await insertRows(pool, 'family_links', ['family_user_id', 'veteran_user_id', 'relationship', 'status'], links);

  // Roles of the veterans in the benchmarks (disjoint): the list reader, the booking contenders, the draft owners.
  const listUserId = veterans[0] as number;
  const contenderIds = veterans.slice(1, 1 + CONTENDERS);
  const draftOwners = veterans.slice(1 + CONTENDERS, 1 + CONTENDERS + DRAFTS);
  const everyoneElse = veterans.slice(1 + CONTENDERS + DRAFTS);
  const veteranSet = new Set(veterans);

  // Requests over the past year, with their timeline.
  log(`seeding ${REQUESTS} requests and their events…`);
  const perDay = new Map<string, number>();
  const requestRows: unknown[][] = [];
  const eventRows: unknown[][] = [];
  const firstRequestId = 1;
  const calendar = workingCalendar();
  for (let n = 0; n < REQUESTS; n++) {
    const id = firstRequestId + n;
    const service = pick(serviceCodes);
    const status = statusOf();
    const applicant = n < LIST_USER_REQUESTS ? listUserId : pick(n % 7 === 0 ? families : everyoneElse);
    const subject = veteranSet.has(applicant) ? applicant : pick(everyoneElse);
    const created = new Date(yearAgo + random() * 364 * DAY_MS);
    const submitted = status === 'draft' ? null : new Date(created.getTime() + random() * 3 * DAY_MS);
    const day = submitted ? beijingDay(submitted) : null;
    let number: string | null = null;
    if (day) {
      const next = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, next);
      number = `WD${day.replaceAll('-', '')}-${String(next).padStart(4, '0')}`;
    }
    const completed =
      status === 'completed' && submitted ? new Date(submitted.getTime() + (2 + random() * 40) * DAY_MS) : null;
    const due = submitted ? beijingDay(new Date(submitted.getTime() + 28 * DAY_MS)) : null;
    const unit =
      status === 'draft'
        ? null
        : service === 'insurance-transfer' || service === 'resettlement'
          ? districtUnitId
          : communityOf.get(subject);
    const form = formFor(service);
    const sensitive = service === 'hardship-aid';
    const updated = completed ?? submitted ?? created;
    requestRows.push([
      id,
      number,
      service,
      status,
      applicant,
      subject,
      unit,
      sensitive ? null : JSON.stringify(form),
      sensitive ? cipher.encrypt(JSON.stringify(form), sealedIn(serviceRequests.formCipher, id)) : null,
      status === 'draft' ? new Date(now + 30 * DAY_MS) : null,
      submitted,
      due,
      completed,
      completed && submitted ? workingDaysBetween(beijingDay(submitted), beijingDay(completed), calendar) : null,
      status === 'completed' && service === 'appeal' ? '已协调解决' : null,
      created,
      updated,
    ]);
    eventRows.push([id, 'citizen', applicant, 'create', null, 'draft', created]);
    if (submitted) eventRows.push([id, 'citizen', applicant, 'submit', 'draft', 'submitted', submitted]);
    const later = (days: number) => new Date((submitted as Date).getTime() + days * DAY_MS);
    if (['accepted', 'processing', 'completed'].includes(status)) {
      eventRows.push([id, 'staff', 1, 'accept', 'submitted', 'accepted', later(1)]);
    }
    if (['processing', 'completed'].includes(status)) {
      eventRows.push([id, 'staff', 1, 'start', 'accepted', 'processing', later(1.5)]);
    }
    if (status === 'completed') eventRows.push([id, 'staff', 1, 'complete', 'processing', 'completed', completed]);
    if (status === 'rejected') eventRows.push([id, 'staff', 1, 'reject', 'submitted', 'rejected', later(2)]);
    if (status === 'withdrawn')
      eventRows.push([id, 'citizen', applicant, 'withdraw', 'submitted', 'withdrawn', later(1)]);
    if (status === 'needs_supplement') {
      eventRows.push([id, 'staff', 1, 'request_supplement', 'submitted', 'needs_supplement', later(1)]);
    }
  }
  // The drafts of benchmark 3: complete policy questions, one per draft owner, kept 30 more days.
  const drafts: { requestId: number; userId: number }[] = [];
  for (const [index, owner] of draftOwners.entries()) {
    const id = firstRequestId + REQUESTS + index;
    const created = new Date(now - random() * 5 * DAY_MS);
    drafts.push({ requestId: id, userId: owner });
    requestRows.push([
      id,
      null,
      'policy-question',
      'draft',
      owner,
      owner,
      null,
      JSON.stringify({ topic: '优待抚恤', question: `压测草稿 ${index}：优待证可以在哪里使用？` }),
      null,
      new Date(now + 30 * DAY_MS),
      null,
      null,
      null,
      null,
      null,
      created,
      created,
    ]);
    eventRows.push([id, 'citizen', owner, 'create', null, 'draft', created]);
  }
  await insertRows(
    pool,
    'service_requests',
    [
      'id',
      'number',
      'service_code',
      'status',
      'applicant_user_id',
      'subject_user_id',
      'unit_id',
      'form_data',
      'form_cipher',
      'draft_expires_at',
      'submitted_at',
      'due_date',
      'completed_at',
      'handling_working_days',
      'resolution_note',
      'created_at',
      'updated_at',
    ],
    requestRows,
  );
  await insertRows(
    pool,
    'request_events',
    ['request_id', 'actor_type', 'actor_id', 'action', 'from_status', 'to_status', 'created_at'],
    eventRows,
  );
  // The daily counters behind the numbers, as the server's numbering would have left them (else its next number of
  // a seeded day collides with a seeded one): every shard of a day starts above the day's seeded sequences, as the
  // 0020 migration left the days numbered before sharding (shard s, value v is sequence (v - 1) × shards + s + 1).
  await insertRows(
    pool,
    'request_number_counters',
    ['day', 'shard', 'last_value'],
    [...perDay].flatMap(([day, last]) =>
      Array.from({ length: REQUEST_NUMBER_SHARDS }, (_, shard) => [
        day.replaceAll('-', ''),
        shard,
        Math.ceil(last / REQUEST_NUMBER_SHARDS),
      ]),
    ),
  );
  // Ratings: a quarter of the completed requests; low ones open a follow-up (half closed).
  await pool.query(`INSERT INTO ratings (request_id, user_id, level, unit_id, request_submitted_at, created_at)
    SELECT id, applicant_user_id, 1 + (id * 7919) % 5, unit_id, submitted_at, completed_at FROM service_requests
     WHERE status = 'completed' AND id % 4 = 0`);
  await pool.query(`INSERT INTO rating_follow_ups (rating_id, request_id, unit_id, status)
    SELECT r.id, r.request_id, s.unit_id, IF(r.id % 2 = 0, 'closed', 'open')
      FROM ratings r JOIN service_requests s ON s.id = r.request_id WHERE r.level <= 2`);

  // A year of Tuesday mornings behind us: six 30-minute slots, two places each, mostly used.
  log('seeding a year of consultation slots and bookings…');
  const [[rule]] = await pool.query<RowDataPacket[]>('SELECT id, place FROM legal_schedule_rules ORDER BY id LIMIT 1');
  const topics = ['labour', 'housing', 'other', 'contract', 'marriage-family', 'social-security'] as const;
  const pastStatus = weighted([
    ['checked_in', 70],
    ['no_show', 10],
    ['cancelled', 20],
  ] as const);
  const today = new Date(now);
  const lastTuesday = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - ((today.getUTCDay() + 5) % 7) - 7),
  );
  let bookings = 0;
  for (let week = 0; week < 52; week++) {
    const slotRows: unknown[][] = [];
    for (let slot = 0; slot < 6; slot++) {
      const startsAt = new Date(lastTuesday.getTime() - week * 7 * DAY_MS + (60 + slot * 30) * 60_000);
      slotRows.push([rule?.id, startsAt, new Date(startsAt.getTime() + 30 * 60_000), rule?.place, 2, 2]);
    }
    const [result] = await pool.query<mysql.ResultSetHeader>(
      'INSERT IGNORE INTO legal_slots (rule_id, starts_at, ends_at, place, capacity, booked) VALUES ?',
      [slotRows],
    );
    const bookingRows: unknown[][] = [];
    for (let offset = 0; offset < result.affectedRows; offset++) {
      for (let seat = 0; seat < 2; seat++) {
        const person = pick(everyoneElse);
        bookingRows.push([result.insertId + offset, person, person, pick(topics), '咨询', pastStatus()]);
      }
    }
    if (bookingRows.length > 0) {
      await pool.query(
        'INSERT INTO legal_bookings (slot_id, user_id, subject_user_id, topic, description, status) VALUES ?',
        [bookingRows],
      );
      bookings += bookingRows.length;
    }
  }
  // Content: 1,000 published policy articles of ~900 Chinese characters, 10 of which mention 优待证 (search).
  log(`seeding ${ARTICLES} articles…`);
  const phrases = ['退役军人', '服务中心', '社会保险', '就业创业', '教育培训', '抚恤补助', '法律援助', '困难帮扶'];
  const paragraph = () => Array.from({ length: 60 }, () => pick(phrases)).join('，');
  const articleRows: unknown[][] = [];
  for (let n = 0; n < ARTICLES; n++) {
    const text = `${paragraph()}。${n % 100 === 7 ? '凭退役军人优待证享受优待。' : ''}${paragraph()}。${paragraph()}。`;
    articleRows.push([
      'policy',
      'published',
      `政策文章 ${n}`,
      `<p>${text}</p>`,
      text,
      new Date(yearAgo + n * 3_600_000),
    ]);
  }
  await insertRows(pool, 'articles', ['channel', 'status', 'title', 'body', 'body_text', 'published_at'], articleRows);

  // The statistics' monthly rollups of the requests written above around the services (as the 0022 migration
  // builds them for the requests it finds).
  const { db: statsDb, pool: statsPool } = connectDatabase(databaseUrl, 1);
  await rebuildRequestStats(statsDb);
  await statsPool.end();

  await pool.query(
    'ANALYZE TABLE users, family_links, service_requests, request_stats_months, request_events, ratings, rating_follow_ups, legal_slots, legal_bookings, articles',
  );
  const counts: Record<string, number> = {};
  for (const table of [
    'users',
    'service_requests',
    'request_events',
    'ratings',
    'legal_slots',
    'legal_bookings',
    'articles',
  ]) {
    const [[row]] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(row?.n);
  }
  await pool.end();
  return {
    databaseUrl,
    listUserId,
    contenderIds,
    drafts,
    districtUnitId,
    counts: { ...counts, pastBookings: bookings },
    seconds: (performance.now() - started) / 1000,
  };
}

export async function dropDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.replace(/^\//, '');
  const admin = await mysql.createConnection({ uri: serverUrl });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.end();
}
