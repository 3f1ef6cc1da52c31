import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  beijingToday,
  formatChineseDate,
  homeFilingScheduleBodySchema,
  homeFilingVisitBodySchema,
  type StaffHomeFiling,
} from '@veterans/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { StatusBadge } from '../../../components/StatusBadge';
import { TextField } from '../../../components/TextField';
import { fetchStaffHomeFilings, recordHomeFilingVisit, scheduleHomeFiling } from '../../../features/home-filing/api';
import { homeFilingBadge } from '../../../features/home-filing/status';
import { DateTimeField } from '../../../features/legal/controls';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import { TextArea } from '../../../features/staff/TextArea';
import { type FieldErrors, validate } from '../../../forms/validation';
import { routes, withQuery } from '../../../navigation/routes';
import '../../../features/staff/staff.css';

/**
 * 入户办理 queue of the unit and the units below it: where to go and why; the clerk sets the date (the person is
 * told), files the service at the visit through 窗口代办 with 受理方式 上门, and records the visit with that request.
 * `?visit=<id>&requestId=<n>` (from the counter receipt) opens the visit record with the filed request.
 */
export default function StaffHomeFilingPage() {
  const { params } = useRouter();
  const returning = { visit: Number(params.visit) || null, requestId: Number(params.requestId) || undefined };
  return (
    <PageRoot className="staff-home-filing-page staff-page">
      <RequireStaff ability="counter.file">{() => <Queue returning={returning} />}</RequireStaff>
    </PageRoot>
  );
}

const scopeOptions = [
  { value: 'open', label: '待上门' },
  { value: 'all', label: '全部' },
] as const;

type Dialog = { kind: 'schedule' | 'visit'; item: StaffHomeFiling; requestId?: number } | null;

function Queue({ returning }: { returning: { visit: number | null; requestId?: number } }) {
  const [scope, setScope] = useState<'open' | 'all'>('open');
  const load = useCallback(() => fetchStaffHomeFilings(scope === 'open'), [scope]);
  const { state, reload } = usePageRequest(load);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [returned, setReturned] = useState(false);
  // Back from filing at the visit: the record opens once, with the request just filed.
  useEffect(() => {
    if (returned || !returning.visit || state.status !== 'success') return;
    setReturned(true);
    const item = state.data.find((entry) => entry.id === returning.visit);
    if (item?.status === 'scheduled') setDialog({ kind: 'visit', item, requestId: returning.requestId });
  }, [returned, returning.visit, returning.requestId, state]);
  const done = () => {
    setDialog(null);
    reload();
  };

  return (
    <>
      <ChoiceGroup id="home-filing-scope" label="范围" options={scopeOptions} value={scope} onChange={setScope} />
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(items) => items.length === 0}
        emptyText={scope === 'open' ? '暂无待上门的入户办理申请' : '暂无入户办理申请'}
      >
        {(items) =>
          items.map((item) => (
            <HomeFilingItem
              key={item.id}
              item={item}
              onSchedule={() => setDialog({ kind: 'schedule', item })}
              onVisit={() => setDialog({ kind: 'visit', item })}
            />
          ))
        }
      </LoadState>
      {dialog?.kind === 'schedule' && (
        <ScheduleDialog key={dialog.item.id} item={dialog.item} onDone={done} onCancel={() => setDialog(null)} />
      )}
      {dialog?.kind === 'visit' && (
        <VisitDialog
          key={dialog.item.id}
          item={dialog.item}
          requestId={dialog.requestId}
          onDone={done}
          onCancel={() => setDialog(null)}
        />
      )}
    </>
  );
}

function HomeFilingItem({
  item,
  onSchedule,
  onVisit,
}: {
  item: StaffHomeFiling;
  onSchedule: () => void;
  onVisit: () => void;
}) {
  const open = item.status === 'requested' || item.status === 'scheduled';
  const fileAtVisit = () =>
    void Taro.navigateTo({
      url: withQuery(routes.staffCounter, { homeFiling: item.id, service: item.serviceCode, channel: 'home' }),
    });
  return (
    <View className="queue-item home-filing-item">
      <View className="queue-item__head">
        <View className="queue-item__service">{item.serviceName}</View>
        <StatusBadge badge={homeFilingBadge(item.status)} />
      </View>
      <View className="queue-item__line">{`${item.personName}${item.askedByFamily ? '（家属代为申请）' : ''}`}</View>
      <View className="queue-item__line">{`原因：${item.reasonLabel}${item.reasonNote ? `，${item.reasonNote}` : ''}`}</View>
      <View className="queue-item__line">{`上门地址：${item.address}`}</View>
      {item.contactPhone && <View className="queue-item__line">{`联系电话：${item.contactPhone}`}</View>}
      <View className="queue-item__line">{item.unitName}</View>
      {item.visitDate && (
        <View className="queue-item__line">
          {`上门日期：${formatChineseDate(item.visitDate)}${item.scheduleNote ? `（${item.scheduleNote}）` : ''}`}
        </View>
      )}
      {open && (
        <View className="staff-actions">
          <AppButton label={`安排上门日期：${item.personName}`} onClick={onSchedule}>
            {item.status === 'scheduled' ? '改约日期' : '安排上门日期'}
          </AppButton>
          {item.status === 'scheduled' && (
            <>
              <AppButton type="primary" label={`上门代办：${item.personName}`} onClick={fileAtVisit}>
                上门代办
              </AppButton>
              <AppButton label={`记录上门情况：${item.personName}`} onClick={onVisit}>
                记录上门情况
              </AppButton>
            </>
          )}
        </View>
      )}
    </View>
  );
}

interface DialogProps {
  item: StaffHomeFiling;
  onDone: () => void;
  onCancel: () => void;
}

/** Field errors of the server (`body.visitDate`) or of the shared schema (`visitDate`), under one name. */
function failureOf(failure: unknown): { errors: FieldErrors; message: string } {
  const errors = Object.fromEntries(
    Object.entries(fieldErrorsOf(failure)).map(([path, message]) => [path.replace(/^body\./, ''), message]),
  );
  return { errors, message: failure instanceof ApiError ? failure.message : '保存失败，请稍后重试' };
}

function ScheduleDialog({ item, onDone, onCancel }: DialogProps) {
  const [visitDate, setVisitDate] = useState(item.visitDate ?? beijingToday());
  const [note, setNote] = useState(item.scheduleNote ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    const checked = validate(homeFilingScheduleBodySchema, { visitDate, ...(note.trim() ? { note } : {}) });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      await scheduleHomeFiling(item.id, checked.data);
      void Taro.showToast({ title: '已安排，已通知群众', icon: 'none', duration: 1500 });
      onDone();
    } catch (failure) {
      const { errors: fields, message } = failureOf(failure);
      setErrors({ visitDate: message, ...fields });
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      id="schedule-home-filing"
      visible
      title="安排上门日期"
      confirmText="确定并通知"
      busy={busy}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <DateTimeField
        id="home-filing-date"
        label="上门日期"
        mode="date"
        value={visitDate}
        error={errors.visitDate}
        onChange={setVisitDate}
      />
      <TextField
        id="home-filing-note"
        label="说明（选填，如上午 9 点前后）"
        value={note}
        maxlength={200}
        error={errors.note}
        onChange={setNote}
      />
    </ConfirmDialog>
  );
}

function VisitDialog({ item, requestId, onDone, onCancel }: DialogProps & { requestId?: number }) {
  const [findings, setFindings] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    const checked = validate(homeFilingVisitBodySchema, { findings, ...(requestId ? { requestId } : {}) });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      await recordHomeFilingVisit(item.id, checked.data);
      void Taro.showToast({ title: '上门情况已记录', icon: 'none', duration: 1500 });
      onDone();
    } catch (failure) {
      const { errors: fields, message } = failureOf(failure);
      setErrors({ findings: message, ...fields });
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      id="record-home-filing"
      visible
      title="记录上门情况"
      confirmText="保存"
      busy={busy}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <View className="body-text">
        {requestId ? `关联本次上门代办的办件（#${requestId}）。` : '如已上门代办，请从“上门代办”提交后再记录。'}
      </View>
      <TextArea
        id="home-filing-findings"
        label="上门情况"
        value={findings}
        maxlength={1000}
        placeholder="核对身份、办理内容、群众诉求"
        error={errors.findings}
        onChange={setFindings}
      />
    </ConfirmDialog>
  );
}
