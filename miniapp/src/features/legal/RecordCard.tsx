import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type LegalRecord, requestDetailPage } from '@veterans/shared';
import type { ReactNode } from 'react';
import { AppButton } from '../../components/AppButton';
import { slotTimeLabel } from './time';
import './legal.css';

interface RecordCardProps {
  record: LegalRecord;
  /** Citizens open the follow-up request in 我的办件; staff pages leave it out. */
  openFollowUp?: boolean;
  /** Shown under the advice (the desk's actions). */
  children?: ReactNode;
}

/** A lawyer's record: when, category, summary and advice, what was advised, the follow-up request. */
export function RecordCard({ record, openFollowUp, children }: RecordCardProps) {
  const advised = [record.legalAidAdvised ? '建议申请法律援助' : '', record.followUpAdvised ? '建议后续跟进' : '']
    .filter(Boolean)
    .join('；');
  return (
    <View className="legal-card legal-record">
      <View className="legal-card__head">
        <View className="legal-card__title">{slotTimeLabel(record.slot)}</View>
        <View className="legal-tag">{record.categoryLabel}</View>
      </View>
      <View className="legal-card__line">{`咨询人：${record.personName}`}</View>
      <View className="legal-card__line">{`律师：${record.lawyerName}`}</View>
      {record.summary !== null ? (
        <>
          <View className="legal-card__text legal-record__summary">
            <View className="form-field__label">咨询摘要</View>
            {record.summary}
          </View>
          <View className="legal-card__text legal-record__advice">
            <View className="form-field__label">律师建议</View>
            {record.advice}
          </View>
        </>
      ) : (
        <View className="legal-card__hint">摘要和建议属于敏感信息，默认不显示。</View>
      )}
      {advised && <View className="legal-card__hint">{advised}</View>}
      {record.followUpRequest && (
        <View className="legal-card__line legal-record__follow-up">
          {`后续办件：${record.followUpRequest.number ?? '已提交'}`}
        </View>
      )}
      {record.followUpRequest && openFollowUp && (
        <View className="legal-card__actions">
          <AppButton
            size="large"
            label={`查看后续办件 ${record.followUpRequest.number ?? ''}`}
            onClick={() => {
              if (record.followUpRequest) void Taro.navigateTo({ url: requestDetailPage(record.followUpRequest.id) });
            }}
          >
            查看后续办件
          </AppButton>
        </View>
      )}
      {children}
    </View>
  );
}
