import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { beijingToday, type HomeVisit, homeVisitBodySchema } from '@veterans/shared';
import { useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { AppButton } from '../../../components/AppButton';
import { type FieldErrors, validate } from '../../../forms/validation';
import { DateTimeField } from '../../legal/controls';
import { fetchHomeVisits, recordHomeVisit } from '../api';
import { dateText, dateTimeText } from '../format';
import { TextArea } from '../TextArea';
import '../staff.css';

/**
 * 入户走访 of a hardship request: the findings are sensitive, so the list loads only on request (each look is
 * audited); a new visit is recorded with its date and findings.
 */
export function HomeVisits({ requestId, onRecorded }: { requestId: number; onRecorded: () => void }) {
  const [visits, setVisits] = useState<HomeVisit[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [visitDate, setVisitDate] = useState(() => beijingToday());
  const [findings, setFindings] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const show = async () => {
    setLoading(true);
    try {
      setVisits(await fetchHomeVisits(requestId));
    } catch {
      // the client showed why
    } finally {
      setLoading(false);
    }
  };

  const save = async () => {
    setFormError(undefined);
    const checked = validate(homeVisitBodySchema, { visitDate, findings });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const visit = await recordHomeVisit(requestId, checked.data);
      setVisits((previous) => (previous ? [...previous, visit] : previous));
      setFindings('');
      onRecorded();
      void Taro.showToast({ title: '走访记录已保存', icon: 'none', duration: 1500 });
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
      setFormError(failure instanceof ApiError ? failure.message : '保存失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card home-visits">
      <View className="card__title">入户走访</View>
      {visits === null ? (
        <AppButton className="show-visits-button" loading={loading} onClick={show}>
          查看走访记录（查看将被记录）
        </AppButton>
      ) : visits.length === 0 ? (
        <View className="body-text">还没有走访记录。</View>
      ) : (
        visits.map((visit) => (
          <View key={visit.id} className="staff-message home-visit">
            <View className="staff-message__meta">
              {`${dateText(visit.visitDate)} 走访 · ${visit.staffName} · 记录于 ${dateTimeText(visit.createdAt)}`}
            </View>
            <View className="staff-message__body">{visit.findings}</View>
          </View>
        ))
      )}
      <View className="section-title">记录走访</View>
      {formError && (
        <View className="form-error" role="alert">
          {formError}
        </View>
      )}
      <DateTimeField
        id="visit-date"
        label="走访日期"
        mode="date"
        value={visitDate}
        error={errors.visitDate}
        onChange={setVisitDate}
      />
      <TextArea
        id="visit-findings"
        label="走访情况"
        value={findings}
        maxlength={4000}
        placeholder="家庭实际情况、困难核实结果、帮扶建议"
        hint="加密保存，仅辖区工作人员可见；申请人只看到“已入户走访”。"
        error={errors.findings}
        onChange={setFindings}
      />
      <AppButton className="save-visit-button" type="primary" loading={busy} onClick={save}>
        保存走访记录
      </AppButton>
    </View>
  );
}
