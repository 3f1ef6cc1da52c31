import { createHash } from 'node:crypto';
import {
  type CardStage,
  type CounterChannel,
  cardStageLabels,
  DRAFT_LIFETIME_DAYS,
  decideTransition,
  finalRequestStatuses,
  findService,
  nextStepText,
  type RequestAction,
  type RequestStatus,
  requestActions,
  requestStatusLabels,
  type ServiceCode,
  serviceForms,
  supplementFieldsProblem,
  type TransitionRefusal,
} from '@veterans/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/client';
import { idempotencyKeys, orgUnits, serviceRequests, staffAccounts, users } from '../../db/schema/index';
import { inTransaction, type Transaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import { mysqlErrorCode } from '../../lib/database-errors';
import type { FieldCipher } from '../../lib/field-cipher';
import type { StaffCaller } from '../../plugins/caller';
import { loadWorkingCalendar, workingDaysSince } from '../calendar/queries';
import { addWorkingDays, beijingDate } from '../calendar/working-days';
import { actingFor } from '../family-links/acting-for';
import { requireSensitiveConsent } from '../me/consents';
import { listCardBanks } from '../preferential-card/banks';
import { recordStatsChange } from '../stats/rollups';
import { attachUploads } from '../uploads/attach';
import type { RequestRow } from './access';
import { discardDrafts } from './drafts';
import { recordRequestEvent } from './events';
import {
  answeredSensitiveFields,
  asksForBank,
  attachmentIds,
  bankIssues,
  checkDraft,
  checkSubmission,
  type FormAnswers,
  fromStoredForm,
  mergeAnswers,
  photoIssues,
  promisedDaysOf,
  toStoredForm,
} from './form-data';
import { notifyStaff, notifyStatus, staffRequestLine } from './notices';
import { takeRequestNumber, takeRequestNumberOnce } from './numbering';
import { unitCaseworkers } from './queries';
import { chooseUnit, type RouteUnit } from './routing';
import { decideStage } from './stage';

export type { Transaction };

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the request service needs of the app: the pool and the field cipher. */
export interface RequestDeps {
  db: Database;
  cipher: FieldCipher;
}

export function depsOf(app: FastifyInstance): RequestDeps {
  return { db: app.db, cipher: app.cipher };
}

/** The citizen acting, as loaded from their account row. */
export interface CitizenActor {
  id: number;
  hasIdentity: boolean;
}

/**
 * 窗口代办: a staff member files for the citizen (who is the applicant). The timeline names the staff member as
 * the actor, with `comment` (「窗口代办（经办人 …）」), and the request keeps its channel.
 */
export interface StaffFiling {
  staffId: number;
  channel: CounterChannel;
  comment: string;
}

/** Who a timeline entry of the applicant's side names: the citizen, or the staff member filing for them. */
function applicantSideActor(actor: CitizenActor, filing: StaffFiling | undefined) {
  return filing
    ? { actorType: 'staff' as const, actorId: filing.staffId, comment: filing.comment }
    : { actorType: 'citizen' as const, actorId: actor.id };
}

export function refusalError(refusal: TransitionRefusal): AppError {
  return new AppError(refusal);
}

async function lockRequest(tx: Transaction, requestId: number): Promise<RequestRow> {
  const [row] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, requestId)).for('update');
  if (!row) throw new AppError('REQUEST_NOT_FOUND');
  return row;
}

function validationError(issues: { path: string; message: string }[]): AppError {
  return new AppError('VALIDATION_FAILED', undefined, issues);
}

// ---------------------------------------------------------------------------------------------------------------
// Routing and due dates

type Reader = Pick<Database, 'select'>;

/** The district centre: the root of the subject's tree, or the first active district unit. */
async function districtUnit(db: Reader): Promise<number> {
  const [unit] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.level, 'district'), eq(orgUnits.active, true)))
    .orderBy(asc(orgUnits.id))
    .limit(1);
  if (!unit) throw new AppError('SERVICE_UNAVAILABLE', '尚未设置区退役军人服务中心，暂时无法提交');
  return unit.id;
}

/** The unit a request for this subject goes to (see `chooseUnit`). */
export async function routeRequest(db: Reader, serviceCode: ServiceCode, subjectUserId: number): Promise<number> {
  const handledBy = findService(serviceCode)?.handledBy ?? 'district';
  const [subject] = await db
    .select({ path: orgUnits.path })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.communityUnitId))
    .where(eq(users.id, subjectUserId));
  if (subject) {
    const codes = subject.path.split('/').filter(Boolean);
    const chain = await db
      .select({ id: orgUnits.id, level: orgUnits.level, active: orgUnits.active, path: orgUnits.path })
      .from(orgUnits)
      .where(inArray(orgUnits.code, codes));
    const ordered: RouteUnit[] = chain
      .filter((unit) => subject.path.startsWith(unit.path))
      .sort((a, b) => a.path.length - b.path.length);
    const chosen = chooseUnit(handledBy, ordered);
    if (chosen !== null) return chosen;
  }
  return districtUnit(db);
}

export async function dueDateFor(db: Reader, serviceCode: ServiceCode, submittedAt: Date): Promise<string> {
  const start = beijingDate(submittedAt);
  return addWorkingDays(start, promisedDaysOf(serviceCode), await loadWorkingCalendar(db, start));
}

// ---------------------------------------------------------------------------------------------------------------
// Idempotency

type IdempotencyScope = 'request.create' | 'request.submit';

/** What a key must match to replay: the operation, its request (submit), the hash of its body (create). */
interface IdempotencyExpectation {
  scope: IdempotencyScope;
  requestId?: number;
  bodyHash?: string;
}

/** JSON with object keys sorted at every level, so the same body always gives the same text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** SHA-256 (hex) of a parsed body's canonical JSON: a key reused with other content must not replay. */
export function bodyHashOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

async function storedIdempotency(db: Reader, userId: number, key: string) {
  const [row] = await db
    .select({ scope: idempotencyKeys.scope, requestId: idempotencyKeys.requestId, bodyHash: idempotencyKeys.bodyHash })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return row;
}

/**
 * The request a key already stands for (a replay), or undefined when the key is new. A key names one
 * operation: reused for another request, to create after having submitted, or with another body, it is
 * IDEMPOTENCY_KEY_REUSED. Rows stored before bodies were hashed (null) replay as they always did.
 */
async function replayOf(
  db: Reader,
  userId: number,
  key: string,
  expected: IdempotencyExpectation,
): Promise<number | undefined> {
  const stored = await storedIdempotency(db, userId, key);
  if (!stored) return undefined;
  const same =
    expected.requestId === undefined ? stored.scope === expected.scope : stored.requestId === expected.requestId;
  const sameBody = stored.bodyHash === null || stored.bodyHash === (expected.bodyHash ?? null);
  if (!same || !sameBody) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return stored.requestId;
}

export interface Outcome {
  requestId: number;
  /** True when an earlier call with the same Idempotency-Key did the work. */
  replayed: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Submitting (inside a transaction, on the locked row)

async function submitLocked(
  tx: Transaction,
  deps: RequestDeps,
  row: RequestRow,
  actor: CitizenActor,
  now: Date,
  takenNumber: string | null,
  filing?: StaffFiling,
): Promise<void> {
  const action: RequestAction = row.status === 'needs_supplement' ? 'resubmit' : 'submit';
  const decision = decideTransition({ status: row.status, action, actor: 'applicant', serviceCode: row.serviceCode });
  if (!decision.ok) throw refusalError(decision.refusal);
  if (row.status === 'draft' && row.draftExpiresAt && row.draftExpiresAt <= now) throw new AppError('DRAFT_EXPIRED');
  if (!actor.hasIdentity) throw new AppError('IDENTITY_REQUIRED');
  const check = checkSubmission(row.serviceCode, fromStoredForm(row, deps.cipher));
  if (!check.ok) throw validationError(check.issues);

  // Every file the form names must still be the applicant's (and becomes this request's).
  const files = await attachUploads(tx, {
    requestId: row.id,
    uploaderUserId: row.applicantUserId,
    filingStaffId: filing?.staffId,
    publicIds: attachmentIds(row.serviceCode, check.data),
  });
  const badPhotos = photoIssues(row.serviceCode, check.data, files);
  if (badPhotos.length > 0) throw validationError(badPhotos);
  if (asksForBank(row.serviceCode)) {
    const badBank = bankIssues(row.serviceCode, check.data, await listCardBanks(tx));
    if (badBank.length > 0) throw validationError(badBank);
  }
  const first = action === 'submit';
  // A resubmit after a supplement keeps its number, unit and the original due date.
  const unitId = first || row.unitId === null ? await routeRequest(tx, row.serviceCode, row.subjectUserId) : row.unitId;
  const dueDate = first || row.dueDate === null ? await dueDateFor(tx, row.serviceCode, now) : row.dueDate;
  // The number was taken before the transaction (takeRequestNumber: the day's counter is never locked for the
  // length of a submit); only a row that had none then falls back to taking one here.
  const number = row.number ?? takenNumber ?? (await takeRequestNumberOnce(tx, now));
  const stored = toStoredForm(row.serviceCode, check.data, deps.cipher, row.id);
  const counted = { status: decision.to, unitId, dueDate, submittedAt: row.submittedAt ?? now };
  await tx
    .update(serviceRequests)
    .set({
      ...counted,
      number,
      draftExpiresAt: null,
      formData: stored.formData,
      formCipher: stored.formCipher,
    })
    .where(eq(serviceRequests.id, row.id));
  await recordStatsChange(tx, row, { ...row, ...counted });
  const eventId = await recordRequestEvent(tx, {
    at: now,
    requestId: row.id,
    ...applicantSideActor(actor, filing),
    action,
    fromStatus: row.status,
    toStatus: decision.to,
  });
  const [unit] = await tx.select({ level: orgUnits.level }).from(orgUnits).where(eq(orgUnits.id, unitId));
  const submitted = { ...row, status: decision.to, number, unitId, dueDate };
  await notifyStatus(tx, {
    request: submitted,
    dedupeKey: first ? `request-status:${row.id}:submitted` : `request-status:${row.id}:${eventId}`,
    title: first ? '办件已提交' : '补正材料已提交',
    detail: nextStepText({
      status: decision.to,
      serviceCode: row.serviceCode,
      today: beijingDate(now),
      dueDate,
      unitLevel: unit?.level ?? null,
    }),
    at: now,
  });
  // Newly routed requests reach every caseworker of the unit (a unit has a handful); a resubmit, the assignee.
  const staffIds = row.assigneeStaffId !== null ? [row.assigneeStaffId] : await unitCaseworkers(tx, unitId);
  await notifyStaff(tx, {
    staffIds,
    kind: 'request-routed',
    title: first ? '新办件待受理' : '办件已补正，待继续办理',
    body: staffRequestLine(submitted),
    requestId: row.id,
  });
}

/** Runs a transaction that records an Idempotency-Key, answering a replay when the key won the race elsewhere. */
async function idempotent(
  deps: RequestDeps,
  userId: number,
  key: string | undefined,
  expected: IdempotencyExpectation,
  work: (tx: Transaction, remember: (requestId: number) => Promise<void>) => Promise<number>,
  precheck?: () => Promise<void>,
): Promise<Outcome> {
  if (key) {
    const replayed = await replayOf(deps.db, userId, key, expected);
    if (replayed !== undefined) return { requestId: replayed, replayed: true };
  }
  // Checks that read through the pool run before the transaction: inside it, a second pooled connection
  // per request could starve the pool while transactions wait on each other's locks.
  await precheck?.();
  const remember = (tx: Transaction) => async (requestId: number) => {
    if (key) {
      await tx
        .insert(idempotencyKeys)
        .values({ userId, key, scope: expected.scope, requestId, bodyHash: expected.bodyHash ?? null });
    }
  };
  try {
    const requestId = await inTransaction(deps.db, (tx) => work(tx, remember(tx)));
    return { requestId, replayed: false };
  } catch (error) {
    // Another call with the same key committed first (we waited on its row lock): answer as it did.
    if (key && mysqlErrorCode(error) === 'ER_DUP_ENTRY') {
      const replayed = await replayOf(deps.db, userId, key, expected);
      if (replayed !== undefined) return { requestId: replayed, replayed: true };
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Applicant side

export interface CreateInput {
  serviceCode: ServiceCode;
  formData?: FormAnswers;
  onBehalfOf?: number;
  submit?: boolean;
}

/**
 * `POST /requests`: a draft (kept DRAFT_LIFETIME_DAYS days after its last save), or at once a submitted
 * request when `submit` is set — all or nothing: a submission that fails validation creates no draft either.
 */
export async function createRequest(
  deps: RequestDeps,
  actor: CitizenActor,
  input: CreateInput,
  idempotencyKey: string | undefined,
  now = new Date(),
  filing?: StaffFiling,
): Promise<Outcome> {
  const subjectUserId = await actingFor(deps.db, actor.id, input.onBehalfOf);
  const check = checkDraft(input.serviceCode, input.formData ?? {});
  if (!check.ok) throw validationError(check.issues);
  if (input.submit && !actor.hasIdentity) throw new AppError('IDENTITY_REQUIRED');
  if (answeredSensitiveFields(input.serviceCode, check.data).length > 0) {
    await requireSensitiveConsent(deps.db, actor.id);
  }
  const expected = { scope: 'request.create' as const, bodyHash: bodyHashOf(input) };
  // A create that submits takes its number before its transaction, through the pool (see takeRequestNumber).
  let takenNumber: string | null = null;
  const takeNumber = async () => {
    if (input.submit) takenNumber = await takeRequestNumber(deps.db, now);
  };
  return idempotent(
    deps,
    actor.id,
    idempotencyKey,
    expected,
    async (tx, remember) => {
      const [result] = await tx.insert(serviceRequests).values({
        serviceCode: input.serviceCode,
        status: 'draft',
        applicantUserId: actor.id,
        subjectUserId,
        ...(filing ? { channel: filing.channel, filedByStaffId: filing.staffId } : {}),
        draftExpiresAt: new Date(now.getTime() + DRAFT_LIFETIME_DAYS * DAY_MS),
      });
      const requestId = Number(result.insertId);
      // An encrypted form is sealed to the request's id, known only now.
      await tx
        .update(serviceRequests)
        .set(toStoredForm(input.serviceCode, check.data, deps.cipher, requestId))
        .where(eq(serviceRequests.id, requestId));
      await attachUploads(tx, {
        requestId,
        uploaderUserId: actor.id,
        filingStaffId: filing?.staffId,
        publicIds: attachmentIds(input.serviceCode, check.data),
      });
      await recordRequestEvent(tx, {
        at: now,
        requestId,
        ...applicantSideActor(actor, filing),
        action: 'create',
        toStatus: 'draft',
      });
      if (input.submit) {
        await submitLocked(tx, deps, await lockRequest(tx, requestId), actor, now, takenNumber, filing);
      }
      await remember(requestId);
      return requestId;
    },
    takeNumber,
  );
}

/** The applicant's own request, locked; others who may see it (the veteran, family) are refused with 403. */
function requireApplicant(row: RequestRow, actor: CitizenActor): void {
  if (row.applicantUserId !== actor.id) {
    throw new AppError('FORBIDDEN', row.status === 'draft' ? undefined : '只有申请人可以修改或撤回该办件');
  }
}

function requireEditable(row: RequestRow, now: Date): void {
  if (row.status === 'draft') {
    if (row.draftExpiresAt && row.draftExpiresAt <= now) throw new AppError('DRAFT_EXPIRED');
    return;
  }
  if (row.status !== 'needs_supplement') throw new AppError('NOT_EDITABLE');
}

/**
 * `PATCH /requests/:id`: saves answers into a draft, or into a request sent back for a supplement. Each save
 * of a draft keeps it another DRAFT_LIFETIME_DAYS days (and re-arms the expiry reminder).
 */
export async function updateRequestForm(
  deps: RequestDeps,
  actor: CitizenActor,
  row: RequestRow,
  patch: { formData: FormAnswers; replace?: boolean },
  now = new Date(),
): Promise<void> {
  requireApplicant(row, actor);
  requireEditable(row, now);
  // Sensitive answers need the applicant's consent before they are stored (checked before the transaction,
  // through the pool; the patch alone decides, as the saved answers were consented to when saved).
  const patched = checkDraft(
    row.serviceCode,
    mergeAnswers(fromStoredForm(row, deps.cipher), patch.formData, patch.replace),
  );
  if (!patched.ok) throw validationError(patched.issues);
  if (answeredSensitiveFields(row.serviceCode, patched.data).length > 0) {
    await requireSensitiveConsent(deps.db, actor.id);
  }
  await inTransaction(deps.db, async (tx) => {
    const locked = await lockRequest(tx, row.id);
    requireEditable(locked, now);
    const merged = mergeAnswers(fromStoredForm(locked, deps.cipher), patch.formData, patch.replace);
    const check = checkDraft(locked.serviceCode, merged);
    if (!check.ok) throw validationError(check.issues);
    await attachUploads(tx, {
      requestId: locked.id,
      uploaderUserId: locked.applicantUserId,
      publicIds: attachmentIds(locked.serviceCode, check.data),
    });
    const stored = toStoredForm(locked.serviceCode, check.data, deps.cipher, locked.id);
    await tx
      .update(serviceRequests)
      .set({
        formData: stored.formData,
        formCipher: stored.formCipher,
        ...(locked.status === 'draft'
          ? { draftExpiresAt: new Date(now.getTime() + DRAFT_LIFETIME_DAYS * DAY_MS), draftReminderSentAt: null }
          : {}),
      })
      .where(eq(serviceRequests.id, locked.id));
  });
}

/**
 * `POST /requests/:id/submit`: a draft is submitted (number, unit, due date), a request sent back for a
 * supplement is resubmitted (keeping its number, unit and original due date). Idempotent with a key.
 */
export async function submitRequest(
  deps: RequestDeps,
  actor: CitizenActor,
  row: RequestRow,
  idempotencyKey: string | undefined,
  now = new Date(),
): Promise<Outcome> {
  requireApplicant(row, actor);
  let takenNumber: string | null = null;
  return idempotent(
    deps,
    actor.id,
    idempotencyKey,
    { scope: 'request.submit', requestId: row.id },
    async (tx, remember) => {
      // The key first: a concurrent retry with the same key waits on it here, then finds it taken.
      await remember(row.id);
      await submitLocked(tx, deps, await lockRequest(tx, row.id), actor, now, takenNumber);
      return row.id;
    },
    async () => {
      // Consent to sensitive data may have been withdrawn since the draft was saved.
      if (answeredSensitiveFields(row.serviceCode, fromStoredForm(row, deps.cipher)).length > 0) {
        await requireSensitiveConsent(deps.db, actor.id);
      }
      // The number, in its own statement before the transaction (see takeRequestNumber), for a first submit
      // that is not refused outright; a submit refused later inside the transaction leaves a gap.
      const expired = row.draftExpiresAt !== null && row.draftExpiresAt <= now;
      if (row.number === null && row.status === 'draft' && !expired && actor.hasIdentity) {
        takenNumber = await takeRequestNumber(deps.db, now);
      }
    },
  );
}

/** `POST /requests/:id/withdraw` by the applicant, before completion. */
export async function withdrawRequest(
  deps: RequestDeps,
  actor: CitizenActor,
  row: RequestRow,
  reason: string | undefined,
  now = new Date(),
): Promise<void> {
  requireApplicant(row, actor);
  await inTransaction(deps.db, async (tx) => {
    const locked = await lockRequest(tx, row.id);
    const decision = decideTransition({
      status: locked.status,
      action: 'withdraw',
      actor: 'applicant',
      serviceCode: locked.serviceCode,
      reason,
    });
    if (!decision.ok) throw refusalError(decision.refusal);
    await tx.update(serviceRequests).set({ status: decision.to }).where(eq(serviceRequests.id, locked.id));
    await recordStatsChange(tx, locked, { ...locked, status: decision.to });
    const eventId = await recordRequestEvent(tx, {
      at: now,
      requestId: locked.id,
      actorType: 'citizen',
      actorId: actor.id,
      action: 'withdraw',
      fromStatus: locked.status,
      toStatus: decision.to,
      comment: reason?.trim() || null,
    });
    await notifyStatus(tx, {
      request: { ...locked, status: decision.to },
      dedupeKey: `request-status:${locked.id}:${eventId}`,
      title: '办件已撤回',
      detail: '已撤回',
      at: now,
    });
    if (locked.unitId !== null) {
      const staffIds =
        locked.assigneeStaffId !== null ? [locked.assigneeStaffId] : await unitCaseworkers(tx, locked.unitId);
      await notifyStaff(tx, {
        staffIds,
        kind: 'request-withdrawn',
        title: '申请人已撤回办件',
        body: `${staffRequestLine({ ...locked, dueDate: null })} 已由申请人撤回`,
        requestId: locked.id,
      });
    }
  });
}

/** `DELETE /requests/:id`: the applicant discards a draft (and its timeline); anything submitted stays. */
export async function deleteDraft(deps: RequestDeps, actor: CitizenActor, row: RequestRow): Promise<void> {
  requireApplicant(row, actor);
  await inTransaction(deps.db, async (tx) => {
    const locked = await lockRequest(tx, row.id);
    if (locked.status !== 'draft') throw new AppError('NOT_EDITABLE', '只能删除草稿，已提交的办件可以撤回');
    await discardDrafts(tx, [locked.id]);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Staff side

export interface TransitionInput {
  action: RequestAction;
  reason?: string;
  supplementFields?: string[];
  resolutionNote?: string;
  stage?: CardStage;
  pickupUnitId?: number;
}

export interface TransitionResult {
  from: RequestStatus;
  to: RequestStatus;
  eventId: number;
  stage: CardStage | null;
}

const noticeTitles: Partial<Record<RequestAction, string>> = {
  accept: '办件已受理',
  start: '办件开始办理',
  request_supplement: '办件需要补正材料',
  reject: '办件不予受理',
  complete: '办件已办结',
};

async function applyStage(
  tx: Transaction,
  caller: StaffCaller,
  row: RequestRow,
  status: RequestStatus,
  stage: CardStage,
  pickupUnitId: number | undefined,
  now: Date,
): Promise<number> {
  const [pickupUnit] =
    pickupUnitId === undefined
      ? [undefined]
      : await tx
          .select({
            id: orgUnits.id,
            name: orgUnits.name,
            level: orgUnits.level,
            active: orgUnits.active,
            address: orgUnits.address,
            openingHours: orgUnits.openingHours,
          })
          .from(orgUnits)
          .where(eq(orgUnits.id, pickupUnitId));
  const decision = decideStage({
    serviceCode: row.serviceCode,
    status,
    current: (row.stage as CardStage | null) ?? null,
    next: stage,
    pickupUnit: pickupUnitId === undefined ? undefined : (pickupUnit ?? null),
  });
  if (!decision.ok) {
    if (decision.code === 'VALIDATION_FAILED') {
      throw new AppError('VALIDATION_FAILED', decision.message, [{ path: decision.path, message: decision.message }]);
    }
    throw new AppError('INVALID_TRANSITION', decision.message);
  }
  const station = decision.pickupUnit ? pickupUnit : undefined;
  await tx
    .update(serviceRequests)
    .set({
      stage: decision.stage,
      ...(station ? { pickupPlace: station.name, pickupUnitId: station.id } : {}),
    })
    .where(eq(serviceRequests.id, row.id));
  const label = cardStageLabels[decision.stage];
  const comment = station ? `${label}：${station.name}` : label;
  const eventId = await recordRequestEvent(tx, {
    at: now,
    requestId: row.id,
    actorType: 'staff',
    actorId: caller.id,
    action: 'stage',
    comment,
  });
  const detail = station
    ? [
        `优待证已制作完成，请携带身份证到${station.name}领取`,
        station.address ? `地址：${station.address}` : '',
        station.openingHours ? `办公时间：${station.openingHours}` : '',
      ]
        .filter(Boolean)
        .join('；')
    : decision.stage === 'picked_up'
      ? '优待证已领取'
      : `优待证办理进度：${label}，制作完成后将通知您领取`;
  await notifyStatus(tx, {
    request: { ...row, status },
    dedupeKey: `request-status:${row.id}:${eventId}`,
    title: `优待证${label}`,
    detail,
    at: now,
  });
  return eventId;
}

/** `POST /staff/requests/:id/transition`: one workflow step by staff, decided by the shared state machine. */
export async function transitionRequest(
  deps: RequestDeps,
  caller: StaffCaller,
  requestId: number,
  input: TransitionInput,
  now = new Date(),
): Promise<TransitionResult> {
  return inTransaction(deps.db, async (tx) => {
    // Locked: two caseworkers acting at once on the same status — the second finds it already moved.
    const row = await lockRequest(tx, requestId);
    const decision = decideTransition({
      status: row.status,
      action: input.action,
      actor: 'staff',
      serviceCode: row.serviceCode,
      reason: input.reason,
      resolutionNote: input.resolutionNote,
    });
    if (!decision.ok) throw refusalError(decision.refusal);
    const fieldsProblem = supplementFieldsProblem(serviceForms[row.serviceCode], input.action, input.supplementFields);
    if (fieldsProblem) {
      throw new AppError('VALIDATION_FAILED', fieldsProblem, [
        { path: 'body.supplementFields', message: fieldsProblem },
      ]);
    }
    const resolutionNote = input.resolutionNote?.trim() || null;
    const completion =
      decision.to === 'completed'
        ? {
            completedAt: now,
            handlingWorkingDays: row.submittedAt ? await workingDaysSince(tx, row.submittedAt, now) : null,
          }
        : {};
    await tx
      .update(serviceRequests)
      .set({
        status: decision.to,
        ...completion,
        ...(resolutionNote ? { resolutionNote } : {}),
      })
      .where(eq(serviceRequests.id, row.id));
    await recordStatsChange(tx, row, { ...row, status: decision.to, ...completion });
    const comment = (decision.to === 'completed' ? resolutionNote : input.reason?.trim()) || null;
    const eventId = await recordRequestEvent(tx, {
      at: now,
      requestId: row.id,
      actorType: 'staff',
      actorId: caller.id,
      action: input.action,
      fromStatus: row.status,
      toStatus: decision.to,
      comment,
      fields: input.supplementFields,
    });
    const [unit] = row.unitId
      ? await tx.select({ level: orgUnits.level }).from(orgUnits).where(eq(orgUnits.id, row.unitId))
      : [];
    await notifyStatus(tx, {
      request: { ...row, status: decision.to },
      dedupeKey: `request-status:${row.id}:${eventId}`,
      title: noticeTitles[input.action] ?? `办件${requestStatusLabels[decision.to]}`,
      detail: nextStepText({
        status: decision.to,
        serviceCode: row.serviceCode,
        today: beijingDate(now),
        dueDate: row.dueDate,
        unitLevel: unit?.level ?? null,
        reason: input.reason ?? null,
      }),
      at: now,
    });
    let stage = (row.stage as CardStage | null) ?? null;
    if (input.stage) {
      await applyStage(tx, caller, row, decision.to, input.stage, input.pickupUnitId, now);
      stage = input.stage;
    }
    return { from: row.status, to: decision.to, eventId, stage };
  });
}

/** `POST /staff/requests/:id/stage`: the 优待证 stage in the issuing chain, from acceptance on (also after completion). */
export async function setCardStage(
  deps: RequestDeps,
  caller: StaffCaller,
  requestId: number,
  input: { stage: CardStage; pickupUnitId?: number },
  now = new Date(),
): Promise<{ from: CardStage | null; eventId: number }> {
  return inTransaction(deps.db, async (tx) => {
    const row = await lockRequest(tx, requestId);
    const eventId = await applyStage(tx, caller, row, row.status, input.stage, input.pickupUnitId, now);
    return { from: (row.stage as CardStage | null) ?? null, eventId };
  });
}

/**
 * `POST /staff/requests/:id/assign`: the caseworker 承办人. The assignee must be an active staff or admin
 * account in the caller's subtree whose own scope covers the request's unit (or they could not open it).
 */
export async function assignRequest(
  deps: RequestDeps,
  caller: StaffCaller,
  row: RequestRow,
  staffId: number | null,
  now = new Date(),
): Promise<{ previous: number | null; assignee: { id: number; displayName: string } | null }> {
  let assignee: { id: number; displayName: string } | null = null;
  if (staffId !== null) {
    const [target] = await deps.db
      .select({
        id: staffAccounts.id,
        displayName: staffAccounts.displayName,
        role: staffAccounts.role,
        active: staffAccounts.active,
        unitPath: orgUnits.path,
      })
      .from(staffAccounts)
      .innerJoin(orgUnits, eq(orgUnits.id, staffAccounts.unitId))
      .where(eq(staffAccounts.id, staffId));
    const [requestUnit] = row.unitId
      ? await deps.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, row.unitId))
      : [];
    const eligible =
      target?.active &&
      target.role !== 'lawyer' &&
      target.unitPath.startsWith(caller.unitPath) &&
      requestUnit?.path.startsWith(target.unitPath) === true;
    if (!target || !eligible) throw new AppError('OUT_OF_SCOPE', '只能指派给可办理该办件的在职工作人员');
    assignee = { id: target.id, displayName: target.displayName };
  }
  return inTransaction(deps.db, async (tx) => {
    const locked = await lockRequest(tx, row.id);
    if (finalRequestStatuses.includes(locked.status)) {
      throw new AppError('INVALID_TRANSITION', '已办结、不予受理或已撤回的办件不能再指派');
    }
    await tx
      .update(serviceRequests)
      .set({ assigneeStaffId: assignee?.id ?? null })
      .where(eq(serviceRequests.id, locked.id));
    await recordRequestEvent(tx, {
      at: now,
      requestId: locked.id,
      actorType: 'staff',
      actorId: caller.id,
      action: 'assign',
      comment: assignee ? `指派给 ${assignee.displayName}` : '取消指派',
    });
    if (assignee && assignee.id !== caller.id) {
      await notifyStaff(tx, {
        staffIds: [assignee.id],
        kind: 'request-assigned',
        title: '您有新的承办办件',
        body: staffRequestLine(locked),
        requestId: locked.id,
      });
    }
    return { previous: locked.assigneeStaffId, assignee };
  });
}

/** Labels of the workflow actions (for audit details and messages). */
export function actionLabel(action: RequestAction): string {
  return requestActions[action].label;
}
