import { serviceForms, type UploadResult } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import {
  anyUploading,
  fileKindOf,
  fileNamesById,
  formatFileSize,
  pickProblem,
  remainingSlots,
  savedUploads,
  type UploadItem,
  uploadedIds,
  uploadsReducer,
  withUploadedFiles,
} from './upload-state';

const hardship = serviceForms['hardship-aid'];
const card = serviceForms['preferential-card'];
const incomeProof = hardship.pages[1]?.fields.find((field) => field.name === 'incomeProof');
const idPhoto = card.pages[2]?.fields.find((field) => field.name === 'idPhoto');

const result = (id: string, fileName = `${id}.png`): UploadResult => ({
  id,
  fileName,
  mimeType: 'image/png',
  size: 2048,
});

function started(key = 'a', fieldName = 'incomeProof'): UploadItem[] {
  return uploadsReducer([], {
    type: 'start',
    key,
    fieldName,
    fileName: '收入证明.png',
    localPath: 'blob:1',
    size: 2048,
  });
}

describe('uploadsReducer', () => {
  it('goes from uploading (progress unknown) through progress to done', () => {
    let state = started();
    expect(state[0]).toMatchObject({ status: 'uploading', progress: null });
    expect(anyUploading(state)).toBe(true);
    state = uploadsReducer(state, { type: 'progress', key: 'a', progress: 40 });
    expect(state[0]?.progress).toBe(40);
    state = uploadsReducer(state, { type: 'done', key: 'a', result: result('id-1', 'income.png') });
    expect(state[0]).toMatchObject({ status: 'done', progress: 100, id: 'id-1', fileName: 'income.png' });
    expect(anyUploading(state)).toBe(false);
    expect(uploadedIds(state, 'incomeProof')).toEqual(['id-1']);
  });

  it('never moves progress backwards, and ignores progress after the end', () => {
    let state = uploadsReducer(started(), { type: 'progress', key: 'a', progress: 70 });
    state = uploadsReducer(state, { type: 'progress', key: 'a', progress: 30 });
    expect(state[0]?.progress).toBe(70);
    state = uploadsReducer(state, { type: 'progress', key: 'a', progress: 250 });
    expect(state[0]?.progress).toBe(100);
    state = uploadsReducer(state, { type: 'done', key: 'a', result: result('id-1') });
    state = uploadsReducer(state, { type: 'progress', key: 'a', progress: 10 });
    expect(state[0]).toMatchObject({ status: 'done', progress: 100 });
  });

  it('keeps an unknown progress (NaN from a browser without totals) as indeterminate', () => {
    const state = uploadsReducer(started(), { type: 'progress', key: 'a', progress: Number.NaN });
    expect(state[0]?.progress).toBeNull();
  });

  it('fails with a message, retries, and removes', () => {
    let state = uploadsReducer(started(), { type: 'failed', key: 'a', message: '文件类型不支持' });
    expect(state[0]).toMatchObject({ status: 'failed', error: '文件类型不支持' });
    expect(uploadedIds(state, 'incomeProof')).toEqual([]);
    state = uploadsReducer(state, { type: 'retry', key: 'a' });
    expect(state[0]).toMatchObject({ status: 'uploading', progress: null, error: undefined });
    state = uploadsReducer(state, { type: 'done', key: 'a', result: result('id-2') });
    // A late failure of the first try must not undo the retried upload.
    state = uploadsReducer(state, { type: 'failed', key: 'a', message: 'late' });
    expect(state[0]?.status).toBe('done');
    state = uploadsReducer(state, { type: 'remove', key: 'a' });
    expect(state).toEqual([]);
  });

  it('restores the files saved with a draft, per field, without duplicates', () => {
    const answers = { incomeProof: ['id-1', 'id-2'], bills: ['id-3'], diagnosis: ['missing'] };
    const files = [result('id-1'), result('id-2'), result('id-3')];
    const state = savedUploads(hardship, answers, files);
    expect(uploadedIds(state, 'incomeProof')).toEqual(['id-1', 'id-2']);
    expect(uploadedIds(state, 'bills')).toEqual(['id-3']);
    expect(uploadedIds(state, 'diagnosis')).toEqual([]);
    const again = uploadsReducer(state, { type: 'restore', fieldName: 'incomeProof', files: [result('id-1')] });
    expect(again).toHaveLength(3);
    expect(fileNamesById(state)).toEqual({ 'id-1': 'id-1.png', 'id-2': 'id-2.png', 'id-3': 'id-3.png' });
    expect(withUploadedFiles(hardship, { hardshipKind: '重病' }, state)).toMatchObject({
      hardshipKind: '重病',
      incomeProof: ['id-1', 'id-2'],
      bills: ['id-3'],
      diagnosis: [],
    });
  });
});

describe('picking files', () => {
  it('counts the slots left, not counting failed files', () => {
    if (!idPhoto || !incomeProof) throw new Error('form changed');
    let state = started('a', 'idPhoto');
    expect(remainingSlots(state, idPhoto)).toBe(0);
    state = uploadsReducer(state, { type: 'failed', key: 'a', message: 'x' });
    expect(remainingSlots(state, idPhoto)).toBe(1);
    expect(remainingSlots([], incomeProof)).toBe(5);
  });

  it('refuses what the server would refuse, before uploading', () => {
    if (!idPhoto || !incomeProof) throw new Error('form changed');
    expect(pickProblem(incomeProof, { name: 'a.pdf', size: 100 })).toBeUndefined();
    expect(pickProblem(incomeProof, { name: 'photo', mimeType: 'image/jpeg', size: 100 })).toBeUndefined();
    expect(pickProblem(idPhoto, { name: 'a.pdf', size: 100 })).toBe('只能上传 jpg 或 png 图片');
    expect(pickProblem(incomeProof, { name: 'a.exe', size: 100 })).toBe('只能上传 jpg、png 图片或 pdf 文件');
    expect(pickProblem(incomeProof, { name: 'big.png', size: 11 * 1024 * 1024 })).toBe('文件不能超过 10 MB');
    expect(pickProblem(incomeProof, { name: 'empty.png', size: 0 })).toBe('文件是空的，请重新选择');
    expect(fileKindOf('SCAN.JPEG')).toBe('image');
  });

  it('writes sizes for people', () => {
    expect(formatFileSize(512)).toBe('512 字节');
    expect(formatFileSize(2048)).toBe('2.0 KB');
    expect(formatFileSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
