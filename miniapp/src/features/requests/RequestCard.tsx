import { View } from '@tarojs/components';
import { type RequestSummary, requestRelationText } from '@veterans/shared';
import { AppButton } from '../../components/AppButton';
import { pressable } from '../../components/pressable';
import { continueApplication, openRequestDetail } from './navigation';
import { RequestStatusBadge } from './RequestStatusBadge';
import { needsAttention, summaryLine } from './status';
import './request-card.css';

/** One request in 我的办件: service, status, number and due date; drafts and 待补正 offer their next step. */
export function RequestCard({ item }: { item: RequestSummary }) {
  const draft = item.status === 'draft';
  // 本人申请 goes without saying; anything else (family 代办, staff filing at the counter) is said.
  const relation = item.relation === 'self' && item.channel === 'online' ? null : requestRelationText(item);
  const openCard = () => (draft ? continueApplication(item.id) : openRequestDetail(item.id));
  return (
    <View className={`request-card ${needsAttention(item) ? 'request-card--attention' : ''}`}>
      <View
        className="request-card__main"
        onClick={openCard}
        // Named by what it shows: service, status (with 已超期), number, due date and who filed it.
        {...pressable(openCard)}
      >
        <View className="request-card__head">
          <View className="request-card__name">{item.serviceName}</View>
          <RequestStatusBadge status={item.status} overdue={item.overdue} />
        </View>
        <View className="request-card__line">{summaryLine(item)}</View>
        {relation && <View className="request-card__line request-card__relation">{relation}</View>}
      </View>
      {item.mine && (draft || item.status === 'needs_supplement') && (
        <AppButton
          className="request-card__action"
          type="primary"
          size="large"
          block
          label={`${draft ? '继续填写' : '去补正'}：${item.serviceName}`}
          onClick={() => continueApplication(item.id)}
        >
          {draft ? '继续填写' : '去补正'}
        </AppButton>
      )}
    </View>
  );
}
