import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  ARTICLE_BODY_MAX,
  ARTICLE_SUMMARY_MAX,
  ARTICLE_TITLE_MAX,
  type ArticleChannel,
  articleChannelLabels,
  articleChannels,
  type ServiceCode,
  type StaffArticle,
  serviceCatalog,
} from '@veterans/shared';
import { type ChangeEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { TextField } from '../../../components/TextField';
import { ArticleBody } from '../../../features/articles/ArticleBody';
import {
  createArticle,
  previewArticle,
  publishArticle,
  unpublishArticle,
  updateArticle,
} from '../../../features/articles/api';
import {
  type ArticleForm,
  type ArticleFormErrors,
  articlePayload,
  emptyArticleForm,
  formOf,
  insertImage,
  validateArticleForm,
} from '../../../features/articles/editor';
import { articleDate } from '../../../features/articles/format';
import { withPreviewImages } from '../../../features/articles/preview-images';
import { uploadImageFile } from '../../../features/articles/upload';
import { type PickedFile, pickImages, uploadAttachment } from '../../../features/requests/files';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import { TextArea } from '../../../features/staff/TextArea';
import '../../../components/form.css';
import '../../../features/articles/articles.css';
import '../../../features/staff/staff.css';
import './index.css';

const h5 = process.env.TARO_ENV === 'h5';

const channelOptions = articleChannels.map((channel) => ({ value: channel, label: articleChannelLabels[channel] }));
const serviceOptions = serviceCatalog.map((service) => ({ value: service.code, label: service.name }));
const pinOptions = [
  { value: 'no', label: '不置顶' },
  { value: 'yes', label: '置顶' },
] as const;

/**
 * The article editor, `?id=` (none: a new article). Title, channel, summary, the service of a 办事指南, 置顶, and
 * the body — paragraphs of text or basic HTML, which the server sanitises — with images uploaded through
 * `POST /uploads`. 预览 shows what the public will see (`GET /staff/articles/:id/preview`); 发布 / 下线.
 */
export default function ContentEditorPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  return (
    <PageRoot className="content-editor-page staff-page" mode="standard">
      <RequireStaff ability="content.edit">
        {() => (Number.isInteger(id) && id > 0 ? <ExistingArticle id={id} /> : <Editor article={null} />)}
      </RequireStaff>
    </PageRoot>
  );
}

function ExistingArticle({ id }: { id: number }) {
  const load = useCallback(() => previewArticle(id), [id]);
  const { state, reload } = useRequest(load);
  return (
    <LoadState state={state} onRetry={reload}>
      {(article) => <Editor article={article} />}
    </LoadState>
  );
}

const sameForm = (a: ArticleForm, b: ArticleForm) => JSON.stringify(a) === JSON.stringify(b);

function Editor({ article: loaded }: { article: StaffArticle | null }) {
  const [article, setArticle] = useState<StaffArticle | null>(loaded);
  const [saved, setSaved] = useState<ArticleForm>(loaded ? formOf(loaded) : emptyArticleForm);
  const [form, setForm] = useState<ArticleForm>(saved);
  const [errors, setErrors] = useState<ArticleFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [preview, setPreview] = useState<{ article: StaffArticle; html: string } | null>(null);
  /** The summary was typed in here (otherwise it is left as stored: see articlePayload). */
  const [summaryTouched, setSummaryTouched] = useState(false);
  const dirty = !sameForm(form, saved);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: article ? '编辑文章' : '新建文章' });
  }, [article]);

  const change = <K extends keyof ArticleForm>(key: K, value: ArticleForm[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }));
    setErrors((previous) => ({ ...previous, [key]: undefined }));
  };

  /** Saves when there is anything to save; the article as stored, or null when the form is not valid. */
  const save = async (): Promise<StaffArticle | null> => {
    const found = validateArticleForm(form);
    setErrors(found);
    setFormError(null);
    if (Object.values(found).some(Boolean)) {
      setFormError('请按提示修改后再保存');
      return null;
    }
    if (article && !dirty) return article;
    try {
      const payload = articlePayload(form, { withSummary: !article || summaryTouched });
      const stored = article ? await updateArticle(article.id, payload) : await createArticle(payload);
      setArticle(stored);
      const now = formOf(stored);
      // What the server made of the body (sanitised, paragraphs) is what the editor shows from now on.
      setSaved(now);
      setForm(now);
      setSummaryTouched(false);
      return stored;
    } catch (error) {
      const fields = fieldErrorsOf(error) as ArticleFormErrors;
      setErrors(fields);
      setFormError(error instanceof ApiError ? error.message : '保存失败，请稍后重试');
      return null;
    }
  };

  const run = async (action: string, work: () => Promise<void>) => {
    if (busy) return;
    setBusy(action);
    try {
      await work();
    } finally {
      setBusy(null);
    }
  };

  const onSave = () =>
    run('save', async () => {
      if (await save()) void Taro.showToast({ title: '已保存', icon: 'success', duration: 1500 });
    });

  const onPreview = () =>
    run('preview', async () => {
      const stored = await save();
      if (!stored) return;
      try {
        const shown = await previewArticle(stored.id);
        const html = shown.status === 'published' ? shown.body : await withPreviewImages(shown.body);
        setPreview({ article: shown, html });
      } catch (error) {
        setFormError(error instanceof ApiError ? error.message : '预览失败，请稍后重试');
      }
    });

  const onPublish = () =>
    run('publish', async () => {
      const stored = await save();
      if (!stored) return;
      try {
        const published = await publishArticle(stored.id);
        setArticle(published);
        setPreview(null);
        void Taro.showToast({ title: '已发布', icon: 'success', duration: 1500 });
      } catch {
        // the toast has said why
      }
    });

  const onUnpublish = () =>
    run('unpublish', async () => {
      if (!article) return;
      try {
        setArticle(await unpublishArticle(article.id));
        void Taro.showToast({ title: '已下线', icon: 'success', duration: 1500 });
      } catch {
        // the toast has said why
      }
    });

  /** H5 hands over the File itself, the mini-program a picked temp file. */
  const addImage = (source: { file: File } | { picked: PickedFile }) =>
    run('image', async () => {
      try {
        const uploaded =
          'file' in source
            ? await uploadImageFile(source.file)
            : await uploadAttachment(source.picked, () => undefined);
        setForm((previous) => {
          const next = insertImage(previous.body, cursor, uploaded.id);
          setCursor(next.cursor);
          return { ...previous, body: next.text };
        });
        void Taro.showToast({ title: '图片已插入', icon: 'none', duration: 1500 });
      } catch (error) {
        void Taro.showToast({
          title: error instanceof ApiError ? error.message : '图片上传失败',
          icon: 'none',
          duration: 2500,
        });
      }
    });

  const pickImage = async () => {
    try {
      const [picked] = await pickImages(1);
      if (picked) addImage({ picked });
    } catch {
      // cancelled
    }
  };

  return (
    <>
      {article && (
        <View className="editor-status card">
          <View className="editor-status__line">
            <View className={`status-badge status-badge--${article.status === 'published' ? 'success' : 'neutral'}`}>
              {article.statusLabel}
            </View>
            {article.publishedAt && <View>{`发布于 ${articleDate(article.publishedAt)}`}</View>}
          </View>
          {dirty && <View className="editor-status__dirty">有未保存的修改</View>}
        </View>
      )}
      <View className="form-card">
        <ChoiceGroup
          id="article-channel"
          label="栏目"
          options={channelOptions}
          value={form.channel}
          error={errors.channel}
          onChange={(value: ArticleChannel) => {
            change('channel', value);
            if (value !== 'guide') change('serviceCode', null);
          }}
        />
        {form.channel === 'guide' && (
          <ChoiceGroup
            id="article-service"
            label="对应的办事事项"
            options={serviceOptions}
            value={form.serviceCode ?? undefined}
            error={errors.serviceCode}
            onChange={(value: ServiceCode) => change('serviceCode', value)}
          />
        )}
        <TextField
          id="article-title"
          label="标题"
          value={form.title}
          maxlength={ARTICLE_TITLE_MAX}
          error={errors.title}
          onChange={(value) => change('title', value)}
        />
        <TextArea
          id="article-summary"
          label="摘要（可不填）"
          value={form.summary}
          maxlength={ARTICLE_SUMMARY_MAX}
          hint="不填时取正文开头。"
          error={errors.summary}
          onChange={(value) => {
            setSummaryTouched(true);
            change('summary', value);
          }}
        />
        <ChoiceGroup
          id="article-pinned"
          label="置顶"
          options={pinOptions}
          value={form.pinned ? 'yes' : 'no'}
          onChange={(value) => change('pinned', value === 'yes')}
        />
        <TextArea
          id="article-body"
          label="正文"
          value={form.body}
          maxlength={ARTICLE_BODY_MAX}
          hint="直接输入文字，空一行分段；也可以输入简单 HTML（段落、加粗、列表、链接、表格）。脚本、样式等会被自动去掉。"
          error={errors.body}
          onChange={(value) => change('body', value)}
          onSelection={(selection) => setCursor(selection.end)}
        />
        <ImagePicker busy={busy === 'image'} onFile={(file) => addImage({ file })} onPick={pickImage} />
      </View>
      {formError && (
        <View className="form-error" role="alert">
          {formError}
        </View>
      )}
      <View className="form-actions editor-actions">
        <AppButton type="primary" size="large" block loading={busy === 'save'} onClick={onSave}>
          {article ? '保存修改' : '保存草稿'}
        </AppButton>
        <AppButton size="large" block loading={busy === 'preview'} onClick={onPreview}>
          预览
        </AppButton>
        {article?.status === 'published' ? (
          <AppButton size="large" block loading={busy === 'unpublish'} onClick={onUnpublish}>
            下线
          </AppButton>
        ) : (
          <AppButton size="large" block loading={busy === 'publish'} onClick={onPublish}>
            {dirty || !article ? '保存并发布' : '发布'}
          </AppButton>
        )}
      </View>
      {preview && <Preview article={preview.article} html={preview.html} onClose={() => setPreview(null)} />}
    </>
  );
}

interface ImagePickerProps {
  busy: boolean;
  /** H5: the File chosen. */
  onFile: (file: File) => void;
  /** Mini-program: opens WeChat's picker. */
  onPick: () => void;
}

function ImagePicker({ busy, onFile, onPick }: ImagePickerProps) {
  if (h5) {
    return (
      <label className="attachment-add editor-image">
        <span aria-hidden="true">{busy ? '正在上传图片…' : '＋ 插入图片（jpg、png）'}</span>
        <input
          className="attachment-add__input"
          type="file"
          accept="image/jpeg,image/png"
          aria-label="插入图片"
          disabled={busy}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) onFile(file);
          }}
        />
      </label>
    );
  }
  return (
    <AppButton className="editor-image" size="large" block loading={busy} label="插入图片" onClick={onPick}>
      ＋ 插入图片
    </AppButton>
  );
}

function Preview({ article, html, onClose }: { article: StaffArticle; html: string; onClose: () => void }) {
  return (
    <View className="editor-preview" {...(h5 ? { role: 'region', 'aria-label': '预览' } : {})}>
      <View className="editor-preview__label">预览（公众看到的样子）</View>
      <View className="article-head">
        <View className="article-head__title">{article.title}</View>
        <View className="article-head__meta">{article.channelLabel}</View>
      </View>
      <ArticleBody html={html} />
      <AppButton className="editor-preview__close" size="large" block onClick={onClose}>
        关闭预览
      </AppButton>
    </View>
  );
}
