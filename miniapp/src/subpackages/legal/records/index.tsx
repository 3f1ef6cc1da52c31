import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { fetchMyRecords } from '../../../features/legal/api';
import { legalPages } from '../../../features/legal/pages';
import { RecordCard } from '../../../features/legal/RecordCard';
import '../../../features/legal/legal.css';

/** 咨询记录: what the lawyer recorded for me — summary, advice, and the follow-up request filed for me. */
export default function MyRecordsPage() {
  return (
    <PageRoot className="legal-records-page">
      <RequireCitizen>{() => <MyRecords />}</RequireCitizen>
    </PageRoot>
  );
}

function MyRecords() {
  const { state, reload } = usePageRequest(fetchMyRecords);
  return (
    <LoadState state={state} onRetry={reload}>
      {(records) =>
        records.length === 0 ? (
          <View className="card">
            <View className="card__title">暂无咨询记录</View>
            <View className="body-text">咨询结束后，律师记录的意见和建议会显示在这里。仅您本人可以查看。</View>
            <AppButton
              type="primary"
              size="large"
              block
              onClick={() => void Taro.navigateTo({ url: legalPages.consult })}
            >
              预约法律咨询
            </AppButton>
          </View>
        ) : (
          <>
            <View className="body-text legal-records-note">
              以下内容仅您本人可见。如律师为您提交了后续办件，可在“我的办件”中查看进度。
            </View>
            {records.map((record) => (
              <RecordCard key={record.id} record={record} openFollowUp />
            ))}
          </>
        )
      }
    </LoadState>
  );
}
