import { View } from '@tarojs/components';
import type { LegalRecord } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { createFollowUp, fetchDeskRecords } from '../../../features/legal/api';
import { DateTimeField } from '../../../features/legal/controls';
import { DeskLinks } from '../../../features/legal/DeskLinks';
import { writesRecords } from '../../../features/legal/desk';
import { legalDeskPages } from '../../../features/legal/pages';
import { RecordCard } from '../../../features/legal/RecordCard';
import { RequireStaff, type StaffPrincipal } from '../../../features/staff/RequireStaff';
import '../../../features/legal/legal.css';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 咨询记录: a lawyer's own records (我的记录), with 创建后续办件 where none was filed; centre staff see every
 * record, the summaries only on request (audited).
 */
export default function DeskRecordsPage() {
  return (
    <PageRoot className="legal-desk-records-page">
      <RequireStaff ability="legal.day">{(staff) => <Records staff={staff} />}</RequireStaff>
    </PageRoot>
  );
}

function Records({ staff }: { staff: StaffPrincipal }) {
  const lawyer = writesRecords(staff);
  const [date, setDate] = useState('');
  const [reveal, setReveal] = useState(false);
  const [busyId, setBusyId] = useState<number | null>(null);
  const filter = DATE.test(date) ? date : undefined;
  const load = useCallback(() => fetchDeskRecords({ date: filter, reveal }), [filter, reveal]);
  const { state, reload } = usePageRequest(load);

  const followUp = async (record: LegalRecord) => {
    setBusyId(record.id);
    try {
      await createFollowUp(record.id);
    } catch {
      // The client has shown the server's message.
    } finally {
      setBusyId(null);
      reload();
    }
  };

  return (
    <>
      <View className="legal-section-title">{lawyer ? '我的咨询记录' : '全部咨询记录'}</View>
      <DateTimeField
        id="records-date"
        label="咨询日期（不填为最近的记录）"
        mode="date"
        value={date}
        onChange={setDate}
      />
      {date && (
        <AppButton size="large" block onClick={() => setDate('')}>
          显示最近的记录
        </AppButton>
      )}
      {!lawyer && !reveal && (
        <View className="legal-notice">
          <View>摘要和建议属于敏感信息。确有工作需要时才查看，查看将记录在审计日志中。</View>
          <View className="legal-card__actions">
            <AppButton size="large" onClick={() => setReveal(true)}>
              查看摘要和建议
            </AppButton>
          </View>
        </View>
      )}
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(records) => records.length === 0}
        emptyText={filter ? '该日期没有咨询记录' : '暂无咨询记录'}
      >
        {(records) =>
          records.map((record) => (
            <RecordCard key={record.id} record={record}>
              {lawyer && !record.followUpRequest && (
                <View className="legal-card__actions">
                  <AppButton
                    size="large"
                    loading={busyId === record.id}
                    label={`为 ${record.personName} 创建后续办件`}
                    onClick={() => void followUp(record)}
                  >
                    创建后续办件
                  </AppButton>
                </View>
              )}
            </RecordCard>
          ))
        }
      </LoadState>
      <DeskLinks staff={staff} current={legalDeskPages.records} />
    </>
  );
}
