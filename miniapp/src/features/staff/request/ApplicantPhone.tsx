import { View } from '@tarojs/components';
import { type ApplicantContact, applicantContactSchema } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { request } from '../../../api/client';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';

function fetchContact(requestId: number, reveal: boolean): Promise<ApplicantContact> {
  return request('GET', `/staff/requests/${requestId}/applicant-contact`, {
    schema: applicantContactSchema,
    query: reveal ? { reveal: 'phone' } : {},
    quiet: true,
  });
}

/** The applicant's proven phone, masked; the whole number on request (recorded in the audit log). */
export function ApplicantPhone({ requestId }: { requestId: number }) {
  const masked = useRequest(useCallback(() => fetchContact(requestId, false), [requestId]));
  const [revealed, setRevealed] = useState<string>();
  const [failed, setFailed] = useState(false);
  const phone = revealed ?? (masked.state.status === 'success' ? masked.state.data.phone : null);
  return (
    <View className="staff-line applicant-phone">
      <View className="staff-line__label">联系电话</View>
      <View className="staff-line__value">
        {masked.state.status === 'loading' ? '…' : (phone ?? '未绑定手机号')}
        {phone && !revealed && (
          <AppButton
            size="small"
            label="显示完整号码（将记入审计日志）"
            onClick={() => {
              fetchContact(requestId, true).then(
                (contact) => setRevealed(contact.phone ?? undefined),
                () => setFailed(true),
              );
            }}
          >
            显示完整号码
          </AppButton>
        )}
        {failed && <View className="form-field__error">查看失败，请稍后重试</View>}
      </View>
    </View>
  );
}
