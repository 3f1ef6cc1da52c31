import { View } from '@tarojs/components';
import {
  type CalendarDay,
  can,
  formatChineseDate,
  type HolidayKind,
  holidayKindLabels,
  holidayOverrideBodySchema,
} from '@veterans/shared';
import { useCallback, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { LoadState } from '../../../components/LoadState';
import { pressable } from '../../../components/pressable';
import { AdminShell } from '../../../features/admin/AdminShell';
import { fetchHolidayYear, removeHolidayOverride, setHolidayOverride } from '../../../features/admin/api';
import {
  AdminButton,
  AdminDialog,
  type Column,
  InputField,
  Notice,
  RowAction,
  SelectField,
  Table,
} from '../../../features/admin/controls';
import { isDayOff, type MonthCell, monthGrid } from '../../../features/admin/format';
import { adminPages } from '../../../features/admin/pages';
import { beijingToday } from '../../../features/legal/time';
import type { StaffPrincipal } from '../../../features/staff/RequireStaff';
import { type FieldErrors, validate } from '../../../forms/validation';

/**
 * 节假日设置: the statutory calendar of a year (State Council holidays 放假 and make-up workdays 调休上班), one month
 * at a time, with the admins' overrides marked. The district centre's admins add or remove an override with its
 * reason; promised completion dates of requests filed afterwards count working days by it. Other admins read it.
 */
export default function CalendarPage() {
  return (
    <AdminShell
      className="admin-calendar-page"
      title="节假日设置"
      current={adminPages.calendar}
      ability="calendar.read"
    >
      {(staff) => <Calendar staff={staff} />}
    </AdminShell>
  );
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const h5 = process.env.TARO_ENV === 'h5';

function dayLabel(cell: MonthCell): string {
  if (!cell.date) return '';
  const weekday = WEEKDAYS[(new Date(`${cell.date}T00:00:00Z`).getUTCDay() + 6) % 7];
  const entry = cell.entry;
  const state = entry ? `${holidayKindLabels[entry.kind]} ${entry.name}` : cell.weekend ? '周末' : '工作日';
  return `${formatChineseDate(cell.date)} 星期${weekday} ${state}${entry?.source === 'override' ? '（管理员调整）' : ''}`;
}

function Calendar({ staff }: { staff: StaffPrincipal }) {
  const today = beijingToday();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [month, setMonth] = useState(Number(today.slice(5, 7)));
  const load = useCallback(() => fetchHolidayYear(year), [year]);
  const { state, reload } = usePageRequest(load);
  const manage = can(staff, 'calendar.manage');

  const [selected, setSelected] = useState<string | null>(null);
  const [kind, setKind] = useState<HolidayKind>('holiday');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<CalendarDay | null>(null);

  const days = state.status === 'success' ? state.data.days : [];
  const selectedEntry = selected ? days.find((day) => day.date === selected) : undefined;

  const moveMonth = (delta: number) => {
    let nextMonth = month + delta;
    let nextYear = year;
    if (nextMonth < 1) {
      nextMonth = 12;
      nextYear -= 1;
    } else if (nextMonth > 12) {
      nextMonth = 1;
      nextYear += 1;
    }
    setMonth(nextMonth);
    if (nextYear !== year) setYear(nextYear);
  };

  const select = (cell: MonthCell) => {
    if (!cell.date) return;
    setSelected(cell.date);
    setErrors({});
    setNotice(null);
    const offNow = isDayOff(cell);
    // The likely change is the opposite of what the day is now.
    setKind(cell.entry?.source === 'override' ? cell.entry.kind : offNow ? 'workday' : 'holiday');
    setName(cell.entry?.source === 'override' ? cell.entry.name : '');
  };

  const save = async () => {
    if (!selected) return;
    const checked = validate(holidayOverrideBodySchema, { kind, name });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const day = await setHolidayOverride(selected, checked.data);
      setNotice({
        tone: 'success',
        text: `已将 ${formatChineseDate(day.date)} 设为${holidayKindLabels[day.kind]}（${day.name}）。此后提交的办件按新的工作日计算承诺办结日期。`,
      });
      reload();
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
      setNotice({ tone: 'error', text: failure instanceof ApiError ? failure.message : '保存失败，请稍后重试' });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    try {
      await removeHolidayOverride(removing.date);
      setNotice({ tone: 'success', text: `已取消 ${formatChineseDate(removing.date)} 的调整，恢复法定安排` });
      if (selected === removing.date) setSelected(null);
      reload();
    } catch (failure) {
      setNotice({ tone: 'error', text: failure instanceof ApiError ? failure.message : '操作失败，请稍后重试' });
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  };

  const overrideColumns: Column<CalendarDay>[] = [
    { key: 'date', header: '日期', width: 1.5, render: (day) => formatChineseDate(day.date) },
    { key: 'kind', header: '调整为', width: 1, render: (day) => holidayKindLabels[day.kind] },
    { key: 'name', header: '原因', width: 2.5, render: (day) => day.name },
    {
      key: 'statutory',
      header: '法定安排',
      width: 1.2,
      render: (day) => (day.statutoryKind ? holidayKindLabels[day.statutoryKind] : '普通日'),
    },
    ...(manage
      ? [
          {
            key: 'actions',
            header: '操作',
            width: 1,
            render: (day: CalendarDay) => (
              <RowAction
                action="取消调整"
                subject={formatChineseDate(day.date)}
                danger
                onPress={() => setRemoving(day)}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <View className="admin-toolbar calendar-nav">
        <AdminButton onClick={() => moveMonth(-1)} label="上个月">
          ‹ 上个月
        </AdminButton>
        <View className="admin-panel__title calendar-month-title" {...(h5 ? { role: 'status' } : {})}>
          {`${year}年${month}月`}
        </View>
        <AdminButton onClick={() => moveMonth(1)} label="下个月">
          下个月 ›
        </AdminButton>
        <AdminButton
          onClick={() => {
            setYear(Number(today.slice(0, 4)));
            setMonth(Number(today.slice(5, 7)));
          }}
        >
          回到本月
        </AdminButton>
      </View>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <LoadState state={state} onRetry={reload}>
        {(data) => (
          <>
            {!data.calendarKnown && (
              <Notice tone="error">
                {`${year} 年的国务院放假安排尚未收录（已收录 ${data.libraryYears.from}–${data.libraryYears.to} 年），目前按周一至周五计算工作日。请按公布的安排逐日添加调整。`}
              </Notice>
            )}
            <View className="admin-legend">
              <View className="admin-day admin-day--off calendar-legend">放假</View>
              <View className="admin-day admin-day--workday calendar-legend">调休上班</View>
              <View className="admin-day admin-day--override calendar-legend">管理员调整</View>
            </View>
            <View
              className="admin-month calendar-month"
              {...(h5 ? { role: 'grid', 'aria-label': `${year}年${month}月` } : {})}
            >
              <View className="admin-month__week" {...(h5 ? { role: 'row' } : {})}>
                {WEEKDAYS.map((weekday) => (
                  <View key={weekday} className="admin-day admin-day--head" {...(h5 ? { role: 'columnheader' } : {})}>
                    {weekday}
                  </View>
                ))}
              </View>
              {monthGrid(year, month, data.days).map((week) => (
                <View
                  key={week.find((cell) => cell.date)?.date ?? undefined}
                  className="admin-month__week"
                  {...(h5 ? { role: 'row' } : {})}
                >
                  {week.map((cell, index) =>
                    cell.date ? (
                      <View
                        key={cell.date}
                        className={[
                          'admin-day',
                          isDayOff(cell) ? 'admin-day--off' : '',
                          cell.entry?.kind === 'workday' ? 'admin-day--workday' : '',
                          cell.entry?.source === 'override' ? 'admin-day--override' : '',
                          selected === cell.date ? 'admin-day--selected' : '',
                        ].join(' ')}
                        onClick={() => select(cell)}
                        {...pressable(() => select(cell), { label: dayLabel(cell) })}
                        {...(h5
                          ? { role: 'gridcell', 'aria-selected': selected === cell.date ? 'true' : 'false' }
                          : {})}
                      >
                        {cell.day}
                        <View className="admin-day__name">{cell.entry ? cell.entry.name : ' '}</View>
                      </View>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the blanks of a week have no other identity
                      <View key={`blank-${index}`} className="admin-day admin-day--head" />
                    ),
                  )}
                </View>
              ))}
            </View>
            {selected && (
              <View
                className="admin-panel calendar-day-panel"
                {...(h5 ? { role: 'form', 'aria-label': '调整这一天' } : {})}
              >
                <View className="admin-panel__title">{formatChineseDate(selected)}</View>
                <View className="body-text">
                  {selectedEntry
                    ? `${selectedEntry.source === 'override' ? '管理员调整' : '法定安排'}：${holidayKindLabels[selectedEntry.kind]}（${selectedEntry.name}）`
                    : '普通日（按星期计算）'}
                </View>
                {manage ? (
                  <>
                    <SelectField<HolidayKind>
                      id="override-kind"
                      label="调整为"
                      value={kind}
                      options={[
                        { value: 'holiday', label: holidayKindLabels.holiday },
                        { value: 'workday', label: holidayKindLabels.workday },
                      ]}
                      error={errors.kind}
                      onChange={setKind}
                    />
                    <InputField
                      id="override-name"
                      label="原因（名称）"
                      placeholder="如 国庆节、防汛停工"
                      value={name}
                      maxlength={50}
                      error={errors.name}
                      onChange={setName}
                      onEnter={() => void save()}
                    />
                    <View className="admin-actions">
                      <AdminButton type="primary" loading={busy} onClick={() => void save()}>
                        保存调整
                      </AdminButton>
                      {selectedEntry?.source === 'override' && (
                        <AdminButton onClick={() => setRemoving(selectedEntry)}>取消调整</AdminButton>
                      )}
                    </View>
                  </>
                ) : (
                  <View className="body-text">节假日由区中心管理员设置。</View>
                )}
              </View>
            )}
            <View className="admin-panel__title">{`${year} 年的管理员调整`}</View>
            <Table
              label="管理员调整"
              columns={overrideColumns}
              rows={data.days.filter((day) => day.source === 'override')}
              rowKey={(day) => day.date}
              emptyText="本年没有调整，全部按法定安排"
            />
          </>
        )}
      </LoadState>
      <AdminDialog
        id="override-remove"
        visible={removing !== null}
        title="取消调整"
        confirmText="确认取消调整"
        cancelText="返回"
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      >
        {removing
          ? `${formatChineseDate(removing.date)} 恢复法定安排（${removing.statutoryKind ? holidayKindLabels[removing.statutoryKind] : '按星期计算'}）。`
          : ''}
      </AdminDialog>
    </>
  );
}
