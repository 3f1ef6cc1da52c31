import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type CannedReply, cannedReplyBodySchema } from '@veterans/shared';
import { useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { TextField } from '../../../components/TextField';
import { createCannedReply, deleteCannedReply, fetchCannedReplies } from '../../../features/staff/api';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import { TextArea } from '../../../features/staff/TextArea';
import { type FieldErrors, validate } from '../../../forms/validation';
import '../../../features/staff/staff.css';

/**
 * 常用回复: the replies staff insert when answering (their unit's, the units' above, and district-wide ones);
 * staff add their unit's and delete the ones they may edit.
 */
export default function CannedRepliesPage() {
  return (
    <PageRoot className="canned-replies-page staff-page">
      <RequireStaff ability="requests.work">{() => <CannedReplies />}</RequireStaff>
    </PageRoot>
  );
}

function CannedReplies() {
  const { state, reload } = usePageRequest(fetchCannedReplies);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <LoadState state={state} onRetry={reload} isEmpty={(items) => items.length === 0} emptyText="暂无常用回复">
        {(items) =>
          items.map((reply) => (
            <View key={reply.id} className="queue-item canned-reply-item">
              <View className="queue-item__head">
                <View className="queue-item__service">{reply.title}</View>
                <View className="staff-tag">{reply.unitName ?? '全区通用'}</View>
              </View>
              <View className="staff-message__body">{reply.body}</View>
              {reply.editable && (
                <View className="staff-actions">
                  <AppButton size="small" label={`删除常用回复：${reply.title}`} onClick={() => setDeleting(reply)}>
                    删除
                  </AppButton>
                </View>
              )}
            </View>
          ))
        }
      </LoadState>
      <NewReplyForm onCreated={reload} />
      <ConfirmDialog
        id="delete-canned-reply"
        visible={deleting !== null}
        title="删除常用回复"
        confirmText="确认删除"
        danger
        busy={busy}
        onConfirm={async () => {
          if (!deleting) return;
          setBusy(true);
          try {
            await deleteCannedReply(deleting.id);
            setDeleting(null);
            reload();
          } catch {
            // the client showed why
          } finally {
            setBusy(false);
          }
        }}
        onCancel={() => setDeleting(null)}
      >
        <View>{deleting ? `删除后，本单位工作人员将不能再插入“${deleting.title}”。` : ''}</View>
      </ConfirmDialog>
    </>
  );
}

function NewReplyForm({ onCreated }: { onCreated: () => void }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setFormError(undefined);
    const checked = validate(cannedReplyBodySchema, { title, body });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await createCannedReply(checked.data);
      setTitle('');
      setBody('');
      void Taro.showToast({ title: '已添加', icon: 'none', duration: 1500 });
      onCreated();
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
      setFormError(failure instanceof ApiError ? failure.message : '保存失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="form-card new-canned-reply">
      <View className="form-card__title">添加常用回复（本单位）</View>
      {formError && (
        <View className="form-error" role="alert">
          {formError}
        </View>
      )}
      <TextField
        id="canned-title"
        label="标题"
        value={title}
        maxlength={100}
        placeholder="如：材料已收到"
        error={errors.title}
        onChange={setTitle}
      />
      <TextArea
        id="canned-body"
        label="回复内容"
        value={body}
        placeholder="插入到回复框的文字"
        error={errors.body}
        onChange={setBody}
      />
      <AppButton type="primary" loading={busy} onClick={save}>
        添加
      </AppButton>
    </View>
  );
}
