import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OrgUnit, Stats } from '@veterans/shared';
import { useCallback, useMemo, useState } from 'react';
import { ApiError } from '../../../api/client';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { fetchOrgUnits } from '../../../features/account/api';
import { beijingDate } from '../../../features/care-mode/age';
import { DateTimeField } from '../../../features/legal/controls';
import { ListDialog } from '../../../features/staff/ListDialog';
import { RequireStaff, type StaffPrincipal } from '../../../features/staff/RequireStaff';
import { exportPath, fetchStats } from '../../../features/stats/api';
import { BarChart, KeyFigures, TrendChart } from '../../../features/stats/Charts';
import { defaultExportName, exportStats } from '../../../features/stats/download';
import { channelBars, keyFigures, monthBars, serviceBars } from '../../../features/stats/figures';
import {
  type Period,
  type PresetKey,
  periodProblem,
  presetKeys,
  presetLabels,
  presetOf,
  presetPeriod,
} from '../../../features/stats/period';
import { unitsInTree } from '../../../features/stats/units';
import '../../../components/form.css';
import '../../../features/staff/staff.css';
import '../../../features/stats/stats.css';

/**
 * 统计报表 for staff and admins: a period (presets 本月 / 本季度 / 本年 / 上年, or any dates) and a unit (the
 * caller's own or one below it), the key figures, a bar chart by service type, the monthly trend, and 导出
 * Excel (`GET /staff/stats/export`).
 */
export default function StatsPage() {
  return (
    <PageRoot className="stats-page staff-page" mode="standard">
      <RequireStaff ability="statistics.read">{(staff) => <StatsView staff={staff} />}</RequireStaff>
    </PageRoot>
  );
}

const presetOptions = presetKeys.map((key) => ({ value: key, label: presetLabels[key] }));

function StatsView({ staff }: { staff: StaffPrincipal }) {
  const today = beijingDate(new Date());
  const [period, setPeriod] = useState<Period>(() => presetPeriod('year', today));
  const [unitId, setUnitId] = useState<number | null>(staff.unitId);
  const [choosingUnit, setChoosingUnit] = useState(false);
  const [exporting, setExporting] = useState(false);
  const problem = periodProblem(period);

  const units = useRequest(fetchOrgUnits);
  const allUnits = units.state.status === 'success' ? units.state.data : null;
  const choices = useMemo(() => (allUnits ? unitsInTree(allUnits, staff.unitId) : []), [allUnits, staff.unitId]);
  const unit = choices.find((candidate) => candidate.id === unitId);

  const query = useMemo(
    () => ({ from: period.from, to: period.to, unit: unitId ?? undefined }),
    [period.from, period.to, unitId],
  );
  const load = useCallback(
    () => (problem ? Promise.reject(new ApiError('BAD_PERIOD', 0, problem)) : fetchStats(query)),
    [query, problem],
  );
  const { state, reload } = useRequest(load);

  const exportNow = async () => {
    if (exporting || problem) return;
    setExporting(true);
    try {
      const name = await exportStats(exportPath(query), defaultExportName(period));
      if (process.env.TARO_ENV === 'h5')
        void Taro.showToast({ title: `已导出：${name}`, icon: 'none', duration: 2500 });
    } catch (error) {
      const message = error instanceof ApiError ? error.message : '导出失败，请稍后重试';
      void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <View className="form-card stats-filters">
        <ChoiceGroup<PresetKey>
          id="stats-preset"
          label="统计期间"
          options={presetOptions}
          value={presetOf(period, today) ?? undefined}
          onChange={(key) => setPeriod(presetPeriod(key, today))}
        />
        <View className="stats-dates">
          <DateTimeField
            id="stats-from"
            label="起始日期"
            mode="date"
            value={period.from}
            onChange={(from) => setPeriod((previous) => ({ ...previous, from }))}
          />
          <DateTimeField
            id="stats-to"
            label="截止日期"
            mode="date"
            value={period.to}
            error={problem ?? undefined}
            onChange={(to) => setPeriod((previous) => ({ ...previous, to }))}
          />
        </View>
        <View className="form-field__label">统计单位</View>
        <View className="stats-unit">
          <View className="stats-unit__name">
            {unit?.name ?? (units.state.status === 'loading' ? '正在加载…' : '本单位')}
          </View>
          {choices.length > 1 && (
            <AppButton size="small" label="更换统计单位" onClick={() => setChoosingUnit(true)}>
              更换
            </AppButton>
          )}
        </View>
      </View>

      <LoadState state={state} onRetry={reload}>
        {(stats) => <StatsBody stats={stats} />}
      </LoadState>

      <AppButton
        className="stats-export"
        type="primary"
        size="large"
        block
        loading={exporting}
        disabled={Boolean(problem)}
        onClick={exportNow}
      >
        导出 Excel
      </AppButton>

      {choosingUnit && (
        <ListDialog id="stats-unit" title="选择统计单位" onClose={() => setChoosingUnit(false)}>
          <View {...(process.env.TARO_ENV === 'h5' ? { role: 'radiogroup', 'aria-label': '统计单位' } : {})}>
            {choices.map((choice) => (
              <UnitChoice
                key={choice.id}
                unit={choice}
                selected={choice.id === unitId}
                onChoose={() => {
                  setUnitId(choice.id);
                  setChoosingUnit(false);
                }}
              />
            ))}
          </View>
        </ListDialog>
      )}
    </>
  );
}

function UnitChoice({ unit, selected, onChoose }: { unit: OrgUnit; selected: boolean; onChoose: () => void }) {
  const label = unit.name;
  return (
    <View
      className={`unit-choice unit-choice--${unit.level} ${selected ? 'unit-choice--selected' : ''}`}
      onClick={onChoose}
      {...(process.env.TARO_ENV === 'h5'
        ? { role: 'radio', 'aria-checked': selected ? 'true' : 'false', 'aria-label': label, tabIndex: 0 }
        : { ariaRole: 'radio', ariaLabel: `${label}${selected ? '，已选中' : ''}` })}
    >
      {label}
    </View>
  );
}

function StatsBody({ stats }: { stats: Stats }) {
  const streets = stats.requests.byStreet.map((row) => ({
    key: String(row.unitId ?? 'centre'),
    label: row.name,
    value: row.total,
  }));
  const ratings = stats.ratings.byLevel.map((row) => ({ key: String(row.level), label: row.label, value: row.count }));
  return (
    <>
      <View className="stats-generated">{`${stats.unit.name} · ${stats.period.from} 至 ${stats.period.to}`}</View>
      <KeyFigures figures={keyFigures(stats)} />
      {!stats.legal && <View className="stats-note">法律咨询由区服务中心统一提供，仅在区级统计中显示。</View>}
      <BarChart title="按事项" rows={serviceBars(stats)} valueName="受理" partName="已办结" />
      <BarChart title="按受理渠道" rows={channelBars(stats.requests.byChannel)} valueName="受理" partName="已办结" />
      <TrendChart title="按月趋势" rows={monthBars(stats)} valueName="受理" partName="已办结" />
      {streets.length > 1 && <BarChart title="按街道" rows={streets} valueName="受理" />}
      <BarChart title="好差评分布" rows={ratings} valueName="评价" emptyText="暂无评价" />
    </>
  );
}
