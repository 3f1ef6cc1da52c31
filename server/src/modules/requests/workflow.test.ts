import {
  decideTransition,
  errorCatalog,
  type RequestAction,
  type RequestStatus,
  requestActions,
  requestStatuses,
} from '@veterans/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestEvents, serviceRequests } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { createStaff, type StaffFixture } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { call, requestIn, type TestCitizen, verifiedCitizen } from './test-support';

/**
 * Every workflow action from every status, through the HTTP API, as the applicant and as staff; the expected
 * answer comes from the shared state machine (decideTransition), so the server and the rules cannot drift.
 */

let testApp: TestApp;
let citizen: TestCitizen;
let staff: StaffFixture;

beforeAll(async () => {
  testApp = await createTestApp();
  await seedDemoData(testApp.app.db);
  citizen = await verifiedCitizen(testApp.app);
  staff = await createStaff(testApp.app, { unitCode: 'xidajie-wenhua' });
});

afterAll(async () => {
  await testApp?.close();
});

const actions = Object.keys(requestActions) as RequestAction[];

function expectRefusal(response: { statusCode: number; json(): unknown }, code: keyof typeof errorCatalog) {
  expect(response.statusCode).toBe(errorCatalog[code].status);
  expect((response.json() as { error: { code: string } }).error.code).toBe(code);
}

describe('as staff: every action from every status', () => {
  const cases = requestStatuses.flatMap((status) => actions.map((action) => ({ status, action })));

  it.each(cases)('$action from $status', async ({ status, action }) => {
    const app = testApp.app;
    const id = await requestIn(app, status, citizen, staff.token);
    const response = await call(app, 'POST', `/staff/requests/${id}/transition`, staff.token, {
      action,
      reason: '材料不全',
      resolutionNote: '已电话答复',
    });
    if (status === 'draft') {
      // Staff never see drafts: for them the request does not exist yet.
      expectRefusal(response, 'REQUEST_NOT_FOUND');
      return;
    }
    const decision = decideTransition({
      status,
      action,
      actor: 'staff',
      serviceCode: 'policy-question',
      reason: '材料不全',
      resolutionNote: '已电话答复',
    });
    if (decision.ok) {
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ status: decision.to });
      const events = await app.db.select().from(requestEvents).where(eq(requestEvents.requestId, id));
      expect(events.at(-1)).toMatchObject({ action, fromStatus: status, toStatus: decision.to, actorType: 'staff' });
    } else {
      expectRefusal(response, decision.refusal);
      const detail = await call(app, 'GET', `/requests/${id}`, citizen.token);
      expect(detail.json()).toMatchObject({ status });
    }
  });
});

describe('as the applicant: submit (or resubmit) and withdraw from every status', () => {
  const cases = requestStatuses.flatMap((status) => [
    { status, endpoint: 'submit' as const },
    { status, endpoint: 'withdraw' as const },
  ]);

  it.each(cases)('$endpoint from $status', async ({ status, endpoint }) => {
    const app = testApp.app;
    const id = await requestIn(app, status, citizen, staff.token);
    const action: RequestAction =
      endpoint === 'withdraw' ? 'withdraw' : status === 'needs_supplement' ? 'resubmit' : 'submit';
    const response = await call(app, 'POST', `/requests/${id}/${endpoint}`, citizen.token, {});
    const decision = decideTransition({ status, action, actor: 'applicant', serviceCode: 'policy-question' });
    if (decision.ok) {
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ status: decision.to });
    } else {
      expectRefusal(response, decision.refusal);
    }
  });

  it.each(actions.filter((action) => requestActions[action].by === 'staff'))(
    'cannot take the staff action %s (403 on the staff route)',
    async (action) => {
      const id = await requestIn(testApp.app, 'submitted', citizen, staff.token);
      const response = await call(testApp.app, 'POST', `/staff/requests/${id}/transition`, citizen.token, { action });
      expectRefusal(response, 'FORBIDDEN');
    },
  );

  it('sees exactly the actions the shared rules give the applicant in each status', async () => {
    for (const status of requestStatuses) {
      const id = await requestIn(testApp.app, status, citizen, staff.token);
      const detail = (await call(testApp.app, 'GET', `/requests/${id}`, citizen.token)).json();
      const expected = actions.filter(
        (action) =>
          requestActions[action].by === 'applicant' &&
          (requestActions[action].from as readonly RequestStatus[]).includes(status),
      );
      expect(detail.availableActions, status).toEqual(expected);
      expect(detail.editable, status).toBe(status === 'draft' || status === 'needs_supplement');
    }
  });
});

describe('reasons and resolutions', () => {
  it('needs a reason to reject or ask for a supplement', async () => {
    const app = testApp.app;
    const id = await requestIn(app, 'submitted', citizen, staff.token);
    for (const action of ['reject', 'request_supplement'] as const) {
      const response = await call(app, 'POST', `/staff/requests/${id}/transition`, staff.token, {
        action,
        reason: '  ',
      });
      expectRefusal(response, 'REASON_REQUIRED');
    }
  });

  it('needs a resolution note to complete an appeal, and keeps it', async () => {
    const app = testApp.app;
    const id = await requestIn(app, 'processing', citizen, staff.token, 'appeal');
    const refused = await call(app, 'POST', `/staff/requests/${id}/transition`, staff.token, { action: 'complete' });
    expectRefusal(refused, 'RESOLUTION_REQUIRED');
    const done = await call(app, 'POST', `/staff/requests/${id}/transition`, staff.token, {
      action: 'complete',
      resolutionNote: '已协调物业，双方达成一致',
    });
    expect(done.statusCode).toBe(200);
    const detail = (await call(app, 'GET', `/requests/${id}`, citizen.token)).json();
    expect(detail).toMatchObject({ status: 'completed', resolutionNote: '已协调物业，双方达成一致' });
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'complete', comment: '已协调物业，双方达成一致' });
    // The handling time statistics report is fixed at completion: submitted and completed today, 0 working days.
    const [row] = await app.db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
    expect(row?.completedAt).toBeInstanceOf(Date);
    expect(row?.handlingWorkingDays).toBe(0);
  });

  it('shows the supplement reason to the applicant, who corrects and resubmits with the same number and due date', async () => {
    const app = testApp.app;
    const id = await requestIn(app, 'submitted', citizen, staff.token);
    const before = (await call(app, 'GET', `/requests/${id}`, citizen.token)).json();
    await call(app, 'POST', `/staff/requests/${id}/transition`, staff.token, {
      action: 'request_supplement',
      reason: '请写明具体景区',
    });
    const waiting = (await call(app, 'GET', `/requests/${id}`, citizen.token)).json();
    expect(waiting.nextStep).toBe('需要补正材料（请写明具体景区），请按要求修改后重新提交');
    const patched = await call(app, 'PATCH', `/requests/${id}`, citizen.token, {
      formData: { question: '优待证可以在曹魏古城使用吗？' },
    });
    expect(patched.statusCode).toBe(200);
    const resubmitted = await call(app, 'POST', `/requests/${id}/submit`, citizen.token, {});
    expect(resubmitted.statusCode).toBe(200);
    expect(resubmitted.json()).toMatchObject({
      status: 'submitted',
      number: before.number,
      dueDate: before.dueDate,
      formData: { question: '优待证可以在曹魏古城使用吗？' },
    });
    expect(resubmitted.json().timeline.map((event: { action: string }) => event.action)).toEqual([
      'create',
      'submit',
      'request_supplement',
      'resubmit',
    ]);
  });

  it('keeps the fields staff name with a 补正 request and shows them in the timeline; refuses unknown ones', async () => {
    const app = testApp.app;
    const id = await requestIn(app, 'submitted', citizen, staff.token);
    const transition = (body: object) => call(app, 'POST', `/staff/requests/${id}/transition`, staff.token, body);
    const unknown = await transition({ action: 'request_supplement', reason: '请补充', supplementFields: ['nope'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('nope') });
    const withAccept = await transition({ action: 'accept', supplementFields: ['question'] });
    expect(withAccept.statusCode).toBe(400);
    expect(withAccept.json().error.message).toBe('只有退回补正时可以指明需补正的内容');
    // Refused as a whole: nothing was written.
    const events = await app.db.select().from(requestEvents).where(eq(requestEvents.requestId, id));
    expect(events.map((event) => event.action)).toEqual(['create', 'submit']);

    const asked = await transition({
      action: 'request_supplement',
      reason: '请写清问题',
      supplementFields: ['question'],
    });
    expect(asked.statusCode).toBe(200);
    const seen = (await call(app, 'GET', `/requests/${id}`, citizen.token)).json();
    expect(seen.timeline.at(-1)).toMatchObject({
      action: 'request_supplement',
      comment: '请写清问题',
      fields: ['question'],
    });
    expect(seen.timeline[0].fields).toEqual([]);
  });

  it('lets only one of two staff move a request out of the same status', async () => {
    const app = testApp.app;
    const other = await createStaff(app, { unitCode: 'xidajie' });
    const id = await requestIn(app, 'submitted', citizen, staff.token);
    const [first, second] = await Promise.all([
      call(app, 'POST', `/staff/requests/${id}/transition`, staff.token, { action: 'accept' }),
      call(app, 'POST', `/staff/requests/${id}/transition`, other.token, { action: 'accept' }),
    ]);
    const codes = [first.statusCode, second.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const events = await app.db.select().from(requestEvents).where(eq(requestEvents.requestId, id));
    expect(events.filter((event) => event.actorType === 'staff')).toHaveLength(1);
  });
});
