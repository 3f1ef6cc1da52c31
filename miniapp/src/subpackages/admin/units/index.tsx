import { View } from '@tarojs/components';
import {
  type AdminOrgUnit,
  createOrgUnitBodySchema,
  type OrgLevel,
  orgLevelLabels,
  updateOrgUnitBodySchema,
} from '@veterans/shared';
import { useMemo, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { LoadState } from '../../../components/LoadState';
import { pressable } from '../../../components/pressable';
import { AdminShell } from '../../../features/admin/AdminShell';
import { createUnit, fetchAdminUnits, updateUnit } from '../../../features/admin/api';
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
import { childLevelOf, type UnitNode, unitTree, visibleUnits } from '../../../features/admin/format';
import { adminPages } from '../../../features/admin/pages';
import { type FieldErrors, validate } from '../../../forms/validation';

/**
 * 机构管理: the three-level tree (区中心 → 街道服务站 → 社区服务站) of the admin's subtree, inactive units included;
 * new units one level below a parent, name/address/phone edits, and deactivation, refused with the API's reason
 * while units, staff or open requests remain. Opening hours 办公时间 are what people see for pickups and 建档立卡.
 */
export default function UnitsPage() {
  return (
    <AdminShell className="admin-units-page" title="机构管理" current={adminPages.units} ability="units.administer">
      {() => <Units />}
    </AdminShell>
  );
}

type StatusFilter = 'all' | 'active' | 'inactive';

const levelShort: Record<OrgLevel, string> = { district: '区中心', street: '街道', community: '社区' };

interface UnitDraft {
  name: string;
  address: string;
  phone: string;
  openingHours: string;
}

interface NewUnitDraft extends UnitDraft {
  parentId: string;
  code: string;
}

const EMPTY_NEW: NewUnitDraft = { parentId: '', code: '', name: '', address: '', phone: '', openingHours: '' };

function Units() {
  const { state, reload } = usePageRequest(fetchAdminUnits);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [creating, setCreating] = useState<NewUnitDraft | null>(null);
  const [editing, setEditing] = useState<{ unit: AdminOrgUnit; draft: UnitDraft } | null>(null);
  const [toggling, setToggling] = useState<AdminOrgUnit | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const units = state.status === 'success' ? state.data : [];
  const parents = units.filter((unit) => unit.active && childLevelOf(unit.level) !== null);

  const openCreate = (parent?: AdminOrgUnit) => {
    setEditing(null);
    setErrors({});
    setFormError(undefined);
    setCreating({ ...EMPTY_NEW, parentId: String(parent?.id ?? parents[0]?.id ?? '') });
  };
  const openEdit = (unit: AdminOrgUnit) => {
    setCreating(null);
    setErrors({});
    setFormError(undefined);
    setEditing({
      unit,
      draft: {
        name: unit.name,
        address: unit.address ?? '',
        phone: unit.phone ?? '',
        openingHours: unit.openingHours ?? '',
      },
    });
  };

  const failed = (failure: unknown) => {
    setErrors(fieldErrorsOf(failure));
    setFormError(failure instanceof ApiError ? failure.message : '保存失败，请稍后重试');
  };

  const saveNew = async () => {
    if (!creating) return;
    const parent = units.find((unit) => String(unit.id) === creating.parentId);
    const level = parent ? childLevelOf(parent.level) : null;
    if (!parent || !level) {
      setErrors({ parentId: '请选择上级机构' });
      return;
    }
    const checked = validate(createOrgUnitBodySchema, {
      code: creating.code,
      name: creating.name,
      level,
      parentId: parent.id,
      address: creating.address.trim() || undefined,
      phone: creating.phone.trim() || undefined,
      openingHours: creating.openingHours.trim() || undefined,
    });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setFormError(undefined);
    setBusy(true);
    try {
      const unit = await createUnit(checked.data);
      setNotice({ tone: 'success', text: `已新建${orgLevelLabels[unit.level]}：${unit.name}（${unit.code}）` });
      setCreating(null);
      reload();
    } catch (failure) {
      failed(failure);
    } finally {
      setBusy(false);
    }
  };

  const saveEdit = async () => {
    if (!editing) return;
    const { unit, draft } = editing;
    const body = {
      name: draft.name.trim() === unit.name ? undefined : draft.name,
      address: draft.address.trim() === (unit.address ?? '') ? undefined : draft.address.trim() || null,
      phone: draft.phone.trim() === (unit.phone ?? '') ? undefined : draft.phone.trim() || null,
      openingHours:
        draft.openingHours.trim() === (unit.openingHours ?? '') ? undefined : draft.openingHours.trim() || null,
    };
    const checked = validate(updateOrgUnitBodySchema, body);
    if (!checked.ok) {
      setErrors(checked.errors);
      if (checked.errors.form) setFormError(checked.errors.form);
      return;
    }
    setErrors({});
    setFormError(undefined);
    setBusy(true);
    try {
      const saved = await updateUnit(unit.id, checked.data);
      setNotice({ tone: 'success', text: `已保存：${saved.name}` });
      setEditing(null);
      reload();
    } catch (failure) {
      failed(failure);
    } finally {
      setBusy(false);
    }
  };

  const toggleActive = async () => {
    if (!toggling) return;
    setBusy(true);
    try {
      const saved = await updateUnit(toggling.id, { active: !toggling.active });
      setNotice({ tone: 'success', text: `${saved.active ? '已启用' : '已停用'}：${saved.name}` });
      reload();
    } catch (failure) {
      // The API's reason: units, staff accounts or open requests that remain.
      setNotice({ tone: 'error', text: failure instanceof ApiError ? failure.message : '操作失败，请稍后重试' });
    } finally {
      setBusy(false);
      setToggling(null);
    }
  };

  const shown = useMemo(() => {
    const roots = unitTree(units);
    const text = search.trim();
    const all = visibleUnits(roots, text || status !== 'all' ? new Set() : collapsed);
    return all.filter(
      (node) =>
        (!text || node.unit.name.includes(text) || node.unit.code.includes(text)) &&
        (status === 'all' || node.unit.active === (status === 'active')),
    );
  }, [units, search, status, collapsed]);

  const toggleNode = (id: number) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const columns: Column<UnitNode>[] = [
    {
      key: 'name',
      header: '机构名称',
      width: 3.5,
      render: (node) => (
        <View style={{ paddingLeft: `${node.depth * 1.5}em` }}>
          {node.children.length > 0 ? (
            <View
              className="admin-tree__toggle"
              onClick={() => toggleNode(node.unit.id)}
              {...pressable(() => toggleNode(node.unit.id), {
                label: `${collapsed.has(node.unit.id) ? '展开' : '收起'}${node.unit.name}`,
              })}
            >
              {collapsed.has(node.unit.id) ? '▸' : '▾'}
            </View>
          ) : (
            <View className="admin-tree__toggle" />
          )}
          {node.unit.name}
        </View>
      ),
    },
    { key: 'code', header: '编码', width: 1.5, render: (node) => node.unit.code },
    { key: 'level', header: '级别', width: 1, render: (node) => levelShort[node.unit.level] },
    { key: 'address', header: '地址', width: 2.2, render: (node) => node.unit.address ?? '—' },
    { key: 'phone', header: '电话', width: 1.5, render: (node) => node.unit.phone ?? '—' },
    { key: 'hours', header: '办公时间', width: 2, render: (node) => node.unit.openingHours ?? '—' },
    {
      key: 'status',
      header: '状态',
      width: 1,
      render: (node) =>
        node.unit.active ? (
          <View className="admin-tag">启用</View>
        ) : (
          <View className="admin-tag admin-tag--danger">已停用</View>
        ),
    },
    {
      key: 'actions',
      header: '操作',
      width: 2.5,
      render: (node) => (
        <>
          <RowAction action="编辑" subject={node.unit.name} onPress={() => openEdit(node.unit)} />
          {node.unit.active && childLevelOf(node.unit.level) && (
            <RowAction action="新建下级" subject={node.unit.name} onPress={() => openCreate(node.unit)} />
          )}
          <RowAction
            action={node.unit.active ? '停用' : '启用'}
            subject={node.unit.name}
            danger={node.unit.active}
            onPress={() => setToggling(node.unit)}
          />
        </>
      ),
    },
  ];

  return (
    <>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <View className="admin-toolbar">
        <InputField id="unit-search" label="搜索机构" placeholder="名称或编码" value={search} onChange={setSearch} />
        <SelectField<StatusFilter>
          id="unit-status"
          label="状态"
          value={status}
          options={[
            { value: 'all', label: '全部' },
            { value: 'active', label: '启用' },
            { value: 'inactive', label: '已停用' },
          ]}
          onChange={setStatus}
        />
        <AdminButton type="primary" onClick={() => openCreate()}>
          新建机构
        </AdminButton>
      </View>

      {creating && (
        <View
          className="admin-panel unit-create"
          {...(process.env.TARO_ENV === 'h5' ? { role: 'form', 'aria-label': '新建机构' } : {})}
        >
          <View className="admin-panel__title">新建机构</View>
          {formError && <Notice tone="error">{formError}</Notice>}
          <View className="admin-form-grid">
            <SelectField
              id="unit-parent"
              label="上级机构"
              value={creating.parentId}
              options={parents.map((unit) => ({
                value: String(unit.id),
                label: `${unit.name}（其下新建${levelShort[childLevelOf(unit.level) ?? 'community']}）`,
              }))}
              error={errors.parentId}
              onChange={(parentId) => setCreating({ ...creating, parentId })}
            />
            <InputField
              id="unit-code"
              label="机构编码"
              placeholder="如 xidajie-xinhua"
              value={creating.code}
              error={errors.code}
              hint="小写字母、数字或连字符，建成后不能修改"
              onChange={(code) => setCreating({ ...creating, code })}
              onEnter={() => void saveNew()}
            />
            <InputField
              id="unit-name"
              label="机构名称"
              value={creating.name}
              error={errors.name}
              onChange={(name) => setCreating({ ...creating, name })}
              onEnter={() => void saveNew()}
            />
            <InputField
              id="unit-address"
              label="地址"
              value={creating.address}
              error={errors.address}
              maxlength={200}
              onChange={(address) => setCreating({ ...creating, address })}
              onEnter={() => void saveNew()}
            />
            <InputField
              id="unit-phone"
              label="联系电话"
              value={creating.phone}
              error={errors.phone}
              onChange={(phone) => setCreating({ ...creating, phone })}
              onEnter={() => void saveNew()}
            />
            <InputField
              id="unit-opening-hours"
              label="办公时间"
              placeholder="如 周一至周五 8:30—12:00、14:30—17:30"
              value={creating.openingHours}
              error={errors.openingHours}
              maxlength={100}
              hint="群众领取优待证、建档立卡时看到"
              onChange={(openingHours) => setCreating({ ...creating, openingHours })}
              onEnter={() => void saveNew()}
            />
          </View>
          <View className="admin-actions">
            <AdminButton type="primary" loading={busy} onClick={() => void saveNew()}>
              保存新机构
            </AdminButton>
            <AdminButton onClick={() => setCreating(null)}>取消</AdminButton>
          </View>
        </View>
      )}

      {editing && (
        <View
          className="admin-panel unit-edit"
          {...(process.env.TARO_ENV === 'h5' ? { role: 'form', 'aria-label': '修改机构' } : {})}
        >
          <View className="admin-panel__title">{`修改机构：${editing.unit.name}（${editing.unit.code}）`}</View>
          {formError && <Notice tone="error">{formError}</Notice>}
          <View className="admin-form-grid">
            <InputField
              id="unit-edit-name"
              label="机构名称"
              value={editing.draft.name}
              error={errors.name}
              onChange={(name) => setEditing({ ...editing, draft: { ...editing.draft, name } })}
              onEnter={() => void saveEdit()}
            />
            <InputField
              id="unit-edit-address"
              label="地址"
              value={editing.draft.address}
              error={errors.address}
              maxlength={200}
              onChange={(address) => setEditing({ ...editing, draft: { ...editing.draft, address } })}
              onEnter={() => void saveEdit()}
            />
            <InputField
              id="unit-edit-phone"
              label="联系电话"
              value={editing.draft.phone}
              error={errors.phone}
              onChange={(phone) => setEditing({ ...editing, draft: { ...editing.draft, phone } })}
              onEnter={() => void saveEdit()}
            />
            <InputField
              id="unit-edit-opening-hours"
              label="办公时间"
              value={editing.draft.openingHours}
              error={errors.openingHours}
              maxlength={100}
              hint="群众领取优待证、建档立卡时看到"
              onChange={(openingHours) => setEditing({ ...editing, draft: { ...editing.draft, openingHours } })}
              onEnter={() => void saveEdit()}
            />
          </View>
          <View className="admin-actions">
            <AdminButton type="primary" loading={busy} onClick={() => void saveEdit()}>
              保存修改
            </AdminButton>
            <AdminButton onClick={() => setEditing(null)}>取消</AdminButton>
          </View>
        </View>
      )}

      <LoadState state={state} onRetry={reload}>
        {() => (
          <Table
            label="机构列表"
            columns={columns}
            rows={shown}
            rowKey={(node) => node.unit.id}
            rowClassName={(node) => (node.unit.active ? '' : 'admin-table__row--muted')}
            emptyText="没有符合条件的机构"
          />
        )}
      </LoadState>

      <AdminDialog
        id="unit-toggle"
        visible={toggling !== null}
        title={toggling?.active ? '停用机构' : '启用机构'}
        confirmText={toggling?.active ? '确认停用' : '确认启用'}
        danger={toggling?.active}
        busy={busy}
        onConfirm={() => void toggleActive()}
        onCancel={() => setToggling(null)}
      >
        {toggling?.active
          ? `停用后，${toggling.name} 不再出现在群众可选的机构中。有启用中的下级机构、工作人员账号或未办结的办件时不能停用。`
          : `启用 ${toggling?.name ?? ''}，群众和工作人员可以重新选择它。`}
      </AdminDialog>
    </>
  );
}
