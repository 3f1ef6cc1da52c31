import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearAllDrafts, clearDraft, DRAFT_PREFIX, draftKey, readDraft, writeDraft } from './drafts';

const taro = await vi.hoisted(async () => (await import('../testing/taro-mock')).createTaroMock());
vi.mock('@tarojs/taro', () => ({ default: taro }));

afterEach(() => {
  taro.reset();
});

const initial = { name: '', idNumber: '', kind: '', communityUnitId: 0 };

describe('drafts', () => {
  it('gives back what was typed', () => {
    writeDraft('identity', { ...initial, name: '张三', idNumber: '4110' });
    expect(readDraft('identity', initial)).toEqual({ ...initial, name: '张三', idNumber: '4110' });
    expect(taro.storage.has(`${DRAFT_PREFIX}identity`)).toBe(true);
  });

  it('starts from the initial value without a draft, and after clearing it', () => {
    expect(readDraft('identity', initial)).toEqual(initial);
    writeDraft('identity', { ...initial, name: '张三' });
    clearDraft('identity');
    expect(readDraft('identity', initial)).toEqual(initial);
  });

  it('keeps only the fields the form still has, with the right types', () => {
    taro.storage.set(draftKey('identity'), { name: '张三', idNumber: 42, removed: 'x' });
    expect(readDraft('identity', initial)).toEqual({ ...initial, name: '张三' });
    taro.storage.set(draftKey('identity'), 'not an object');
    expect(readDraft('identity', initial)).toEqual(initial);
  });

  it('are all cleared on sign-out, and nothing else is', () => {
    writeDraft('identity', initial);
    writeDraft('family-link', initial);
    taro.storage.set('veterans:session', { accessToken: 'a' });
    clearAllDrafts();
    expect([...taro.storage.keys()]).toEqual(['veterans:session']);
  });
});
