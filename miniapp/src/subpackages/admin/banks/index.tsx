import { View } from '@tarojs/components';
import { type CardBank, cardBankCreateBodySchema, cardBankUpdateBodySchema } from '@veterans/shared';
import { useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { LoadState } from '../../../components/LoadState';
import { AdminShell } from '../../../features/admin/AdminShell';
import { createCardBank, fetchAdminCardBanks, updateCardBank } from '../../../features/admin/api';
import {
  AdminButton,
  AdminDialog,
  type Column,
  InputField,
  Notice,
  RowAction,
  Table,
} from '../../../features/admin/controls';
import { adminPages } from '../../../features/admin/pages';
import { type FieldErrors, validate } from '../../../forms/validation';

/**
 * 优待证合作银行: the banks applicants choose from for the card (a bank debit card). Banks are never deleted:
 * one taken off the list (停用) stays on the requests that chose it, and a draft naming it is refused on submit.
 */
export default function CardBanksPage() {
  return (
    <AdminShell className="admin-banks-page" title="优待证合作银行" current={adminPages.banks} ability="banks.manage">
      {() => <CardBanks />}
    </AdminShell>
  );
}

function CardBanks() {
  const { state, reload } = usePageRequest(fetchAdminCardBanks);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<{ bank: CardBank; name: string } | null>(null);
  const [toggling, setToggling] = useState<CardBank | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const attempt = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setNotice({ tone: 'success', text: await work() });
      setErrors({});
      reload();
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
      setNotice({ tone: 'error', text: failure instanceof ApiError ? failure.message : '保存失败，请稍后重试' });
    } finally {
      setBusy(false);
    }
  };

  const add = () => {
    const checked = validate(cardBankCreateBodySchema, { name });
    if (!checked.ok) return setErrors(checked.errors);
    void attempt(async () => {
      const bank = await createCardBank(checked.data);
      setName('');
      return `已添加合作银行：${bank.name}`;
    });
  };

  const rename = () => {
    if (!editing) return;
    const checked = validate(cardBankUpdateBodySchema, { name: editing.name });
    if (!checked.ok) return setErrors(checked.errors);
    void attempt(async () => {
      const bank = await updateCardBank(editing.bank.id, checked.data);
      setEditing(null);
      return `已保存：${bank.name}`;
    });
  };

  const toggle = () => {
    if (!toggling) return;
    const target = toggling;
    setToggling(null);
    void attempt(async () => {
      const bank = await updateCardBank(target.id, { active: !target.active });
      return `${bank.active ? '已启用' : '已停用'}：${bank.name}`;
    });
  };

  const columns: Column<CardBank>[] = [
    { key: 'name', header: '银行名称', width: 3, render: (bank) => bank.name },
    {
      key: 'status',
      header: '状态',
      width: 1,
      render: (bank) =>
        bank.active ? (
          <View className="admin-tag">可选择</View>
        ) : (
          <View className="admin-tag admin-tag--danger">已停用</View>
        ),
    },
    {
      key: 'actions',
      header: '操作',
      width: 2,
      render: (bank) => (
        <>
          <RowAction action="修改名称" subject={bank.name} onPress={() => setEditing({ bank, name: bank.name })} />
          <RowAction
            action={bank.active ? '停用' : '启用'}
            subject={bank.name}
            danger={bank.active}
            onPress={() => setToggling(bank)}
          />
        </>
      ),
    },
  ];

  return (
    <>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <View className="body-text">
        优待证是一张银行借记卡，申请人在表单中从下列启用的银行中选择一家。停用的银行不再供选择，已提交的办件不受影响。
      </View>
      <View className="admin-toolbar">
        <InputField
          id="bank-name"
          label="新增合作银行"
          placeholder="如 中国建设银行"
          value={name}
          error={editing ? undefined : errors.name}
          maxlength={50}
          onChange={setName}
          onEnter={add}
        />
        <AdminButton type="primary" loading={busy} onClick={add}>
          添加
        </AdminButton>
      </View>
      {editing && (
        <View
          className="admin-panel"
          {...(process.env.TARO_ENV === 'h5' ? { role: 'form', 'aria-label': '修改银行名称' } : {})}
        >
          <View className="admin-panel__title">{`修改名称：${editing.bank.name}`}</View>
          <InputField
            id="bank-edit-name"
            label="银行名称"
            value={editing.name}
            error={errors.name}
            maxlength={50}
            onChange={(next) => setEditing({ ...editing, name: next })}
            onEnter={rename}
          />
          <View className="admin-actions">
            <AdminButton type="primary" loading={busy} onClick={rename}>
              保存修改
            </AdminButton>
            <AdminButton onClick={() => setEditing(null)}>取消</AdminButton>
          </View>
        </View>
      )}
      <LoadState state={state} onRetry={reload}>
        {(banks) => (
          <Table
            label="合作银行列表"
            columns={columns}
            rows={banks}
            rowKey={(bank) => bank.id}
            rowClassName={(bank) => (bank.active ? '' : 'admin-table__row--muted')}
            emptyText="还没有合作银行"
          />
        )}
      </LoadState>
      <AdminDialog
        id="bank-toggle"
        visible={toggling !== null}
        title={toggling?.active ? '停用合作银行' : '启用合作银行'}
        confirmText={toggling?.active ? '确认停用' : '确认启用'}
        danger={toggling?.active}
        busy={busy}
        onConfirm={toggle}
        onCancel={() => setToggling(null)}
      >
        {toggling?.active
          ? `停用后，申请人不能再选择${toggling.name}；已选择它但尚未提交的申请，提交时会提示另选银行。`
          : `启用后，申请人可以重新选择${toggling?.name ?? ''}。`}
      </AdminDialog>
    </>
  );
}
