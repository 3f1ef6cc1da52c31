import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { type CounterReceipt, formatChineseDate } from '@veterans/shared';
import { useCallback } from 'react';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { fetchReceipt } from '../../../features/counter/api';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import { routes, withQuery } from '../../../navigation/routes';
import './index.css';

/**
 * 受理回执 of a request filed at the counter, styled for print (index.css: @media print, A4 and an 80 mm receipt
 * printer): the browser's print dialog (打印回执) prints only the receipt.
 */
export default function CounterReceiptPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const homeFilingId = Number(params.homeFiling) || null;
  return (
    <PageRoot className="counter-receipt-page">
      <RequireStaff ability="counter.file">{() => <ReceiptLoader id={id} homeFilingId={homeFilingId} />}</RequireStaff>
    </PageRoot>
  );
}

interface ReceiptProps {
  /** The 入户办理 request this was filed at the visit of, when it was. */
  homeFilingId: number | null;
}

function ReceiptLoader({ id, homeFilingId }: ReceiptProps & { id: number }) {
  const load = useCallback(() => fetchReceipt(id), [id]);
  const { state, reload } = useRequest(load);
  return (
    <LoadState state={state} onRetry={reload}>
      {(receipt) => <Receipt receipt={receipt} homeFilingId={homeFilingId} />}
    </LoadState>
  );
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className="receipt__line">
      <View className="receipt__label">{label}</View>
      <View className="receipt__value">{value}</View>
    </View>
  );
}

function Receipt({ receipt, homeFilingId }: ReceiptProps & { receipt: CounterReceipt }) {
  const { contact } = receipt;
  return (
    <View>
      <View className="receipt" role="document" aria-label="受理回执">
        <View className="receipt__title">{`${receipt.unit.name}\n受理回执`}</View>
        <Line label="办件编号" value={receipt.number} />
        <Line label="办理事项" value={receipt.serviceName} />
        <Line label="申请人" value={receipt.applicantName} />
        <Line label="受理方式" value={receipt.channelLabel} />
        <Line label="受理日期" value={formatChineseDate(receipt.submittedOn)} />
        <Line
          label="承诺办结"
          value={`${receipt.promisedWorkingDays} 个工作日内，${formatChineseDate(receipt.dueDate)}前`}
        />
        <Line label="经办人" value={receipt.staffName} />
        <Line label="受理单位" value={receipt.unit.name} />
        {contact && contact.name !== receipt.unit.name && <Line label="咨询单位" value={contact.name} />}
        {contact?.address && <Line label="地址" value={contact.address} />}
        {contact?.phone && <Line label="电话" value={contact.phone} />}
        <View className="receipt__follow">
          <View className="receipt__label">查询进度</View>
          {receipt.howToFollow.map((line) => (
            <View key={line} className="receipt__note">
              {line}
            </View>
          ))}
        </View>
      </View>
      <View className="receipt-actions">
        {process.env.TARO_ENV === 'h5' && (
          <AppButton type="primary" size="large" block onClick={() => window.print()}>
            打印回执
          </AppButton>
        )}
        {homeFilingId ? (
          <AppButton
            type="primary"
            size="large"
            block
            onClick={() =>
              void Taro.redirectTo({
                url: withQuery(routes.staffHomeFiling, { visit: homeFilingId, requestId: receipt.requestId }),
              })
            }
          >
            记录上门情况
          </AppButton>
        ) : (
          <AppButton size="large" block onClick={() => void Taro.redirectTo({ url: routes.staffCounter })}>
            继续代办
          </AppButton>
        )}
      </View>
    </View>
  );
}
