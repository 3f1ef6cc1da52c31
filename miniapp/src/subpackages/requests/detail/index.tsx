import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  finalRequestStatuses,
  formatChineseDate,
  MAX_MESSAGE_LENGTH,
  type RequestDetail,
  type RequestMessage,
  ratingLevelLabels,
  ratingLevels,
  ratingTitle,
  requestMessageBodySchema,
  requestRelationText,
  serviceForms,
} from '@veterans/shared';
import { type ReactNode, useCallback, useState } from 'react';
import { ApiError } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { NoBreakText } from '../../../components/NoBreakText';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { TextCount } from '../../../components/TextCount';
import {
  deleteDraft,
  fetchMeetings,
  fetchMessages,
  fetchRating,
  postMessage,
  rateRequest,
  withdrawRequest,
} from '../../../features/requests/api';
import { loadRequest } from '../../../features/requests/early-detail';
import { openAttachment } from '../../../features/requests/files';
import { reviewSummary, valuesFromAnswers } from '../../../features/requests/form-model';
import { continueApplication } from '../../../features/requests/navigation';
import { RequestStatusBadge } from '../../../features/requests/RequestStatusBadge';
import { dateTimeText, transitionText } from '../../../features/requests/status';
import { formatFileSize } from '../../../features/requests/upload-state';
import { inputCap, textLimitError } from '../../../forms/text-limit';
import { validate } from '../../../forms/validation';
import { routes } from '../../../navigation/routes';
import '../../../features/requests/requests.css';
import '../../../features/requests/form-fields.css';
import './index.css';
import { CardChain } from '../../../features/preferential-card/CardChain';

const h5 = process.env.TARO_ENV === 'h5';

/** 办件详情: where a request stands, what happens next and by when, its history, the conversation, 好差评. */
export default function RequestDetailPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  return (
    <PageRoot className="request-detail-page">
      <RequireCitizen>
        {() =>
          Number.isInteger(id) && id > 0 ? (
            <RequestView id={id} />
          ) : (
            <View className="load-state load-state--error">没有找到该办件</View>
          )
        }
      </RequireCitizen>
    </PageRoot>
  );
}

function RequestView({ id }: { id: number }) {
  // Loads again when shown again (back from 补正).
  const { state, reload } = usePageRequest(useCallback(() => loadRequest(id), [id]));
  return (
    <LoadState state={state} onRetry={reload}>
      {(detail) => <Detail detail={detail} onChanged={reload} />}
    </LoadState>
  );
}

function Line({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className="detail-line">
      <View className="detail-line__label">{label}</View>
      <View className={`detail-line__value ${className ?? ''}`}>
        <NoBreakText text={value} />
      </View>
    </View>
  );
}

function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <View className={`card detail-section ${className ?? ''}`}>
      <View className="card__title" role="heading" aria-level={2}>
        {title}
      </View>
      {children}
    </View>
  );
}

function Detail({ detail, onChanged }: { detail: RequestDetail; onChanged: () => void }) {
  const form = serviceForms[detail.serviceCode];
  const fileNames = Object.fromEntries(detail.attachments.map((file) => [file.id, file.fileName]));
  const answers = reviewSummary(form, valuesFromAnswers(form, detail.formData), fileNames);
  const final = finalRequestStatuses.includes(detail.status);
  return (
    <View className="request-detail">
      <View className="card detail-head">
        <View className="detail-head__top">
          <View className="detail-head__name">{detail.serviceName}</View>
          <RequestStatusBadge status={detail.status} overdue={detail.overdue} />
        </View>
        <Line label="办件编号" value={detail.number ?? '尚未提交'} className="request-number" />
        <Line label="申请方式" value={requestRelationText(detail)} className="request-relation" />
        {detail.submittedAt && <Line label="提交时间" value={dateTimeText(detail.submittedAt)} />}
        {detail.dueDate && <Line label="承诺办结" value={`${formatChineseDate(detail.dueDate)}前`} />}
        {detail.completedAt && <Line label="办结时间" value={dateTimeText(detail.completedAt)} />}
        {detail.unit && <Line label="受理单位" value={detail.unit.name} />}
        {detail.stageLabel && <Line label="优待证" value={detail.stageLabel} />}
        {detail.pickupPlace && <Line label="领取地点" value={detail.pickupPlace} />}
        <View className={`notice ${detail.status === 'needs_supplement' ? 'notice--warning' : ''} next-step`}>
          <Text className="next-step__label">下一步：</Text>
          {detail.nextStep}
        </View>
        {detail.resolutionNote && <Line label="办理结果" value={detail.resolutionNote} />}
        <Actions detail={detail} onChanged={onChanged} />
      </View>
      {detail.cardProgress && detail.status !== 'draft' && (
        <Section title="优待证办理环节" className="card-chain-section">
          <CardChain progress={detail.cardProgress} />
        </Section>
      )}
      {detail.serviceCode === 'appeal' && detail.status !== 'draft' && <Meetings id={detail.id} />}
      {detail.status === 'completed' && <Rating id={detail.id} />}
      <Section title="办理进度" className="timeline-section">
        <Timeline detail={detail} />
      </Section>
      {detail.status !== 'draft' && (
        <Section title="留言与回复" className="conversation-section">
          <Conversation id={detail.id} open={!final} />
        </Section>
      )}
      <Section title="申请内容" className="answers-section">
        {answers.map((section) => (
          <View key={section.pageIndex} className="answers-group">
            <View className="answers-group__title">{section.title}</View>
            {section.items.map((item) => (
              <Line key={item.name} label={item.label} value={item.text} />
            ))}
          </View>
        ))}
      </Section>
      {detail.attachments.length > 0 && (
        <Section title="附件" className="attachments-section">
          {detail.attachments.map((file) => (
            <View
              key={file.id}
              className="attachment-row"
              onClick={() => void openAttachment(file)}
              {...(h5 ? { role: 'button', 'aria-label': `查看附件：${file.fileName}`, tabIndex: 0 } : {})}
            >
              <Text className="attachment-row__kind">{file.mimeType === 'application/pdf' ? 'PDF' : '图片'}</Text>
              <View className="attachment-row__name">{file.fileName}</View>
              <Text className="attachment-row__size">{formatFileSize(file.size)}</Text>
            </View>
          ))}
        </Section>
      )}
    </View>
  );
}

function Actions({ detail, onChanged }: { detail: RequestDetail; onChanged: () => void }) {
  const [withdrawing, setWithdrawing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const actions = detail.availableActions;
  if (!detail.mine) return null;

  const withdraw = async () => {
    if (textLimitError(reason, 500)) return;
    setBusy(true);
    try {
      await withdrawRequest(detail.id, reason);
      setWithdrawing(false);
      void Taro.showToast({ title: '已撤回', icon: 'none', duration: 1500 });
      onChanged();
    } catch {
      // the toast has said why
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await deleteDraft(detail.id);
      setDeleting(false);
      void Taro.showToast({ title: '草稿已删除', icon: 'none', duration: 1500 });
      void Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.myRequests }));
    } catch {
      // toast shown
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="form-actions detail-actions">
      {actions.includes('submit') && (
        <AppButton type="primary" size="large" block onClick={() => continueApplication(detail.id)}>
          继续填写
        </AppButton>
      )}
      {actions.includes('resubmit') && (
        <AppButton type="primary" size="large" block onClick={() => continueApplication(detail.id)}>
          补正后重新提交
        </AppButton>
      )}
      {actions.includes('withdraw') && (
        <AppButton size="large" block onClick={() => setWithdrawing(true)}>
          撤回申请
        </AppButton>
      )}
      {detail.status === 'draft' && (
        <AppButton size="large" block onClick={() => setDeleting(true)}>
          删除草稿
        </AppButton>
      )}
      <ConfirmDialog
        id="withdraw-request"
        visible={withdrawing}
        title="撤回申请"
        confirmText="确认撤回"
        danger
        busy={busy}
        onConfirm={withdraw}
        onCancel={() => setWithdrawing(false)}
      >
        <View className="withdraw-notice">撤回后本办件将停止办理，不能恢复。如有需要可以重新申请。</View>
        <View className="form-field__label">撤回原因（选填）</View>
        <Textarea
          className="form-textarea"
          value={reason}
          maxlength={inputCap(500)}
          placeholder="可以告诉我们撤回的原因"
          ariaLabel={h5 ? undefined : '撤回原因'}
          nativeProps={h5 ? { 'aria-label': '撤回原因' } : {}}
          onInput={(event) => setReason(event.detail.value)}
        />
        <TextCount value={reason} max={500} />
      </ConfirmDialog>
      <ConfirmDialog
        id="delete-draft"
        visible={deleting}
        title="删除草稿"
        confirmText="确认删除"
        danger
        busy={busy}
        onConfirm={remove}
        onCancel={() => setDeleting(false)}
      >
        <View>删除后已填写的内容不能恢复。</View>
      </ConfirmDialog>
    </View>
  );
}

function Timeline({ detail }: { detail: RequestDetail }) {
  // Newest first: what happened last is what the applicant looks for.
  const events = [...detail.timeline].reverse();
  if (events.length === 0) return <View className="body-text">暂无记录</View>;
  return (
    <View className="timeline">
      {events.map((event, index) => (
        <View key={event.id} className={`timeline-item ${index === 0 ? 'timeline-item--latest' : ''}`}>
          <View className="timeline-item__dot" />
          <View className="timeline-item__body">
            <View className="timeline-item__head">
              <Text className="timeline-item__action">{event.actionLabel}</Text>
              <Text className="timeline-item__actor">{event.actorLabel}</Text>
            </View>
            <View className="timeline-item__time">{dateTimeText(event.at)}</View>
            {transitionText(event) && <View className="timeline-item__transition">{transitionText(event)}</View>}
            {event.comment && <View className="timeline-item__comment">{event.comment}</View>}
          </View>
        </View>
      ))}
    </View>
  );
}

function Conversation({ id, open }: { id: number; open: boolean }) {
  const { state, reload } = useRequest(useCallback(() => fetchMessages(id), [id]));
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);

  const send = async () => {
    const checked = validate(requestMessageBodySchema, { body: draft });
    if (!checked.ok) {
      setError(checked.errors.body);
      return;
    }
    setError(undefined);
    setSending(true);
    try {
      await postMessage(id, checked.data.body);
      setDraft('');
      reload();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '发送失败，请稍后重试');
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="conversation">
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(items) => items.length === 0}
        emptyText="还没有留言。对办理有疑问，可以在这里留言，工作人员会回复您。"
      >
        {(items) => items.map((message) => <MessageBubble key={message.id} message={message} />)}
      </LoadState>
      {open && (
        <View className={`form-field reply-box ${error ? 'form-field--invalid' : ''}`}>
          <Textarea
            className="form-textarea"
            value={draft}
            maxlength={inputCap(MAX_MESSAGE_LENGTH)}
            placeholder="输入留言内容"
            ariaLabel={h5 ? undefined : '留言内容'}
            nativeProps={h5 ? { 'aria-label': '留言内容', 'aria-invalid': error ? 'true' : 'false' } : {}}
            onInput={(event) => setDraft(event.detail.value)}
          />
          <TextCount value={draft} max={MAX_MESSAGE_LENGTH} error={error} />
          {error && (
            <View className="form-field__error" role="alert">
              {error}
            </View>
          )}
          <AppButton className="reply-send" type="primary" size="large" block loading={sending} onClick={send}>
            发送留言
          </AppButton>
        </View>
      )}
    </View>
  );
}

function MessageBubble({ message }: { message: RequestMessage }) {
  return (
    <View className={`message ${message.author.mine ? 'message--mine' : 'message--theirs'}`}>
      <View className="message__meta">{`${message.author.label} · ${dateTimeText(message.createdAt)}`}</View>
      <View className="message__body">{message.body}</View>
    </View>
  );
}

function Meetings({ id }: { id: number }) {
  const { state, reload } = useRequest(useCallback(() => fetchMeetings(id), [id]));
  if (state.status !== 'success' || state.data.length === 0) return null;
  return (
    <Section title="约访安排" className="meetings-section">
      {state.data.map((meeting) => (
        <View key={meeting.id} className="meeting">
          <Line label="时间" value={meeting.scheduledAtText} />
          <Line label="地点" value={meeting.place} />
          {meeting.note && <Line label="说明" value={meeting.note} />}
        </View>
      ))}
      <View className="link-text" onClick={reload}>
        刷新
      </View>
    </Section>
  );
}

function Rating({ id }: { id: number }) {
  const { state, reload } = useRequest(useCallback(() => fetchRating(id), [id]));
  const [level, setLevel] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (state.status !== 'success') return null;
  const { rating, canRate } = state.data;
  if (rating) {
    return (
      <Section title={ratingTitle(rating)} className="rating-section">
        <View className="rating-result">{rating.levelLabel}</View>
        {rating.comment && <View className="body-text">{rating.comment}</View>}
        {rating.mine && <View className="body-text rating-thanks">感谢您的评价。</View>}
      </Section>
    );
  }
  if (!canRate) return null;

  const send = async () => {
    if (level === null) {
      setError('请选择满意程度');
      return;
    }
    const tooLong = textLimitError(comment, 500);
    if (tooLong) {
      setError(tooLong);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await rateRequest(id, level, comment);
      reload();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '评价失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="评价本次服务" className="rating-section">
      <View className="body-text">您的评价将帮助我们改进工作。</View>
      <View className="rating-levels" {...(h5 ? { role: 'radiogroup', 'aria-label': '满意程度' } : {})}>
        {ratingLevels.map((value) => (
          <View
            key={value}
            className={`rating-level ${level === value ? 'rating-level--chosen' : ''}`}
            onClick={() => {
              setLevel(value);
              setError(undefined);
            }}
            {...(h5 ? { role: 'radio', 'aria-checked': level === value ? 'true' : 'false', tabIndex: 0 } : {})}
          >
            {ratingLevelLabels[value]}
          </View>
        ))}
      </View>
      <Textarea
        className="form-textarea rating-comment"
        value={comment}
        maxlength={inputCap(500)}
        placeholder="还想说点什么（选填）"
        ariaLabel={h5 ? undefined : '评价内容'}
        nativeProps={h5 ? { 'aria-label': '评价内容' } : {}}
        onInput={(event) => setComment(event.detail.value)}
      />
      <TextCount value={comment} max={500} error={error} />
      {error && (
        <View className="form-field__error" role="alert">
          {error}
        </View>
      )}
      <AppButton className="rating-submit" type="primary" size="large" block loading={busy} onClick={send}>
        提交评价
      </AppButton>
    </Section>
  );
}
