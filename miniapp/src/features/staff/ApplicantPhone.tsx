import { View } from '@tarojs/components';
import { type ApplicantContact, applicantContactSchema } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { request } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { AppButton } from '../../components/AppButton';
import './staff.css';

/** Where a contact comes from: the filer of a service request, or whoever made a legal booking. */
export type ContactOf = { request: number } | { booking: number };

function contactPath(of: ContactOf): string {
  return 'request' in of
    ? `/staff/requests/${of.request}/applicant-contact`
    : `/staff/legal/bookings/${of.booking}/applicant-contact`;
}

function fetchContact(path: string, reveal: boolean): Promise<ApplicantContact> {
  return request('GET', path, {
    schema: applicantContactSchema,
    query: reveal ? { reveal: 'phone' } : {},
    quiet: true,
  });
}

/** The applicant's proven phone, masked; the whole number on request (recorded in the audit log). */
export function ApplicantPhone({ of, label = '联系电话' }: { of: ContactOf; label?: string }) {
  const path = contactPath(of);
  const masked = useRequest(useCallback(() => fetchContact(path, false), [path]));
  const [revealed, setRevealed] = useState<string>();
  const [failed, setFailed] = useState(false);
  const phone = revealed ?? (masked.state.status === 'success' ? masked.state.data.phone : null);
  return (
    <View className="staff-line applicant-phone">
      <View className="staff-line__label">{label}</View>
      <View className="staff-line__value">
        {masked.state.status === 'loading' ? '…' : (phone ?? '未绑定手机号')}
        {phone && !revealed && (
          <AppButton
            size="small"
            label="显示完整号码（将记入审计日志）"
            onClick={() => {
              fetchContact(path, true).then(
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
