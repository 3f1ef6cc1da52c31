import { describe, expect, it, vi } from 'vitest';
import { imageIdsOf, withLocalImages } from './preview-images';

vi.mock('@tarojs/taro', () => ({ default: {} }));

const A = 'abcdefghijklmnop1234';
const B = 'qrstuvwxyzABCDEF5678';

describe('preview images', () => {
  const html = `<p><img src="/api/v1/articles/images/${A}" alt=""></p><p><img src="/api/v1/articles/images/${B}" alt=""><img src="/api/v1/articles/images/${A}" alt=""></p>`;

  it('finds each image of a body once', () => {
    expect(imageIdsOf(html)).toEqual([A, B]);
    expect(imageIdsOf('<p>无图</p>')).toEqual([]);
  });

  it('points the images it could fetch at their local copies, and leaves the others', () => {
    const out = withLocalImages(html, new Map([[A, 'blob:http://127.0.0.1/1"x']]));
    expect(out).toBe(
      `<p><img src="blob:http://127.0.0.1/1%22x" alt=""></p><p><img src="/api/v1/articles/images/${B}" alt=""><img src="blob:http://127.0.0.1/1%22x" alt=""></p>`,
    );
  });
});
