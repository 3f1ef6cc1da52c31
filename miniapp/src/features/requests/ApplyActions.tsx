import { View } from '@tarojs/components';
import type { ServiceCode } from '@veterans/shared';
import { useCallback } from 'react';
import { usePageRequest } from '../../api/use-page-request';
import { AppButton } from '../../components/AppButton';
import { useSession } from '../../hooks/use-session';
import { fetchMyDrafts } from './api';
import { continueApplication, requestHomeFiling, startApplication } from './navigation';
import { dateTimeText } from './status';
import './apply-actions.css';

/**
 * On a service's guide: 我要办理, or 继续填写 the draft already started for it; and 入户办理 for those who cannot
 * come to the station.
 */
export function ApplyActions({ serviceCode }: { serviceCode: ServiceCode }) {
  const current = useSession();
  const citizenId = current?.user.type === 'citizen' ? current.user.id : null;
  const { state } = usePageRequest(
    useCallback(
      () => (citizenId ? fetchMyDrafts(serviceCode).catch(() => []) : Promise.resolve([])),
      [citizenId, serviceCode],
    ),
  );
  if (current?.user.type === 'staff') return null;
  const draft = state.status === 'success' ? state.data[0] : undefined;
  return (
    <View className="apply-actions">
      {draft ? (
        <>
          <View className="apply-actions__draft">{`您有一份未提交的草稿（${dateTimeText(draft.updatedAt)} 保存）`}</View>
          <AppButton type="primary" size="large" block onClick={() => continueApplication(draft.id)}>
            继续填写
          </AppButton>
          <AppButton size="large" block onClick={() => startApplication(serviceCode)}>
            重新填写一份
          </AppButton>
        </>
      ) : (
        <AppButton type="primary" size="large" block onClick={() => startApplication(serviceCode)}>
          我要办理
        </AppButton>
      )}
      <AppButton size="large" block onClick={() => requestHomeFiling(serviceCode)}>
        行动不便？申请上门办理
      </AppButton>
    </View>
  );
}
