import { describe, expect, it } from 'vitest';
import {
  articlePayload,
  bodyForServer,
  editableBody,
  emptyArticleForm,
  insertImage,
  looksLikeHtml,
  uploadImageTag,
  validateArticleForm,
} from './editor';

const ID = 'abcdefghijklmnop1234';

describe('the editor’s body', () => {
  it('sends HTML as written and plain text as paragraphs', () => {
    expect(looksLikeHtml('<p>甲</p>')).toBe(true);
    expect(looksLikeHtml('3 < 5 且 6 > 4')).toBe(false);
    expect(bodyForServer('<p>甲</p>')).toBe('<p>甲</p>');
    expect(bodyForServer('甲\n\n乙')).toBe('<p>甲</p><p>乙</p>');
  });

  it('inserts an uploaded image where the cursor is, as our upload path', () => {
    const html = '<p>一</p><p>二</p>';
    const { text, cursor } = insertImage(html, '<p>一</p>'.length, ID);
    expect(text).toBe(`<p>一</p>\n${uploadImageTag(ID)}\n<p>二</p>`);
    expect(text.slice(0, cursor).endsWith(`${uploadImageTag(ID)}\n`)).toBe(true);
    expect(uploadImageTag(ID)).toBe(`<p><img src="/api/v1/uploads/${ID}" alt="图片"></p>`);
  });

  it('turns plain text into paragraphs first, so it still reads as paragraphs', () => {
    const { text } = insertImage('第一段\n\n第二段', 3, ID);
    expect(text).toBe(`<p>第一段</p>\n${uploadImageTag(ID)}\n<p>第二段</p>`);
    expect(insertImage('', null, ID).text).toBe(`${uploadImageTag(ID)}\n`);
    expect(insertImage('<p>a</p>', 999, ID).text).toBe(`<p>a</p>\n${uploadImageTag(ID)}\n`);
  });
});

describe('editableBody', () => {
  it('shows plain paragraphs as the text that was typed', () => {
    expect(editableBody('<p>第一段<br>第二行</p>\n<p>第二段 &lt;b&gt;&amp;</p>')).toBe('第一段\n第二行\n\n第二段 <b>&');
    expect(bodyForServer(editableBody('<p>甲</p><p>乙</p>'))).toBe('<p>甲</p><p>乙</p>');
  });

  it('keeps anything richer as HTML', () => {
    for (const html of [
      '<p>甲<strong>乙</strong></p>',
      '<ul><li>甲</li></ul>',
      `<p><img src="/a" alt=""></p>`,
      '<p>甲</p>尾',
    ]) {
      expect(editableBody(html)).toBe(html);
    }
  });
});

describe('validateArticleForm', () => {
  it('asks for a title, a body and, for a 办事指南, its service', () => {
    expect(validateArticleForm({ ...emptyArticleForm, channel: 'guide' })).toEqual({
      title: '请填写标题',
      body: '请填写正文',
      serviceCode: '办事指南须选择对应的办事事项',
    });
    expect(
      validateArticleForm({
        ...emptyArticleForm,
        title: '标题',
        body: '正文',
        channel: 'guide',
        serviceCode: 'appeal',
      }),
    ).toEqual({});
  });

  it('sends a service only for guides and no empty summary', () => {
    const payload = articlePayload({
      ...emptyArticleForm,
      channel: 'notice',
      title: ' 通知 ',
      body: '正文',
      serviceCode: 'appeal',
      summary: '  ',
      pinned: true,
    });
    expect(payload).toEqual({
      channel: 'notice',
      title: '通知',
      summary: null,
      body: '<p>正文</p>',
      serviceCode: null,
      pinned: true,
    });
    expect('summary' in articlePayload({ ...emptyArticleForm, summary: '摘要' }, { withSummary: false })).toBe(false);
  });
});
