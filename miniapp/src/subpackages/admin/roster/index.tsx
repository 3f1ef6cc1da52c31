import { View } from '@tarojs/components';
import { type ChangeEvent, useCallback, useState } from 'react';
import { ApiError } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { LoadState } from '../../../components/LoadState';
import { AdminShell } from '../../../features/admin/AdminShell';
import { fetchRosterImport, fetchRosterImports, type RosterSummary } from '../../../features/admin/api';
import { AdminButton, type Column, Notice, RowAction, Table } from '../../../features/admin/controls';
import { downloadRosterTemplate, pickAndUploadRoster, uploadRosterFile } from '../../../features/admin/files';
import { ROSTER_COLUMNS } from '../../../features/admin/format';
import { adminPages } from '../../../features/admin/pages';
import { dateTimeText } from '../../../features/staff/format';
import { Pager } from '../../../features/staff/Pager';

/**
 * 花名册导入: upload the bureau's roster (xlsx or csv, at most 5 MB), read the row-by-row report (新增, 更新,
 * 无变化, 拒绝 with the reason), download the template, and reopen the report of a past import.
 */
export default function RosterPage() {
  return (
    <AdminShell
      className="admin-roster-page"
      title="退役军人花名册导入"
      current={adminPages.roster}
      ability="roster.import"
    >
      {() => <Roster />}
    </AdminShell>
  );
}

const h5 = process.env.TARO_ENV === 'h5';

interface Report {
  title: string;
  fileName: string;
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  verifiedUsers?: number;
  rejections: { row: number; reason: string }[];
}

function Roster() {
  const [page, setPage] = useState(1);
  const load = useCallback(() => fetchRosterImports(page), [page]);
  const { state, reload } = usePageRequest(load);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error' | 'info'; text: string } | null>(null);

  const run = async (upload: () => Promise<Report | null>) => {
    setBusy(true);
    setNotice(null);
    try {
      const result = await upload();
      if (result) {
        setReport(result);
        reload();
      }
    } catch (failure) {
      setNotice({ tone: 'error', text: failure instanceof ApiError ? failure.message : '导入失败，请稍后重试' });
    } finally {
      setBusy(false);
    }
  };

  const fromUpload = (result: Awaited<ReturnType<typeof uploadRosterFile>>): Report => ({
    ...result,
    title: `导入完成：${result.fileName}`,
  });

  const openPast = async (summary: RosterSummary) => {
    setNotice(null);
    try {
      const detail = await fetchRosterImport(summary.id);
      setReport({ ...detail, title: `${dateTimeText(detail.createdAt)} 的导入：${detail.fileName}` });
    } catch {
      // The client has shown the server's message.
    }
  };

  const columns: Column<RosterSummary>[] = [
    { key: 'time', header: '导入时间', width: 1.6, render: (item) => dateTimeText(item.createdAt) },
    { key: 'file', header: '文件', width: 2, render: (item) => item.fileName },
    {
      key: 'by',
      header: '导入人',
      width: 1.2,
      render: (item) => item.importedBy.displayName ?? `#${item.importedBy.id}`,
    },
    {
      key: 'counts',
      header: '结果',
      width: 3,
      render: (item) =>
        `共 ${item.total} 行：新增 ${item.added}，更新 ${item.updated}，无变化 ${item.unchanged}，拒绝 ${item.rejected}`,
    },
    {
      key: 'actions',
      header: '操作',
      width: 1,
      render: (item) => <RowAction action="查看结果" subject={item.fileName} onPress={() => void openPast(item)} />,
    },
  ];

  return (
    <>
      <View className="admin-panel roster-upload">
        <View className="admin-panel__title">上传花名册</View>
        <View className="body-text">
          {`xlsx 或 csv 文件，不超过 5 MB。第一行为表头：${ROSTER_COLUMNS.join('、')}（按表头名称识别，列的顺序不限，其他列忽略）。` +
            '所属社区填服务站编码或完整名称；退役日期写作 2000-12-01。手机号码可以不填，但填了才能让本人用同一手机号自动认证。身份证号码已在名册中的行按新内容更新。'}
        </View>
        {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
        <View className="admin-actions">
          {h5 ? (
            <label className="admin-upload">
              <span className="admin-upload__text" aria-hidden="true">
                {busy ? '正在导入…' : '选择文件并导入'}
              </span>
              <input
                className="admin-upload__input"
                type="file"
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                aria-label="选择花名册文件并导入"
                disabled={busy}
                onChange={(event: ChangeEvent<HTMLInputElement>) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file) void run(async () => fromUpload(await uploadRosterFile(file)));
                }}
              />
            </label>
          ) : (
            <AdminButton
              type="primary"
              loading={busy}
              onClick={() =>
                void run(async () => {
                  const result = await pickAndUploadRoster();
                  return result ? fromUpload(result) : null;
                })
              }
            >
              从聊天中选择文件并导入
            </AdminButton>
          )}
          <AdminButton
            onClick={async () => {
              try {
                setNotice({ tone: 'info', text: await downloadRosterTemplate() });
              } catch {
                setNotice({ tone: 'error', text: '模板下载失败，请稍后重试' });
              }
            }}
          >
            下载模板
          </AdminButton>
        </View>
      </View>

      {report && <ReportView report={report} onClose={() => setReport(null)} />}

      <View className="admin-panel__title">导入记录</View>
      <LoadState state={state} onRetry={reload}>
        {(data) => (
          <>
            <Table
              label="导入记录"
              columns={columns}
              rows={data.items}
              rowKey={(item) => item.id}
              emptyText="还没有导入过花名册"
            />
            <Pager page={data.page} total={data.total} pageSize={data.pageSize} onPage={setPage} />
          </>
        )}
      </LoadState>
    </>
  );
}

function ReportView({ report, onClose }: { report: Report; onClose: () => void }) {
  const figures = [
    { key: 'total', label: '共计', value: report.total },
    { key: 'added', label: '新增', value: report.added },
    { key: 'updated', label: '更新', value: report.updated },
    { key: 'unchanged', label: '无变化', value: report.unchanged },
    { key: 'rejected', label: '拒绝', value: report.rejected },
  ];
  return (
    <View className="admin-panel roster-report" {...(h5 ? { role: 'region', 'aria-label': '导入结果' } : {})}>
      <View className="admin-panel__title">{report.title}</View>
      <View className="admin-legend">
        {figures.map((figure) => (
          <View key={figure.key} className={`roster-figure roster-figure--${figure.key}`}>
            {`${figure.label} ${figure.value} 行`}
          </View>
        ))}
        {report.verifiedUsers !== undefined && report.verifiedUsers > 0 && (
          <View className="roster-figure">{`${report.verifiedUsers} 位待核验用户因此自动通过认证`}</View>
        )}
      </View>
      {report.rejections.length > 0 ? (
        <Table
          label="被拒绝的行"
          columns={[
            { key: 'row', header: '行号', width: 1, render: (item: { row: number }) => `第 ${item.row} 行` },
            { key: 'reason', header: '拒绝原因', width: 6, render: (item: { reason: string }) => item.reason },
          ]}
          rows={report.rejections}
          rowKey={(item) => `${item.row}-${item.reason}`}
          emptyText=""
        />
      ) : (
        <Notice tone="success">所有行都已导入，没有被拒绝的行。</Notice>
      )}
      <AdminButton onClick={onClose}>关闭结果</AdminButton>
    </View>
  );
}
