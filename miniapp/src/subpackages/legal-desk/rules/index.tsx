import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ScheduleRule } from '@veterans/shared';
import { useState } from 'react';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { StatusBadge } from '../../../components/StatusBadge';
import { deactivateRule, fetchRules } from '../../../features/legal/api';
import { DeskLinks } from '../../../features/legal/DeskLinks';
import { effectText, ruleLines } from '../../../features/legal/desk';
import { legalDeskPages, pageUrl } from '../../../features/legal/pages';
import { RequireStaff, type StaffPrincipal } from '../../../features/staff/RequireStaff';
import '../../../features/legal/legal.css';

/** 排班规则: the rules that publish the consultation's slots; add, edit, stop. District admin only. */
export default function RulesPage() {
  return (
    <PageRoot className="legal-rules-page">
      <RequireStaff ability="legal.schedule">{(staff) => <Rules staff={staff} />}</RequireStaff>
    </PageRoot>
  );
}

function Rules({ staff }: { staff: StaffPrincipal }) {
  const { state, reload } = usePageRequest(fetchRules);
  const [stopping, setStopping] = useState<ScheduleRule | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  const stop = async () => {
    if (!stopping) return;
    setBusy(true);
    try {
      const change = await deactivateRule(stopping.id);
      setResult(`规则已停用。${effectText(change.effect)}`);
    } catch {
      // The client has shown the server's message.
    } finally {
      setBusy(false);
      setStopping(null);
      reload();
    }
  };

  return (
    <>
      <View className="body-text">
        规则决定每周哪天、几点、在哪里开放预约。修改后立即重新发布时段；已有预约不会被删除，受影响的会列入“受影响的预约”并通知预约人。
      </View>
      {result && (
        <View className="legal-notice legal-notice--success legal-rule-effect" role="status">
          {result}
        </View>
      )}
      <AppButton
        className="legal-new-rule"
        type="primary"
        size="large"
        block
        onClick={() => void Taro.navigateTo({ url: legalDeskPages.rule })}
      >
        新增排班规则
      </AppButton>
      <View className="legal-section-title">现有规则</View>
      <LoadState state={state} onRetry={reload} isEmpty={(rules) => rules.length === 0} emptyText="还没有排班规则">
        {(rules) =>
          rules.map((rule) => (
            <View key={rule.id} className={`legal-card legal-rule ${rule.active ? '' : 'legal-rule--inactive'}`}>
              <View className="legal-card__head">
                <View className="legal-card__title">{rule.place}</View>
                <StatusBadge
                  badge={rule.active ? { text: '生效中', tone: 'success' } : { text: '已停用', tone: 'neutral' }}
                />
              </View>
              {ruleLines(rule).map((line) => (
                <View key={line} className="legal-card__line">
                  {line}
                </View>
              ))}
              {rule.active && (
                <View className="legal-card__actions">
                  <AppButton
                    size="large"
                    label={`编辑规则：${ruleLines(rule)[0]}`}
                    onClick={() => void Taro.navigateTo({ url: pageUrl(legalDeskPages.rule, { id: rule.id }) })}
                  >
                    编辑
                  </AppButton>
                  <AppButton size="large" label={`停用规则：${ruleLines(rule)[0]}`} onClick={() => setStopping(rule)}>
                    停用
                  </AppButton>
                </View>
              )}
            </View>
          ))
        }
      </LoadState>
      <DeskLinks staff={staff} current={legalDeskPages.rules} />
      <ConfirmDialog
        id="legal-stop-rule"
        visible={stopping !== null}
        title="停用排班规则"
        confirmText="确认停用"
        danger
        busy={busy}
        onConfirm={() => void stop()}
        onCancel={() => setStopping(null)}
      >
        停用后，该规则未来的时段全部停诊；已有预约保留并列入“受影响的预约”，预约人会收到通知。
      </ConfirmDialog>
    </>
  );
}
