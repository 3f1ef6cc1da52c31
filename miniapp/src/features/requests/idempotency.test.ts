import type { RequestDetail } from '@veterans/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { session } from '../../api/session';
import { createDraft, submitRequest } from './api';
import { newIdempotencyKey, OnceAction, outcomeUnknown } from './idempotency';

const taro = await vi.hoisted(async () => (await import('../../testing/taro-mock')).createTaroMock());
vi.mock('@tarojs/taro', () => ({ default: taro }));

afterEach(() => {
  vi.clearAllMocks();
  session.clear();
  taro.reset();
});

const detail: RequestDetail = {
  id: 7,
  number: 'WD20261126-0007',
  serviceCode: 'policy-question',
  serviceName: '政策咨询',
  status: 'submitted',
  statusLabel: '已提交',
  stage: null,
  stageLabel: null,
  dueDate: '2026-12-10',
  overdue: false,
  submittedAt: '2026-11-26T02:00:00.000Z',
  updatedAt: '2026-11-26T02:00:00.000Z',
  draftExpiresAt: null,
  mine: true,
  onBehalfOf: null,
  relation: 'self',
  applicant: null,
  channel: 'online',
  formData: { topic: '社会保险', question: '怎么接续？' },
  attachments: [],
  unit: { id: 1, name: '魏都区退役军人服务中心' },
  promisedWorkingDays: 10,
  pickupPlace: null,
  cardProgress: null,
  resolutionNote: null,
  completedAt: null,
  editable: false,
  availableActions: ['withdraw'],
  nextStep: '已提交，等待区退役军人服务中心受理',
  timeline: [],
};

describe('newIdempotencyKey', () => {
  it('makes a v4 UUID the server accepts, different each time', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(key);
  });
});

describe('OnceAction', () => {
  it('reuses the key after a network failure or a server error, and makes a new one after success', async () => {
    let counter = 0;
    const run = vi
      .fn<(key: string) => Promise<string>>()
      .mockRejectedValueOnce(new ApiError('NETWORK_ERROR', 0, '网络连接失败'))
      .mockRejectedValueOnce(new ApiError('INTERNAL_ERROR', 503, '服务暂不可用'))
      .mockResolvedValue('ok');
    const action = new OnceAction(run, () => `key-${++counter}`);
    await expect(action.attempt()).rejects.toThrow('网络连接失败');
    expect(action.pendingKey).toBe('key-1');
    await expect(action.attempt()).rejects.toThrow('服务暂不可用');
    await expect(action.attempt()).resolves.toBe('ok');
    expect(run.mock.calls.map(([key]) => key)).toEqual(['key-1', 'key-1', 'key-1']);
    expect(action.pendingKey).toBeNull();
    await action.attempt();
    expect(run).toHaveBeenLastCalledWith('key-2', undefined);
  });

  it('drops the key after a refusal that says nothing happened', async () => {
    let counter = 0;
    const run = vi
      .fn<(key: string) => Promise<string>>()
      .mockRejectedValueOnce(new ApiError('VALIDATION_FAILED', 400, '请检查填写内容'))
      .mockResolvedValue('ok');
    const action = new OnceAction(run, () => `key-${++counter}`);
    await expect(action.attempt()).rejects.toThrow();
    await action.attempt();
    expect(run.mock.calls.map(([key]) => key)).toEqual(['key-1', 'key-2']);
  });

  it('retries with the input of the first attempt, so the server sees the same body with the same key', async () => {
    let counter = 0;
    const run = vi
      .fn<(key: string, input: string) => Promise<string>>()
      .mockRejectedValueOnce(new ApiError('NETWORK_ERROR', 0, '网络连接失败'))
      .mockResolvedValue('ok');
    const action = new OnceAction(run, () => `key-${++counter}`);
    await expect(action.attempt('first answers')).rejects.toThrow();
    expect(action.inputFor('typed since')).toBe('first answers');
    await action.attempt('typed since');
    expect(action.inputFor('typed since')).toBe('typed since');
    await action.attempt('next action');
    expect(run.mock.calls).toEqual([
      ['key-1', 'first answers'],
      ['key-1', 'first answers'],
      ['key-2', 'next action'],
    ]);
  });

  it('tells unknown outcomes from refusals', () => {
    expect(outcomeUnknown(new ApiError('NETWORK_ERROR', 0, ''))).toBe(true);
    expect(outcomeUnknown(new ApiError('HTTP_ERROR', 502, ''))).toBe(true);
    expect(outcomeUnknown(new ApiError('NOT_EDITABLE', 409, ''))).toBe(false);
    expect(outcomeUnknown(new Error('bug'))).toBe(true);
  });
});

describe('submit over the API', () => {
  it('sends the same Idempotency-Key when the first answer was lost', async () => {
    taro.request
      .mockRejectedValueOnce(new Error('request:fail timeout'))
      .mockResolvedValueOnce({ statusCode: 200, data: detail, header: { 'idempotent-replayed': 'true' } });
    const action = new OnceAction((key) => submitRequest(7, key));
    const first = await action.attempt().catch((error: unknown) => error);
    expect(first).toBeInstanceOf(ApiError);
    expect((first as ApiError).code).toBe('NETWORK_ERROR');
    await expect(action.attempt()).resolves.toMatchObject({ number: 'WD20261126-0007' });

    const sent = taro.request.mock.calls.map(([options]) => options as { url: string; header: Record<string, string> });
    expect(sent).toHaveLength(2);
    expect(sent[0]?.url).toMatch(/\/requests\/7\/submit$/);
    const key = sent[0]?.header['Idempotency-Key'];
    expect(key).toBeTruthy();
    expect(sent[1]?.header['Idempotency-Key']).toBe(key);
  });

  it('creates a draft with a key, reused on retry, so a retried create never makes two', async () => {
    taro.request
      .mockRejectedValueOnce(new Error('request:fail'))
      .mockResolvedValueOnce({ statusCode: 201, data: { ...detail, status: 'draft', number: null }, header: {} });
    const action = new OnceAction((key) => createDraft({ serviceCode: 'policy-question', formData: {} }, key));
    await action.attempt().catch(() => undefined);
    await action.attempt();
    const keys = taro.request.mock.calls.map(
      ([options]) => (options as { header: Record<string, string> }).header['Idempotency-Key'],
    );
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
    // The failed create was quiet (the form says so itself), so no toast either time.
    expect(taro.showToast).not.toHaveBeenCalled();
  });
});
