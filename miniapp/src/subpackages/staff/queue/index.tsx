import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { type ServiceCode, serviceCatalog } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { usePageRequest } from '../../../api/use-page-request';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { TextField } from '../../../components/TextField';
import { fetchOrgUnits } from '../../../features/account/api';
import { fetchQueue } from '../../../features/staff/api';
import { staffStatusLabels } from '../../../features/staff/format';
import { Pager } from '../../../features/staff/Pager';
import { QueueItemCard } from '../../../features/staff/QueueItemCard';
import {
  extraFilterCount,
  filterFromPageParams,
  normaliseFilter,
  QUEUE_PAGE_SIZE,
  type QueueAssignee,
  type QueueFilter,
  type QueueStatus,
  queueStatuses,
} from '../../../features/staff/queue-filter';
import { RequireStaff, type StaffPrincipal } from '../../../features/staff/RequireStaff';
import { streetChoices } from '../../../features/staff/units';
import '../../../features/staff/staff.css';
import './index.css';

/**
 * The queue 办件队列 of the caller's unit and the units below it, sorted by promised date (the server's order):
 * filters by status, service, 逾期, assignee and 街道, and a search by number or exact name.
 */
export default function QueuePage() {
  return (
    <PageRoot className="queue-page staff-page">
      <RequireStaff ability="requests.work">{(staff) => <Queue staff={staff} />}</RequireStaff>
    </PageRoot>
  );
}

const statusOptions: { value: QueueStatus | ''; label: string }[] = [
  { value: '', label: '全部' },
  ...queueStatuses.map((status) => ({ value: status, label: staffStatusLabels[status] })),
];
const serviceOptions: { value: ServiceCode | ''; label: string }[] = [
  { value: '', label: '全部事项' },
  ...serviceCatalog.map((service) => ({ value: service.code, label: service.name })),
];
const overdueOptions = [
  { value: '', label: '全部' },
  { value: 'overdue', label: '仅看已逾期' },
] as const;
const assigneeOptions: { value: QueueAssignee | ''; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'me', label: '分配给我' },
  { value: 'none', label: '未分配' },
];

function Queue({ staff }: { staff: StaffPrincipal }) {
  const { params } = useRouter();
  const [filter, setFilter] = useState<QueueFilter>(() => filterFromPageParams(params));
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState(filter.q ?? '');
  const [expanded, setExpanded] = useState(() => extraFilterCount(filter) > 0);

  const load = useCallback(() => fetchQueue(filter, page), [filter, page]);
  const { state, reload } = usePageRequest(load);
  const units = useRequest(fetchOrgUnits);
  const streets = units.state.status === 'success' ? streetChoices(units.state.data, staff.unitId) : [];

  const change = (patch: Partial<QueueFilter>) => {
    setFilter((previous) => normaliseFilter({ ...previous, ...patch }));
    setPage(1);
  };
  const extra = extraFilterCount(filter);

  return (
    <>
      <View className="staff-filters">
        <View className="staff-search">
          <TextField
            id="queue-search"
            label="搜索办件"
            value={search}
            maxlength={64}
            placeholder="办件编号，或申请人完整姓名"
            onChange={setSearch}
          />
          <AppButton className="queue-search-button" type="primary" onClick={() => change({ q: search })}>
            搜索
          </AppButton>
        </View>
        {filter.q && (
          <View className="body-text queue-search-active">
            {`正在搜索“${filter.q}”。`}
            <View
              className="link-text"
              onClick={() => {
                setSearch('');
                change({ q: undefined });
              }}
              {...(process.env.TARO_ENV === 'h5' ? { role: 'button', tabIndex: 0 } : {})}
            >
              清除搜索
            </View>
          </View>
        )}
        <ChoiceGroup
          id="queue-status"
          label="状态"
          options={statusOptions}
          value={filter.status ?? ''}
          onChange={(value) => change({ status: value || undefined })}
        />
        <AppButton
          className="queue-filters__toggle"
          size="small"
          onClick={() => setExpanded((value) => !value)}
          label={expanded ? '收起更多筛选' : `更多筛选${extra > 0 ? `，已选 ${extra} 项` : ''}`}
        >
          {expanded ? '收起筛选' : `更多筛选${extra > 0 ? `（${extra}）` : ''}`}
        </AppButton>
        {expanded && (
          <>
            <ChoiceGroup
              id="queue-service"
              label="事项"
              options={serviceOptions}
              value={filter.serviceCode ?? ''}
              onChange={(value) => change({ serviceCode: value || undefined })}
            />
            <ChoiceGroup
              id="queue-overdue"
              label="逾期"
              options={overdueOptions}
              value={filter.overdue ? 'overdue' : ''}
              onChange={(value) => change({ overdue: value === 'overdue' })}
            />
            <ChoiceGroup
              id="queue-assignee"
              label="承办人"
              options={assigneeOptions}
              value={filter.assignee ?? ''}
              onChange={(value) => change({ assignee: value || undefined })}
            />
            {streets.length > 0 && (
              <ChoiceGroup
                id="queue-street"
                label="街道"
                options={[
                  { value: '', label: '全部街道' },
                  ...streets.map((street) => ({ value: String(street.id), label: street.name })),
                ]}
                value={filter.streetUnitId ? String(filter.streetUnitId) : ''}
                onChange={(value) => change({ streetUnitId: value ? Number(value) : undefined })}
              />
            )}
          </>
        )}
      </View>

      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(data) => data.items.length === 0}
        emptyText={filter.q ? '没有找到符合条件的办件（姓名需完整输入）' : '没有符合条件的办件'}
      >
        {(data) => (
          <>
            <View className="queue-summary" aria-live="polite">{`共 ${data.total} 件，按承诺办结日期排序`}</View>
            {data.items.map((item) => (
              <QueueItemCard key={item.id} item={item} />
            ))}
            <Pager page={page} total={data.total} pageSize={QUEUE_PAGE_SIZE} onPage={setPage} />
          </>
        )}
      </LoadState>
    </>
  );
}
