import {
  beijingToday,
  findService,
  formatChineseDate,
  type HomeFilingBody,
  type HomeFilingRefusal,
  homeFilingReasonLabels,
  homeFilingScheduleProblem,
  homeFilingStatusLabels,
  homeFilingVisitProblem,
  type MyHomeFiling,
  type StaffHomeFiling,
} from '@veterans/shared';
import { and, desc, eq, inArray, like, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { Database } from '../../db/client';
import { homeFilingRequests, orgUnits, serviceRequests, users } from '../../db/schema/index';
import { sealedIn, writeSealed } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import type { CitizenCaller, StaffCaller } from '../../plugins/caller';
import { actingFor } from '../family-links/acting-for';
import { maskedNameOf } from '../me/names';
import { notify, notifyMany } from '../notifications/notify';
import { staffOfUnit } from '../notifications/recipients';
import { routeRequest } from '../requests/service';

type Row = typeof homeFilingRequests.$inferSelect;

function refusal(problem: HomeFilingRefusal): AppError {
  return problem.path
    ? new AppError(problem.code, problem.message, [{ path: problem.path, message: problem.message }])
    : new AppError(problem.code, problem.message);
}

const serviceName = (code: Row['serviceCode']) => findService(code)?.name ?? code;
const MY_PAGE = '/subpackages/requests/home-filing/index';

/** The station that visits: the person's own community when it is active, else the unit that handles the service. */
async function visitingUnit(db: Database, personUserId: number, serviceCode: Row['serviceCode']): Promise<number> {
  const [community] = await db
    .select({ id: orgUnits.id })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.communityUnitId))
    .where(and(eq(users.id, personUserId), eq(orgUnits.active, true)));
  return community?.id ?? routeRequest(db, serviceCode, personUserId);
}

/** `POST /me/home-filing`: the person, or family actively linked to them, asks for staff to come and file. */
export async function askForHomeFiling(
  db: Database,
  cipher: FieldCipher,
  caller: CitizenCaller,
  body: HomeFilingBody,
): Promise<number> {
  const personUserId = await actingFor(db, caller.id, body.onBehalfOf);
  const unitId = await visitingUnit(db, personUserId, body.serviceCode);
  return inTransaction(db, async (tx) => {
    const [result] = await tx.insert(homeFilingRequests).values({
      personUserId,
      requestedByUserId: caller.id,
      unitId,
      serviceCode: body.serviceCode,
      reason: body.reason,
      addressCipher: '',
    });
    const id = Number(result.insertId);
    await writeSealed(tx, cipher, id, [
      [homeFilingRequests.addressCipher, body.address],
      ...(body.contactPhone ? ([[homeFilingRequests.contactPhoneCipher, body.contactPhone]] as const) : []),
      ...(body.reasonNote ? ([[homeFilingRequests.reasonNoteCipher, body.reasonNote]] as const) : []),
    ]);
    const staff = await staffOfUnit(tx, unitId, { includeAncestors: true });
    await notifyMany(
      tx,
      staff.map((recipient) => ({
        recipient,
        kind: 'home-filing-requested',
        title: '新的入户办理申请',
        body: `${homeFilingReasonLabels[body.reason]}，申请上门办理“${serviceName(body.serviceCode)}”，请安排上门日期`,
        link: '/subpackages/staff/home-filing/index',
      })),
    );
    return id;
  });
}

type SealedColumn = Parameters<typeof sealedIn>[0];

function opened(cipher: FieldCipher, column: SealedColumn, rowId: number, value: string | null): string | null {
  return value ? cipher.decrypt(value, sealedIn(column, rowId)) : null;
}

interface Listed {
  row: Row;
  unitName: string;
  unitPhone: string | null;
  personNameCipher: string | null;
}

const person = alias(users, 'home_filing_person');
const listColumns = {
  row: homeFilingRequests,
  unitName: orgUnits.name,
  unitPhone: orgUnits.phone,
  personNameCipher: person.nameCipher,
};

function common({ row, unitName, unitPhone }: Listed) {
  return {
    id: row.id,
    serviceCode: row.serviceCode,
    serviceName: serviceName(row.serviceCode),
    reason: row.reason,
    reasonLabel: homeFilingReasonLabels[row.reason],
    status: row.status,
    statusLabel: homeFilingStatusLabels[row.status],
    visitDate: row.visitDate,
    scheduleNote: row.scheduleNote,
    unitName,
    unitPhone,
    filedRequestId: row.filedRequestId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** `GET /me/home-filing`: what the caller asked for, for themselves or for a linked veteran, and what asks about them. */
export async function myHomeFilings(db: Database, cipher: FieldCipher, caller: CitizenCaller): Promise<MyHomeFiling[]> {
  const rows = await db
    .select(listColumns)
    .from(homeFilingRequests)
    .innerJoin(orgUnits, eq(orgUnits.id, homeFilingRequests.unitId))
    .innerJoin(person, eq(person.id, homeFilingRequests.personUserId))
    .where(or(eq(homeFilingRequests.requestedByUserId, caller.id), eq(homeFilingRequests.personUserId, caller.id)))
    .orderBy(desc(homeFilingRequests.id));
  return rows.map((listed) => ({
    ...common(listed),
    forName:
      listed.row.personUserId === caller.id
        ? null
        : maskedNameOf(cipher, listed.row.personUserId, listed.personNameCipher),
  }));
}

function toStaffRow(cipher: FieldCipher, listed: Listed): StaffHomeFiling {
  const { row } = listed;
  return {
    ...common(listed),
    personUserId: row.personUserId,
    personName: maskedNameOf(cipher, row.personUserId, listed.personNameCipher),
    address: opened(cipher, homeFilingRequests.addressCipher, row.id, row.addressCipher) ?? '',
    contactPhone: opened(cipher, homeFilingRequests.contactPhoneCipher, row.id, row.contactPhoneCipher),
    reasonNote: opened(cipher, homeFilingRequests.reasonNoteCipher, row.id, row.reasonNoteCipher),
    askedByFamily: row.requestedByUserId !== row.personUserId,
    visitedAt: row.visitedAt ? row.visitedAt.toISOString() : null,
  };
}

/** `GET /staff/home-filing`: the 入户办理 requests of units in the caller's subtree, open ones first by date. */
export async function staffHomeFilings(
  db: Database,
  cipher: FieldCipher,
  caller: StaffCaller,
  openOnly: boolean,
): Promise<StaffHomeFiling[]> {
  const rows = await db
    .select(listColumns)
    .from(homeFilingRequests)
    .innerJoin(orgUnits, eq(orgUnits.id, homeFilingRequests.unitId))
    .innerJoin(person, eq(person.id, homeFilingRequests.personUserId))
    .where(
      and(
        like(orgUnits.path, `${caller.unitPath}%`),
        openOnly ? inArray(homeFilingRequests.status, ['requested', 'scheduled']) : undefined,
      ),
    )
    .orderBy(homeFilingRequests.status, homeFilingRequests.visitDate, homeFilingRequests.id);
  return rows.map((listed) => toStaffRow(cipher, listed));
}

/** One request of the caller's subtree, locked; out of scope looks like absent. */
async function lockedInScope(tx: Database, caller: StaffCaller, id: number): Promise<Listed> {
  const [found] = await tx
    .select(listColumns)
    .from(homeFilingRequests)
    .innerJoin(orgUnits, eq(orgUnits.id, homeFilingRequests.unitId))
    .innerJoin(person, eq(person.id, homeFilingRequests.personUserId))
    .where(and(eq(homeFilingRequests.id, id), like(orgUnits.path, `${caller.unitPath}%`)))
    .for('update');
  if (!found) throw new AppError('NOT_FOUND', '入户办理申请不存在');
  return found;
}

async function reread(db: Database, cipher: FieldCipher, caller: StaffCaller, id: number): Promise<StaffHomeFiling> {
  return toStaffRow(cipher, await lockedInScope(db, caller, id));
}

/** `POST /staff/home-filing/:id/schedule`: the visit's date (again, to move it); the person and the asker are told. */
export async function scheduleHomeFiling(
  db: Database,
  cipher: FieldCipher,
  caller: StaffCaller,
  id: number,
  input: { visitDate: string; note?: string },
  now = new Date(),
): Promise<StaffHomeFiling> {
  await inTransaction(db, async (tx) => {
    const { row, unitName, unitPhone } = await lockedInScope(tx, caller, id);
    const problem = homeFilingScheduleProblem(row.status, input.visitDate, beijingToday(now));
    if (problem) throw refusal(problem);
    const note = input.note?.trim() || null;
    await tx
      .update(homeFilingRequests)
      .set({ status: 'scheduled', visitDate: input.visitDate, scheduleNote: note, scheduledBy: caller.id })
      .where(eq(homeFilingRequests.id, row.id));
    const body = `${unitName}工作人员将于${formatChineseDate(input.visitDate)}上门办理“${serviceName(row.serviceCode)}”${
      note ? `（${note}）` : ''
    }。请备好身份证等材料${unitPhone ? `；如需改期请致电 ${unitPhone}` : ''}。`;
    for (const userId of new Set([row.personUserId, row.requestedByUserId])) {
      await notify(tx, {
        recipient: { type: 'citizen', id: userId },
        kind: 'home-filing-scheduled',
        title: '已约定上门办理日期',
        body,
        link: MY_PAGE,
      });
    }
  });
  return reread(db, cipher, caller, id);
}

/**
 * `POST /staff/home-filing/:id/visit`: what was done at the visit; the request filed there (through the
 * counter-filing path, channel home) is linked when given — it must be that person's request filed 上门.
 */
export async function recordHomeFilingVisit(
  db: Database,
  cipher: FieldCipher,
  caller: StaffCaller,
  id: number,
  input: { findings: string; requestId?: number },
  now = new Date(),
): Promise<StaffHomeFiling> {
  await inTransaction(db, async (tx) => {
    const { row } = await lockedInScope(tx, caller, id);
    const problem = homeFilingVisitProblem(row.status, row.visitDate, beijingToday(now));
    if (problem) throw refusal(problem);
    if (input.requestId !== undefined) {
      const [filed] = await tx
        .select({ id: serviceRequests.id })
        .from(serviceRequests)
        .where(
          and(
            eq(serviceRequests.id, input.requestId),
            eq(serviceRequests.subjectUserId, row.personUserId),
            eq(serviceRequests.channel, 'home'),
          ),
        );
      if (!filed) {
        const message = '关联的办件应为本次上门为该群众办理（受理方式：上门）的办件';
        throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.requestId', message }]);
      }
    }
    await tx
      .update(homeFilingRequests)
      .set({
        status: 'visited',
        visitedAt: now,
        visitedBy: caller.id,
        filedRequestId: input.requestId ?? null,
      })
      .where(eq(homeFilingRequests.id, row.id));
    await writeSealed(tx, cipher, row.id, [[homeFilingRequests.findingsCipher, input.findings]]);
  });
  return reread(db, cipher, caller, id);
}
