import { View } from '@tarojs/components';
import { type AuditLogEntry, auditLogExportQuerySchema, roleLabels, roles } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { useRequest } from '../../../api/use-request';
import { LoadState } from '../../../components/LoadState';
import { AdminShell } from '../../../features/admin/AdminShell';
import { AUDIT_PAGE_SIZE, type AuditFilter, fetchAuditLog, fetchStaffAccounts } from '../../../features/admin/api';
import { AdminButton, type Column, InputField, Notice, SelectField, Table } from '../../../features/admin/controls';
import { exportAuditLog } from '../../../features/admin/files';
import { auditActionLabels, auditActionText, dayEnd, dayStart } from '../../../features/admin/format';
import { adminPages } from '../../../features/admin/pages';
import { DateTimeField } from '../../../features/legal/controls';
import { dateTimeText } from '../../../features/staff/format';
import { Pager } from '../../../features/staff/Pager';
import { type FieldErrors, validate } from '../../../forms/validation';

/**
 * 审计日志: search by actor (a staff username, or an account id), the actor's role, action, target and a date
 * range (Beijing days), newest first; 导出 Excel exports what the search finds. A street or community admin sees
 * only what staff of their subtree did (the server decides).
 */
export default function AuditPage() {
  return (
    <AdminShell className="admin-audit-page" title="审计日志" current={adminPages.audit} ability="audit.read">
      {() => <Audit />}
    </AdminShell>
  );
}

interface Draft {
  actor: string;
  actorRole: string;
  /** A known action code, '' for all, or OTHER to type a code. */
  actionChoice: string;
  action: string;
  targetType: string;
  targetId: string;
  fromDate: string;
  toDate: string;
}

const EMPTY: Draft = {
  actor: '',
  actorRole: '',
  actionChoice: '',
  action: '',
  targetType: '',
  targetId: '',
  fromDate: '',
  toDate: '',
};

const roleOptions = [
  { value: '', label: '全部角色' },
  ...roles.map((role) => ({ value: role, label: roleLabels[role] })),
];

const OTHER = 'other';
const actionOptions = [
  { value: '', label: '全部操作' },
  ...Object.entries(auditActionLabels).map(([code, label]) => ({ value: code, label: `${label}（${code}）` })),
  { value: OTHER, label: '其他（填写操作代码）' },
];

const staffRoleSet: Record<string, true> = { staff: true, lawyer: true, admin: true };

const loadAccounts = async () => (await fetchStaffAccounts({}, 1, 100)).items;

/** The actor field: an account id as digits, otherwise a staff username (looked up exactly). */
async function actorIdOf(actor: string): Promise<number | undefined | 'unknown'> {
  const text = actor.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const { items } = await fetchStaffAccounts({ q: text }, 1, 100);
  const match = items.find((account) => account.username.toLowerCase() === text.toLowerCase());
  return match ? match.id : 'unknown';
}

function Audit() {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [exporting, setExporting] = useState(false);

  const load = useCallback(() => fetchAuditLog(filter, page), [filter, page]);
  const { state, reload } = usePageRequest(load);
  // Names for the actor column: the accounts of the admin's subtree (the first 100 are enough for a station).
  const accounts = useRequest(loadAccounts).state;
  const names = new Map(
    accounts.status === 'success' ? accounts.data.map((account) => [account.id, account] as const) : [],
  );

  const change = <K extends keyof Draft>(field: K, value: Draft[K]) =>
    setDraft((previous) => ({ ...previous, [field]: value }));

  const search = async () => {
    setNotice(null);
    const actorId = await actorIdOf(draft.actor).catch(() => 'unknown' as const);
    if (actorId === 'unknown') {
      setErrors({ actor: '没有这个用户名的工作人员（也可以填账号 ID）' });
      return;
    }
    const checked = validate(auditLogExportQuerySchema, {
      actorId,
      actorRole: draft.actorRole || undefined,
      action: (draft.actionChoice === OTHER ? draft.action.trim() : draft.actionChoice) || undefined,
      targetType: draft.targetType.trim() || undefined,
      targetId: draft.targetId.trim() || undefined,
      from: draft.fromDate ? dayStart(draft.fromDate) : undefined,
      to: draft.toDate ? dayEnd(draft.toDate) : undefined,
    });
    if (!checked.ok) {
      setErrors({ ...checked.errors, fromDate: checked.errors.from, toDate: checked.errors.to });
      return;
    }
    if (draft.fromDate && draft.toDate && draft.fromDate > draft.toDate) {
      setErrors({ toDate: '开始时间不能晚于结束时间' });
      return;
    }
    setErrors({});
    setPage(1);
    setFilter(checked.data);
  };

  const exportFile = async () => {
    setExporting(true);
    setNotice(null);
    try {
      const name = await exportAuditLog(filter);
      setNotice({ tone: 'success', text: `已导出：${name}` });
    } catch (failure) {
      const fields = fieldErrorsOf(failure);
      setNotice({
        tone: 'error',
        text: failure instanceof ApiError ? (Object.values(fields)[0] ?? failure.message) : '导出失败，请稍后重试',
      });
    } finally {
      setExporting(false);
    }
  };

  const columns: Column<AuditLogEntry>[] = [
    { key: 'time', header: '时间', width: 1.6, render: (entry) => dateTimeText(entry.createdAt) },
    {
      key: 'actor',
      header: '操作人',
      width: 1.3,
      render: (entry) => {
        if (entry.actorId === null) return '—';
        const role =
          entry.actorRole && entry.actorRole in roleLabels
            ? roleLabels[entry.actorRole as keyof typeof roleLabels]
            : (entry.actorRole ?? '');
        const account = entry.actorRole && entry.actorRole in staffRoleSet ? names.get(entry.actorId) : undefined;
        return account ? `${account.displayName}（${account.username}）` : `#${entry.actorId} ${role}`;
      },
    },
    { key: 'action', header: '操作', width: 2.4, render: (entry) => auditActionText(entry.action) },
    {
      key: 'target',
      header: '对象',
      width: 1.4,
      render: (entry) => (entry.targetType ? `${entry.targetType}${entry.targetId ? ` #${entry.targetId}` : ''}` : '—'),
    },
    { key: 'ip', header: 'IP', width: 1.2, render: (entry) => entry.ip ?? '—' },
    {
      key: 'detail',
      header: '详情',
      width: 3,
      render: (entry) => (entry.detail ? JSON.stringify(entry.detail) : '—'),
    },
  ];

  return (
    <>
      <View className="admin-toolbar audit-filters" {...(process.env.TARO_ENV === 'h5' ? { role: 'search' } : {})}>
        <InputField
          id="audit-actor"
          label="操作人"
          placeholder="用户名或账号 ID"
          value={draft.actor}
          error={errors.actor ?? errors.actorId}
          onChange={(value) => change('actor', value)}
          onEnter={() => void search()}
        />
        <SelectField
          id="audit-role"
          label="操作人角色"
          value={draft.actorRole}
          options={roleOptions}
          onChange={(value) => change('actorRole', value)}
        />
        <SelectField
          id="audit-action"
          label="操作"
          value={draft.actionChoice}
          options={actionOptions}
          error={draft.actionChoice === OTHER ? undefined : errors.action}
          onChange={(value) => change('actionChoice', value)}
        />
        {draft.actionChoice === OTHER && (
          <InputField
            id="audit-action-code"
            label="操作代码"
            placeholder="如 request.view"
            value={draft.action}
            error={errors.action}
            onChange={(value) => change('action', value)}
            onEnter={() => void search()}
          />
        )}
        <InputField
          id="audit-target-type"
          label="对象类型"
          placeholder="如 staff、org_unit、request"
          value={draft.targetType}
          error={errors.targetType}
          onChange={(value) => change('targetType', value)}
          onEnter={() => void search()}
        />
        <InputField
          id="audit-target-id"
          label="对象 ID"
          value={draft.targetId}
          error={errors.targetId}
          onChange={(value) => change('targetId', value)}
          onEnter={() => void search()}
        />
        <DateTimeField
          id="audit-from"
          label="开始日期"
          mode="date"
          value={draft.fromDate}
          error={errors.fromDate}
          onChange={(value) => change('fromDate', value)}
        />
        <DateTimeField
          id="audit-to"
          label="结束日期（含）"
          mode="date"
          value={draft.toDate}
          error={errors.toDate}
          onChange={(value) => change('toDate', value)}
        />
        <AdminButton type="primary" onClick={() => void search()}>
          查询
        </AdminButton>
        <AdminButton
          onClick={() => {
            setDraft(EMPTY);
            setErrors({});
            setPage(1);
            setFilter({});
          }}
        >
          清空条件
        </AdminButton>
        <AdminButton loading={exporting} onClick={() => void exportFile()}>
          导出 Excel
        </AdminButton>
      </View>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <LoadState state={state} onRetry={reload}>
        {(data) => (
          <>
            <View className="body-text audit-total">{`共 ${data.total} 条，最新在前`}</View>
            <Table
              label="审计日志"
              columns={columns}
              rows={data.items}
              rowKey={(entry) => entry.id}
              emptyText="没有符合条件的记录"
            />
            <Pager page={data.page} total={data.total} pageSize={AUDIT_PAGE_SIZE} onPage={setPage} />
          </>
        )}
      </LoadState>
    </>
  );
}
