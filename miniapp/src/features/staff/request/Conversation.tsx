import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { finalRequestStatuses, type RequestMessage, type StaffRequestDetail } from '@veterans/shared';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { fetchCannedReplies, postMessage } from '../api';
import {
  checkMessage,
  insertCannedReply,
  type ReplyMode,
  remainingCharacters,
  replyModeOptions,
} from '../conversation';
import { dateTimeText } from '../format';
import { ListDialog } from '../ListDialog';
import { TextArea } from '../TextArea';
import '../staff.css';

interface ConversationProps {
  detail: StaffRequestDetail;
  messages: RequestMessage[];
  onPosted: (message: RequestMessage) => void;
}

const hints: Record<ReplyMode, string> = {
  public: '公开回复：申请人会在办件中看到，并收到消息提醒。',
  internal: '内部备注：仅工作人员可见，申请人看不到。',
};

/** 留言与回复: the whole thread (internal notes marked) and the reply box with canned replies. */
export function RequestConversation({ detail, messages, onPosted }: ConversationProps) {
  const [mode, setMode] = useState<ReplyMode>('public');
  const [body, setBody] = useState('');
  const [selection, setSelection] = useState<{ start: number; end: number }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState(false);

  const send = async () => {
    const check = checkMessage(body, mode);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      onPosted(await postMessage(detail.id, check.body));
      setBody('');
      setSelection(undefined);
      void Taro.showToast({ title: mode === 'public' ? '回复已发送' : '备注已保存', icon: 'none', duration: 1500 });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '发送失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  const finished = finalRequestStatuses.includes(detail.status);
  return (
    <View className="card request-conversation">
      <View className="card__title">留言与回复</View>
      {messages.length === 0 && <View className="body-text">暂无留言</View>}
      {messages.map((message) => (
        <View
          key={message.id}
          className={`staff-message conversation-message ${message.internal ? 'staff-message--internal' : ''}`}
        >
          <View className="staff-message__meta">
            {`${message.author.label} · ${dateTimeText(message.createdAt)}`}
            {message.internal && <View className="staff-tag staff-tag--internal">内部备注</View>}
          </View>
          <View className="staff-message__body">{message.body}</View>
        </View>
      ))}
      <View className="reply-box">
        <ChoiceGroup
          id="reply-mode"
          label="回复方式"
          options={replyModeOptions}
          value={mode}
          onChange={(value) => {
            setMode(value);
            setError(undefined);
          }}
        />
        <TextArea
          id="reply-body"
          label={mode === 'public' ? '回复内容' : '备注内容'}
          value={body}
          placeholder={mode === 'public' ? '写给申请人的回复' : '仅工作人员可见的备注'}
          hint={`${hints[mode]}${finished ? '办件已结束，仍可留言。' : ''}还可输入 ${Math.max(0, remainingCharacters(body))} 字。`}
          error={error}
          onSelection={setSelection}
          onChange={(value) => {
            setBody(value);
            if (error) setError(undefined);
          }}
        />
        <View className="staff-actions">
          <AppButton className="canned-reply-button" onClick={() => setPicking(true)}>
            插入常用回复
          </AppButton>
          <AppButton className="send-reply-button" type="primary" loading={busy} onClick={send}>
            {mode === 'public' ? '发送回复' : '保存备注'}
          </AppButton>
        </View>
      </View>
      {picking && (
        <CannedReplyPicker
          onPick={(reply) => {
            setBody((current) => insertCannedReply(current, reply, selection));
            setSelection(undefined);
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </View>
  );
}

function CannedReplyPicker({ onPick, onClose }: { onPick: (body: string) => void; onClose: () => void }) {
  const { state, reload } = useRequest(fetchCannedReplies);
  const h5 = process.env.TARO_ENV === 'h5';
  return (
    <ListDialog id="canned-replies" title="常用回复" onClose={onClose}>
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(items) => items.length === 0}
        emptyText="暂无常用回复，可在工作台“常用回复”中添加。"
      >
        {(items) =>
          items.map((reply) => (
            <View
              key={reply.id}
              className="staff-choice-list__item canned-reply"
              onClick={() => onPick(reply.body)}
              {...(h5 ? { role: 'button', tabIndex: 0, 'aria-label': `插入：${reply.title}` } : {})}
            >
              <View className="staff-choice-list__title">{reply.title}</View>
              <View className="staff-choice-list__text">{reply.body}</View>
            </View>
          ))
        }
      </LoadState>
    </ListDialog>
  );
}
