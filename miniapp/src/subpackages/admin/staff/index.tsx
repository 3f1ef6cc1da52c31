import { View } from '@tarojs/components';
import {
  type AdminOrgUnit,
  createStaffBodySchema,
  roleLabels,
  type StaffAccount,
  type StaffRole,
  staffRoles,
  staffRoleText,
  updateStaffBodySchema,
} from '@veterans/shared';
import { useCallback, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { useRequest } from '../../../api/use-request';
import { LoadState } from '../../../components/LoadState';
import { AdminShell } from '../../../features/admin/AdminShell';
import {
  createStaffAccount,
  fetchAdminUnits,
  fetchStaffAccounts,
  resetStaffPassword,
  STAFF_PAGE_SIZE,
  type StaffFilter,
  unlockStaffAccount,
  updateStaffAccount,
} from '../../../features/admin/api';
import {
  AdminButton,
  AdminDialog,
  CheckField,
  type Column,
  InputField,
  Notice,
  RowAction,
  SelectField,
  Table,
} from '../../../features/admin/controls';
import { temporaryPassword } from '../../../features/admin/format';
import { adminPages } from '../../../features/admin/pages';
import { dateTimeText } from '../../../features/staff/format';
import { Pager } from '../../../features/staff/Pager';
import type { StaffPrincipal } from '../../../features/staff/RequireStaff';
import { type FieldErrors, validate } from '../../../forms/validation';

/**
 * 人员账号: the accounts of the admin's subtree, searched by name and filtered by unit, role and status; new
 * accounts get a temporary password shown once (the account changes it at first sign-in); reset password, edit
 * role/unit/主管, disable/enable, and lift a sign-in lock (shown with its end).
 */
export default function StaffAccountsPage() {
  return (
    <AdminShell className="admin-staff-page" title="人员账号" current={adminPages.staff} ability="staff.administer">
      {(staff) => <StaffAccounts me={staff} />}
    </AdminShell>
  );
}

const ALL = '';
type RoleChoice = StaffRole | typeof ALL;
type StatusChoice = 'all' | 'active' | 'inactive';

interface Draft {
  username: string;
  displayName: string;
  role: StaffRole;
  unitId: string;
  isSupervisor: boolean;
}

interface Secret {
  username: string;
  password: string;
  what: string;
}

const roleOptions = staffRoles.map((role) => ({ value: role, label: roleLabels[role] }));

function unitOptions(units: readonly AdminOrgUnit[]) {
  return units
    .filter((unit) => unit.active)
    .map((unit) => ({ value: String(unit.id), label: `${'　'.repeat(unit.path.split('/').length - 3)}${unit.name}` }));
}

function StaffAccounts({ me }: { me: StaffPrincipal }) {
  const units = useRequest(fetchAdminUnits).state;
  const unitList = units.status === 'success' ? units.data : [];

  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<string>(ALL);
  const [role, setRole] = useState<RoleChoice>(ALL);
  const [status, setStatus] = useState<StatusChoice>('all');
  const [filter, setFilter] = useState<StaffFilter>({});
  const [page, setPage] = useState(1);

  const load = useCallback(() => fetchStaffAccounts(filter, page), [filter, page]);
  const { state, reload } = usePageRequest(load);

  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState<StaffAccount | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<{ kind: 'reset' | 'toggle'; account: StaffAccount } | null>(null);

  const search = () => {
    setPage(1);
    setFilter({
      q: q.trim() || undefined,
      unitId: unitId ? Number(unitId) : undefined,
      role: role || undefined,
      active: status === 'all' ? undefined : status === 'active',
    });
  };

  const openCreate = () => {
    setEditing(null);
    setErrors({});
    setFormError(undefined);
    setDraft({ username: '', displayName: '', role: 'staff', unitId: String(me.unitId ?? ''), isSupervisor: false });
  };
  const openEdit = (account: StaffAccount) => {
    setErrors({});
    setFormError(undefined);
    setEditing(account);
    setDraft({
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      unitId: String(account.unitId),
      isSupervisor: account.isSupervisor,
    });
  };
  const close = () => {
    setDraft(null);
    setEditing(null);
  };

  const failed = (failure: unknown) => {
    setErrors(fieldErrorsOf(failure));
    setFormError(failure instanceof ApiError ? failure.message : '保存失败，请稍后重试');
  };

  const save = async () => {
    if (!draft) return;
    setFormError(undefined);
    if (!editing) {
      const password = temporaryPassword();
      const checked = validate(createStaffBodySchema, {
        username: draft.username,
        displayName: draft.displayName,
        role: draft.role,
        unitId: Number(draft.unitId) || undefined,
        password,
        isSupervisor: draft.isSupervisor,
      });
      if (!checked.ok) {
        setErrors({ ...checked.errors, unitId: checked.errors.unitId && '请选择所属机构' });
        return;
      }
      setErrors({});
      setBusy(true);
      try {
        const created = await createStaffAccount(checked.data);
        setSecret({
          username: created.username,
          password,
          what: `已新建账号 ${created.displayName}（${created.username}）`,
        });
        setNotice(null);
        close();
        reload();
      } catch (failure) {
        failed(failure);
      } finally {
        setBusy(false);
      }
      return;
    }
    const body = {
      displayName: draft.displayName.trim() === editing.displayName ? undefined : draft.displayName,
      role: draft.role === editing.role ? undefined : draft.role,
      unitId: Number(draft.unitId) === editing.unitId ? undefined : Number(draft.unitId),
      isSupervisor: draft.isSupervisor === editing.isSupervisor ? undefined : draft.isSupervisor,
    };
    const checked = validate(updateStaffBodySchema, body);
    if (!checked.ok) {
      setErrors(checked.errors);
      if (checked.errors.form) setFormError(checked.errors.form);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await updateStaffAccount(editing.id, checked.data);
      setNotice({ tone: 'success', text: `已保存：${saved.displayName}（${saved.username}）` });
      close();
      reload();
    } catch (failure) {
      failed(failure);
    } finally {
      setBusy(false);
    }
  };

  const act = async () => {
    if (!confirm) return;
    const { kind, account } = confirm;
    setBusy(true);
    try {
      if (kind === 'reset') {
        const password = temporaryPassword();
        await resetStaffPassword(account.id, password);
        setSecret({ username: account.username, password, what: `已重置 ${account.displayName} 的密码` });
        setNotice(null);
      } else {
        const saved = await updateStaffAccount(account.id, { active: !account.active });
        setNotice({
          tone: 'success',
          text: saved.active ? `已启用：${saved.displayName}` : `已停用：${saved.displayName}，其登录已全部退出`,
        });
      }
      reload();
    } catch (failure) {
      setNotice({ tone: 'error', text: failure instanceof ApiError ? failure.message : '操作失败，请稍后重试' });
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  };

  const unlock = async (account: StaffAccount) => {
    try {
      await unlockStaffAccount(account.id);
      setNotice({ tone: 'success', text: `已解除 ${account.displayName} 的登录锁定` });
      reload();
    } catch (failure) {
      setNotice({ tone: 'error', text: failure instanceof ApiError ? failure.message : '操作失败，请稍后重试' });
    }
  };

  const columns: Column<StaffAccount>[] = [
    { key: 'username', header: '用户名', width: 1.5, render: (account) => account.username },
    { key: 'name', header: '姓名', width: 1.2, render: (account) => account.displayName },
    {
      key: 'role',
      header: '角色',
      width: 1.3,
      render: (account) => staffRoleText(account),
    },
    { key: 'unit', header: '所属机构', width: 2.2, render: (account) => account.unitName },
    {
      key: 'status',
      header: '状态',
      width: 2,
      render: (account) => (
        <>
          {account.active ? (
            <View className="admin-tag">启用</View>
          ) : (
            <View className="admin-tag admin-tag--danger">已停用</View>
          )}
          {account.lockedUntil && (
            <View className="admin-tag admin-tag--warning">{`已锁定至 ${dateTimeText(account.lockedUntil)}`}</View>
          )}
          {account.mustChangePassword && <View className="admin-tag">须改密码</View>}
        </>
      ),
    },
    {
      key: 'login',
      header: '最近登录',
      width: 1.6,
      render: (account) => (account.lastLoginAt ? dateTimeText(account.lastLoginAt) : '从未登录'),
    },
    {
      key: 'actions',
      header: '操作',
      width: 2.4,
      render: (account) =>
        account.id === me.id ? (
          <View className="body-text">本人账号</View>
        ) : (
          <>
            <RowAction action="编辑" subject={account.username} onPress={() => openEdit(account)} />
            <RowAction
              action="重置密码"
              subject={account.username}
              onPress={() => setConfirm({ kind: 'reset', account })}
            />
            <RowAction
              action={account.active ? '停用' : '启用'}
              subject={account.username}
              danger={account.active}
              onPress={() => setConfirm({ kind: 'toggle', account })}
            />
            {account.lockedUntil && (
              <RowAction action="解锁" subject={account.username} onPress={() => void unlock(account)} />
            )}
          </>
        ),
    },
  ];

  return (
    <>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      {secret && (
        <View className="admin-panel staff-secret" {...(process.env.TARO_ENV === 'h5' ? { role: 'status' } : {})}>
          <View className="admin-panel__title">{secret.what}</View>
          <View className="body-text">{`用户名：${secret.username}　临时密码（只显示这一次，请当面或电话告知本人；首次登录须修改）：`}</View>
          <View className="admin-secret" {...(process.env.TARO_ENV === 'h5' ? { 'aria-label': '临时密码' } : {})}>
            {secret.password}
          </View>
          <AdminButton onClick={() => setSecret(null)}>已告知本人，关闭</AdminButton>
        </View>
      )}

      <View className="admin-toolbar">
        <InputField id="staff-q" label="搜索" placeholder="用户名或姓名" value={q} onChange={setQ} onEnter={search} />
        <SelectField
          id="staff-unit"
          label="机构"
          value={unitId}
          options={[{ value: ALL, label: '全部机构' }, ...unitOptions(unitList)]}
          onChange={setUnitId}
        />
        <SelectField<RoleChoice>
          id="staff-role"
          label="角色"
          value={role}
          options={[{ value: ALL, label: '全部角色' }, ...roleOptions]}
          onChange={setRole}
        />
        <SelectField<StatusChoice>
          id="staff-status"
          label="状态"
          value={status}
          options={[
            { value: 'all', label: '全部' },
            { value: 'active', label: '启用' },
            { value: 'inactive', label: '已停用' },
          ]}
          onChange={setStatus}
        />
        <AdminButton onClick={search}>查询</AdminButton>
        <AdminButton type="primary" onClick={openCreate}>
          新建账号
        </AdminButton>
      </View>

      {draft && (
        <View
          className="admin-panel staff-form"
          {...(process.env.TARO_ENV === 'h5' ? { role: 'form', 'aria-label': editing ? '修改账号' : '新建账号' } : {})}
        >
          <View className="admin-panel__title">{editing ? `修改账号：${editing.username}` : '新建账号'}</View>
          {formError && <Notice tone="error">{formError}</Notice>}
          <View className="admin-form-grid">
            <InputField
              id="staff-username"
              label="用户名"
              value={draft.username}
              error={errors.username}
              disabled={Boolean(editing)}
              hint={editing ? '用户名不能修改' : '3–32 位字母、数字、下划线，以字母开头'}
              onChange={(username) => setDraft({ ...draft, username })}
              onEnter={() => void save()}
            />
            <InputField
              id="staff-display-name"
              label="姓名"
              value={draft.displayName}
              error={errors.displayName}
              onChange={(displayName) => setDraft({ ...draft, displayName })}
              onEnter={() => void save()}
            />
            <SelectField<StaffRole>
              id="staff-form-role"
              label="角色"
              value={draft.role}
              options={roleOptions}
              error={errors.role}
              onChange={(value) => setDraft({ ...draft, role: value })}
            />
            <SelectField
              id="staff-form-unit"
              label="所属机构"
              value={draft.unitId}
              options={[{ value: '', label: '请选择' }, ...unitOptions(unitList)]}
              error={errors.unitId}
              onChange={(value) => setDraft({ ...draft, unitId: value })}
            />
          </View>
          <CheckField
            id="staff-supervisor"
            label="主管（分管负责人，可关闭差评回访）"
            checked={draft.isSupervisor}
            onChange={(isSupervisor) => setDraft({ ...draft, isSupervisor })}
          />
          {!editing && <View className="body-text">保存后生成临时密码，只显示一次；本人首次登录须修改密码。</View>}
          {editing && <View className="body-text">修改角色或机构后，该账号的登录会全部退出，须重新登录。</View>}
          <View className="admin-actions">
            <AdminButton type="primary" loading={busy} onClick={() => void save()}>
              {editing ? '保存修改' : '保存并生成临时密码'}
            </AdminButton>
            <AdminButton onClick={close}>取消</AdminButton>
          </View>
        </View>
      )}

      <LoadState state={state} onRetry={reload}>
        {(data) => (
          <>
            <Table
              label="人员账号列表"
              columns={columns}
              rows={data.items}
              rowKey={(account) => account.id}
              rowClassName={(account) => (account.active ? '' : 'admin-table__row--muted')}
              emptyText="没有符合条件的账号"
            />
            <Pager page={data.page} total={data.total} pageSize={STAFF_PAGE_SIZE} onPage={setPage} />
          </>
        )}
      </LoadState>

      <AdminDialog
        id="staff-confirm"
        visible={confirm !== null}
        title={confirm?.kind === 'reset' ? '重置密码' : confirm?.account.active ? '停用账号' : '启用账号'}
        confirmText={confirm?.kind === 'reset' ? '确认重置' : confirm?.account.active ? '确认停用' : '确认启用'}
        danger={confirm?.kind === 'toggle' && confirm.account.active}
        busy={busy}
        onConfirm={() => void act()}
        onCancel={() => setConfirm(null)}
      >
        {confirm?.kind === 'reset'
          ? `为 ${confirm.account.displayName}（${confirm.account.username}）生成新的临时密码。原密码立即失效，其登录全部退出，登录锁定同时解除。`
          : confirm?.account.active
            ? `停用后 ${confirm.account.displayName} 不能再登录，已登录的设备立即退出。`
            : `启用后 ${confirm?.account.displayName ?? ''} 可以重新登录。`}
      </AdminDialog>
    </>
  );
}
