import { View } from '@tarojs/components';
import { useCallback } from 'react';
import { usePageRequest } from '../../api/use-page-request';
import { EntryRow } from '../../components/EntryRow';
import { useSession } from '../../hooks/use-session';
import { fetchMyDrafts } from './api';
import { continueApplication, openMyRequests } from './navigation';

/** On the 办事 tab for a signed-in citizen: 我的办件 and each unfinished application, to continue it. */
export function MyDrafts() {
  const current = useSession();
  const citizenId = current?.user.type === 'citizen' ? current.user.id : null;
  const { state } = usePageRequest(
    useCallback(() => (citizenId ? fetchMyDrafts().catch(() => []) : Promise.resolve([])), [citizenId]),
  );
  if (!citizenId) return null;
  const drafts = state.status === 'success' ? state.data : [];
  return (
    <View className="entry-list my-drafts">
      <EntryRow title="我的办件" extra="查看进度" onClick={openMyRequests} />
      {drafts.map((draft) => (
        <EntryRow
          key={draft.id}
          title={`继续填写：${draft.serviceName}`}
          extra="草稿"
          onClick={() => continueApplication(draft.id)}
        />
      ))}
    </View>
  );
}
