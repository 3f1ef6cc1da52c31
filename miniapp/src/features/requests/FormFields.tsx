import { Image, Picker, Text, Textarea, View } from '@tarojs/components';
import { type CardBank, cardBankListSchema, type FormField, type FormPage } from '@veterans/shared';
import type { ChangeEvent, ReactNode } from 'react';
import { request } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { AppButton } from '../../components/AppButton';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { TextCount } from '../../components/TextCount';
import { TextField } from '../../components/TextField';
import { inputCap } from '../../forms/text-limit';
import type { FieldErrors } from '../../forms/validation';
import type { FieldValue, FormValues } from './form-model';
import { formatFileSize, itemsOf, remainingSlots, type UploadItem } from './upload-state';
import './form-fields.css';

const h5 = process.env.TARO_ENV === 'h5';

export interface AttachmentHandlers {
  /** Mini-program: opens the camera / album (or a chat, for PDFs). */
  onPick: (field: FormField) => void;
  /** H5: files chosen in the browser's file picker. */
  onFiles: (field: FormField, files: File[]) => void;
  onRemove: (item: UploadItem) => void;
  onRetry: (item: UploadItem) => void;
  onOpen: (item: UploadItem) => void;
}

interface PageFieldsProps extends AttachmentHandlers {
  page: FormPage;
  values: FormValues;
  errors: FieldErrors;
  uploads: readonly UploadItem[];
  onChange: (name: string, value: FieldValue) => void;
}

/** Every field of one form page, each drawn by its kind; errors under the field they belong to. */
export function PageFields({ page, values, errors, uploads, onChange, ...handlers }: PageFieldsProps) {
  return (
    <View className="page-fields">
      {page.fields.map((field) => (
        <FieldView
          key={field.name}
          field={field}
          value={values[field.name]}
          error={errors[field.name]}
          uploads={uploads}
          onChange={(value) => onChange(field.name, value)}
          {...handlers}
        />
      ))}
    </View>
  );
}

interface FieldViewProps extends AttachmentHandlers {
  field: FormField;
  value: FieldValue | undefined;
  error?: string;
  uploads: readonly UploadItem[];
  onChange: (value: FieldValue) => void;
}

function labelOf(field: FormField): string {
  return field.required ? field.label : `${field.label}（选填）`;
}

function FieldView({ field, value, error, uploads, onChange, ...handlers }: FieldViewProps) {
  const id = `field-${field.name}`;
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'phone':
      return (
        <TextField
          id={id}
          label={labelOf(field)}
          value={text}
          hint={field.help}
          error={error}
          type="number"
          h5Type="tel"
          maxlength={11}
          placeholder="11 位手机号码"
          onChange={onChange}
        />
      );
    case 'text':
    case 'integer':
    case 'money':
      return (
        <TextField
          id={id}
          label={labelOf(field)}
          value={text}
          hint={field.help}
          error={error}
          type={field.kind === 'integer' ? 'number' : field.kind === 'money' ? 'digit' : 'text'}
          h5Type={field.kind === 'text' ? undefined : 'text'}
          maxlength={field.kind === 'text' ? (field.maxLength ?? 500) : 12}
          placeholder={field.kind === 'money' ? '金额，单位：元' : field.kind === 'integer' ? '请输入数字' : undefined}
          onChange={onChange}
        />
      );
    case 'textarea':
      return <TextAreaField id={id} field={field} value={text} error={error} onChange={onChange} />;
    case 'select':
      return (
        <ChoiceGroup
          id={id}
          label={labelOf(field)}
          options={field.options ?? []}
          value={text || undefined}
          error={error}
          onChange={onChange}
        />
      );
    case 'date':
      return <DateField id={id} field={field} value={text} error={error} onChange={onChange} />;
    case 'bank':
      return <BankField id={id} field={field} value={text} error={error} onChange={onChange} />;
    case 'attachments':
      return (
        <AttachmentField
          id={id}
          field={field}
          error={error}
          items={itemsOf(uploads, field.name)}
          all={uploads}
          {...handlers}
        />
      );
  }
}

function FieldFrame({
  id,
  field,
  error,
  children,
}: {
  id: string;
  field: FormField;
  error?: string;
  children: ReactNode;
}) {
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''}`}>
      <View className="form-field__label" id={`${id}-label`}>
        {labelOf(field)}
      </View>
      {children}
      {field.help && (
        <View id={`${id}-hint`} className="form-field__hint">
          {field.help}
        </View>
      )}
      {error && (
        <View id={`${id}-error`} className="form-field__error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}

interface SimpleFieldProps {
  id: string;
  field: FormField;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}

function describedBy(id: string, field: FormField, error?: string): string | undefined {
  return [error ? `${id}-error` : '', field.help ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
}

function TextAreaField({ id, field, value, error, onChange }: SimpleFieldProps) {
  const max = field.maxLength ?? 500;
  return (
    <FieldFrame id={id} field={field} error={error}>
      <Textarea
        className="form-textarea"
        value={value}
        maxlength={inputCap(max)}
        autoHeight
        placeholder="请在此填写"
        placeholderClass="form-field__placeholder"
        ariaLabel={h5 ? undefined : labelOf(field)}
        nativeProps={
          h5
            ? {
                id,
                'aria-label': labelOf(field),
                'aria-invalid': error ? 'true' : 'false',
                'aria-describedby': [describedBy(id, field, error), `${id}-count`].filter(Boolean).join(' '),
              }
            : {}
        }
        onInput={(event) => onChange(event.detail.value)}
      />
      <TextCount id={`${id}-count`} value={value} max={max} error={error} />
    </FieldFrame>
  );
}

function fetchCardBanks(): Promise<CardBank[]> {
  return request('GET', '/card-banks', { schema: cardBankListSchema }).then(({ items }) => items);
}

/** The 优待证 partner banks the admin keeps, as choices; the server checks the choice again on submit. */
function BankField({ id, field, value, error, onChange }: SimpleFieldProps) {
  const { state, reload } = useRequest(fetchCardBanks);
  if (state.status === 'error') {
    return (
      <FieldFrame id={id} field={field} error={error}>
        <View className="form-field__error" role="alert">
          合作银行列表加载失败
        </View>
        <AppButton size="small" onClick={reload}>
          重新加载
        </AppButton>
      </FieldFrame>
    );
  }
  const banks = state.status === 'success' ? state.data : [];
  return (
    <View>
      <ChoiceGroup
        id={id}
        label={labelOf(field)}
        options={banks.map((bank) => ({ value: bank.name, label: bank.name }))}
        value={value || undefined}
        error={error}
        onChange={onChange}
      />
      {field.help && (
        <View id={`${id}-hint`} className="form-field__hint">
          {field.help}
        </View>
      )}
    </View>
  );
}

function DateField({ id, field, value, error, onChange }: SimpleFieldProps) {
  if (h5) {
    // The browser's own date picker: accessible and familiar on phones.
    return (
      <FieldFrame id={id} field={field} error={error}>
        <input
          id={id}
          className="form-field__input form-date"
          type="date"
          value={value}
          aria-label={labelOf(field)}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={describedBy(id, field, error)}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        />
      </FieldFrame>
    );
  }
  return (
    <FieldFrame id={id} field={field} error={error}>
      <Picker mode="date" value={value || '2000-01-01'} onChange={(event) => onChange(String(event.detail.value))}>
        {/* The name says the field and exactly what is shown (WCAG 2.5.3). */}
        <View className="form-field__input form-date" ariaLabel={`${labelOf(field)}：${value || '请选择日期'}`}>
          {value || '请选择日期'}
        </View>
      </Picker>
    </FieldFrame>
  );
}

function acceptAttribute(field: FormField): string {
  const accept = field.accept ?? ['image', 'pdf'];
  return [accept.includes('image') ? 'image/jpeg,image/png' : '', accept.includes('pdf') ? 'application/pdf' : '']
    .filter(Boolean)
    .join(',');
}

interface AttachmentFieldProps extends AttachmentHandlers {
  id: string;
  field: FormField;
  error?: string;
  items: UploadItem[];
  all: readonly UploadItem[];
}

function AttachmentField({
  id,
  field,
  error,
  items,
  all,
  onPick,
  onFiles,
  onRemove,
  onRetry,
  onOpen,
}: AttachmentFieldProps) {
  const left = remainingSlots(all, field);
  const kinds = (field.accept ?? ['image', 'pdf']).includes('pdf') ? 'jpg、png 图片或 pdf 文件' : 'jpg、png 图片';
  return (
    <FieldFrame id={id} field={field} error={error}>
      <View className="form-field__hint">{`${kinds}，每个不超过 10 MB，最多 ${field.maxFiles ?? 5} 个`}</View>
      {items.map((item) => (
        <UploadRow key={item.key} item={item} onRemove={onRemove} onRetry={onRetry} onOpen={onOpen} />
      ))}
      {left > 0 &&
        (h5 ? (
          <label className="attachment-add">
            <span aria-hidden="true">＋ 添加文件</span>
            <input
              className="attachment-add__input"
              type="file"
              accept={acceptAttribute(field)}
              multiple={left > 1}
              aria-label={`添加${field.label}`}
              onChange={(event: ChangeEvent<HTMLInputElement>) => {
                const files = Array.from(event.target.files ?? []);
                event.target.value = '';
                if (files.length > 0) onFiles(field, files);
              }}
            />
          </label>
        ) : (
          <AppButton
            className="attachment-add"
            size="large"
            block
            label={`添加${field.label}`}
            onClick={() => onPick(field)}
          >
            ＋ 拍照或选择文件
          </AppButton>
        ))}
    </FieldFrame>
  );
}

interface UploadRowProps {
  item: UploadItem;
  onRemove: (item: UploadItem) => void;
  onRetry: (item: UploadItem) => void;
  onOpen: (item: UploadItem) => void;
}

function UploadRow({ item, onRemove, onRetry, onOpen }: UploadRowProps) {
  const isImage = item.mimeType ? item.mimeType.startsWith('image/') : /\.(png|jpe?g)$/i.test(item.fileName);
  const thumbnail = isImage && item.localPath;
  return (
    <View className={`upload-row upload-row--${item.status}`}>
      <View className="upload-row__preview" onClick={() => item.status === 'done' && onOpen(item)}>
        {thumbnail ? (
          <Image
            className="upload-row__thumb"
            src={item.localPath as string}
            mode="aspectFill"
            ariaLabel={item.fileName}
          />
        ) : (
          <Text className="upload-row__icon">{isImage ? '图片' : 'PDF'}</Text>
        )}
      </View>
      <View className="upload-row__body">
        <View className="upload-row__name">{item.fileName}</View>
        {item.status === 'uploading' && <UploadProgress name={item.fileName} progress={item.progress} />}
        {item.status === 'done' && <View className="upload-row__meta">{`已上传 ${formatFileSize(item.size)}`}</View>}
        {item.status === 'failed' && (
          <View className="upload-row__error" role="alert">
            {item.error ?? '上传失败'}
          </View>
        )}
      </View>
      <View className="upload-row__actions">
        {item.status === 'failed' && (
          <AppButton size="small" label={`重新上传${item.fileName}`} onClick={() => onRetry(item)}>
            重试
          </AppButton>
        )}
        {item.status !== 'uploading' && (
          <AppButton size="small" label={`删除${item.fileName}`} onClick={() => onRemove(item)}>
            删除
          </AppButton>
        )}
      </View>
    </View>
  );
}

function UploadProgress({ name, progress }: { name: string; progress: number | null }) {
  const known = progress !== null;
  return (
    <View
      className={`upload-progress ${known ? '' : 'upload-progress--indeterminate'}`}
      {...(h5
        ? {
            role: 'progressbar',
            'aria-label': `正在上传${name}`,
            'aria-valuemin': 0,
            'aria-valuemax': 100,
            'aria-valuenow': known ? progress : undefined,
          }
        : {})}
    >
      <View className="upload-progress__bar" style={known ? { width: `${progress}%` } : undefined} />
      <Text className="upload-progress__text">{known ? `正在上传 ${progress}%` : '正在上传…'}</Text>
    </View>
  );
}
