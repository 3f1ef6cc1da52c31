import { View } from '@tarojs/components';
import type { LegalImpact } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { StatusBadge } from '../../../components/StatusBadge';
import { fetchImpacts, markImpactHandled } from '../../../features/legal/api';
import { bookingBadge } from '../../../features/legal/bookings';
import { DeskLinks } from '../../../features/legal/DeskLinks';
import { legalDeskPages } from '../../../features/legal/pages';
import { instantLabel, slotTimeLabel } from '../../../features/legal/time';
import { RequireStaff, type StaffPrincipal } from '../../../features/staff/RequireStaff';
import '../../../features/legal/legal.css';

type Include = 'open' | 'all';
const includeOptions: readonly { value: Include; label: string }[] = [
  { value: 'open', label: '待处理' },
  { value: 'all', label: '全部' },
];

/**
 * 受影响的预约: bookings kept through a schedule change or closure, for staff to contact their holders (who were
 * notified already); 已处理 once done.
 */
export default function ImpactsPage() {
  return (
    <PageRoot className="legal-impacts-page">
      <RequireStaff ability="legal.desk">{(staff) => <Impacts staff={staff} />}</RequireStaff>
    </PageRoot>
  );
}

function Impacts({ staff }: { staff: StaffPrincipal }) {
  const [include, setInclude] = useState<Include>('open');
  const load = useCallback(() => fetchImpacts(include), [include]);
  const { state, reload } = usePageRequest(load);
  const [busyId, setBusyId] = useState<number | null>(null);

  const handled = async (impact: LegalImpact) => {
    setBusyId(impact.id);
    try {
      await markImpactHandled(impact.id);
    } catch {
      // The client has shown the server's message.
    } finally {
      setBusyId(null);
      reload();
    }
  };

  return (
    <>
      <View className="body-text">
        排班调整或停诊后，已有预约会保留并列在这里，预约人已收到通知。请联系预约人改约或确认后标记已处理。
      </View>
      <ChoiceGroup id="impacts-include" label="显示" options={includeOptions} value={include} onChange={setInclude} />
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(items) => items.length === 0}
        emptyText={include === 'open' ? '没有待处理的预约' : '没有受影响的预约'}
      >
        {(items) =>
          items.map((impact) => (
            <View key={impact.id} className="legal-card legal-impact">
              <View className="legal-card__head">
                <View className="legal-card__title">{slotTimeLabel(impact.slot)}</View>
                <StatusBadge badge={bookingBadge(impact.booking)} />
              </View>
              <View className="legal-card__line">{`${impact.booking.name}，${impact.booking.topicLabel}`}</View>
              <View className="legal-card__text">{`原因：${impact.reason}`}</View>
              <View className="legal-card__hint">
                {impact.handledAt
                  ? `已于 ${instantLabel(impact.handledAt)} 处理`
                  : `${instantLabel(impact.createdAt)} 列入`}
              </View>
              {!impact.handledAt && (
                <View className="legal-card__actions">
                  <AppButton
                    type="primary"
                    size="large"
                    loading={busyId === impact.id}
                    label={`已处理：${impact.booking.name} ${impact.slot.date} ${impact.slot.time}`}
                    onClick={() => void handled(impact)}
                  >
                    已处理
                  </AppButton>
                </View>
              )}
            </View>
          ))
        }
      </LoadState>
      <DeskLinks staff={staff} current={legalDeskPages.impacts} />
    </>
  );
}
