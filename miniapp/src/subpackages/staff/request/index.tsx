import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { RequestMessage, StaffRequestDetail } from '@veterans/shared';
import { useCallback } from 'react';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { fetchMessages, fetchStaffRequest } from '../../../features/staff/api';
import { RequireStaff, type StaffPrincipal } from '../../../features/staff/RequireStaff';
import { RequestAnswers } from '../../../features/staff/request/Answers';
import { RequestConversation } from '../../../features/staff/request/Conversation';
import { HomeVisits } from '../../../features/staff/request/HomeVisits';
import { Meetings } from '../../../features/staff/request/Meetings';
import { RequestSummary } from '../../../features/staff/request/Summary';
import { RequestTimeline } from '../../../features/staff/request/Timeline';
import { CardStages, WorkflowActions } from '../../../features/staff/request/Workflow';
import { useLiveRequest } from '../../../features/staff/use-live-request';
import '../../../features/staff/staff.css';
import './index.css';

/**
 * One request as staff work it 办件详情: summary and caseworker, the workflow actions, the 优待证 stages,
 * home visits (困难帮扶) or meetings (诉求反映), the answers (sensitive ones on a logged reveal), the full
 * timeline with internal notes, and the conversation.
 */
export default function StaffRequestPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  return (
    <PageRoot className="staff-request-page staff-page">
      <RequireStaff ability="requests.work">
        {(staff) =>
          Number.isInteger(id) && id > 0 ? (
            <RequestWork id={id} staff={staff} />
          ) : (
            <View className="load-state">办件不存在</View>
          )
        }
      </RequireStaff>
    </PageRoot>
  );
}

function RequestWork({ id, staff }: { id: number; staff: StaffPrincipal }) {
  const loadDetail = useCallback(() => fetchStaffRequest(id), [id]);
  const detail = useLiveRequest(loadDetail);
  const loadMessages = useCallback(() => fetchMessages(id), [id]);
  const messages = useLiveRequest(loadMessages);
  const thread: RequestMessage[] = messages.state.status === 'success' ? messages.state.data : [];

  const changed = (updated: StaffRequestDetail) => detail.replace(updated);
  const posted = (message: RequestMessage) => {
    messages.replace([...thread, message]);
    // A public reply is a timeline event too.
    if (!message.internal) detail.refresh();
  };

  return (
    <LoadState state={detail.state} onRetry={detail.reload}>
      {(data) => (
        <>
          <RequestSummary detail={data} staff={staff} onChanged={changed} />
          <WorkflowActions detail={data} onChanged={changed} />
          <CardStages detail={data} onChanged={changed} />
          {data.serviceCode === 'hardship-aid' && <HomeVisits requestId={data.id} onRecorded={detail.refresh} />}
          {data.serviceCode === 'appeal' && <Meetings requestId={data.id} onScheduled={detail.refresh} />}
          <RequestAnswers detail={data} onReveal={async () => detail.replace(await fetchStaffRequest(id, true))} />
          <RequestTimeline events={data.timeline} messages={thread} />
          <LoadState state={messages.state} onRetry={messages.reload}>
            {(items) => <RequestConversation detail={data} messages={items} onPosted={posted} />}
          </LoadState>
        </>
      )}
    </LoadState>
  );
}
