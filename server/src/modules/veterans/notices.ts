import { identityPage, type SubscribeTemplateData, truncateText } from '@veterans/shared';
import { notify, type Writer } from '../notifications/notify';

export type VerificationOutcome = { verified: true } | { verified: false; reason: string };

/**
 * Tells the citizen how their veteran verification ended: in the inbox, and as a WeChat subscribe message where
 * they allowed one. A refusal carries the reviewer's reason and what to do next.
 */
export async function noticeVerificationOutcome(
  db: Writer,
  userId: number,
  outcome: VerificationOutcome,
  decidedAt: Date,
): Promise<void> {
  const data: SubscribeTemplateData['identity-result'] = {
    item: '退役军人身份核验',
    result: outcome.verified ? '已通过' : '未通过',
    time: decidedAt.toISOString(),
    remark: outcome.verified ? '现在可以申请优待证、困难帮扶等服务' : truncateText(outcome.reason, 20),
  };
  await notify(db, {
    recipient: { type: 'citizen', id: userId },
    kind: outcome.verified ? 'identity-verified' : 'identity-rejected',
    title: outcome.verified ? '退役军人身份核验已通过' : '退役军人身份核验未通过',
    body: outcome.verified
      ? '您的退役军人身份已核验通过，现在可以申请优待证、困难帮扶和法律咨询等服务。'
      : `您的退役军人身份核验未通过：${outcome.reason}。请核对后在“我的-实名信息”中重新提交，或携带退役证件到所在社区服务站办理。`,
    link: identityPage,
    wechat: {
      template: 'identity-result',
      dedupeKey: `identity-result:${userId}:${decidedAt.getTime()}`,
      data: { ...data },
    },
  });
}
