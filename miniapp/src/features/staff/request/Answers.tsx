import { View } from '@tarojs/components';
import type { StaffRequestDetail } from '@veterans/shared';
import { useState } from 'react';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { answerRows, fileSizeText } from '../answers';
import { openAttachment } from '../download';
import '../staff.css';

interface AnswersProps {
  detail: StaffRequestDetail;
  /** Loads the answers in full (`?reveal=sensitive`, recorded in the audit log). */
  onReveal: () => Promise<void>;
}

/** 申请内容: every answer; sensitive ones hidden until a logged 查看敏感信息; files open through the API. */
export function RequestAnswers({ detail, onReveal }: AnswersProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const rows = answerRows(detail.serviceCode, detail.formData, detail.hiddenSensitiveFields, detail.attachments);
  const h5 = process.env.TARO_ENV === 'h5';

  return (
    <View className="card request-answers">
      <View className="card__title">申请内容</View>
      {detail.sensitiveRevealed && (
        <View className="staff-notice sensitive-revealed">敏感信息已显示，本次查看已记入审计日志。</View>
      )}
      {rows.map((row) => (
        <View key={row.name} className={`staff-line answer answer--${row.kind}`}>
          <View className="staff-line__label">{row.label}</View>
          <View className="staff-line__value">
            {row.kind === 'text' && row.text}
            {row.kind === 'hidden' && <View className="answer__hidden">敏感信息，已隐藏</View>}
            {row.kind === 'files' &&
              (row.files.length === 0
                ? '未上传'
                : row.files.map((file) => (
                    <View
                      key={file.id}
                      className="staff-file"
                      onClick={() => void openAttachment(file)}
                      {...(h5 ? { role: 'button', tabIndex: 0, 'aria-label': `查看附件 ${file.fileName}` } : {})}
                    >
                      {`📎 ${file.fileName}（${fileSizeText(file.size)}）`}
                    </View>
                  )))}
          </View>
        </View>
      ))}
      {detail.hiddenSensitiveFields.length > 0 && (
        <View className="staff-actions">
          <AppButton className="reveal-button" onClick={() => setConfirming(true)}>
            查看敏感信息
          </AppButton>
        </View>
      )}
      <ConfirmDialog
        id="reveal-sensitive"
        visible={confirming}
        title="查看敏感信息"
        confirmText="确认查看"
        busy={busy}
        onConfirm={async () => {
          setBusy(true);
          try {
            await onReveal();
            setConfirming(false);
          } catch {
            // the client showed why
          } finally {
            setBusy(false);
          }
        }}
        onCancel={() => setConfirming(false)}
      >
        <View>
          该办件含收入、健康等敏感个人信息。查看将记入审计日志（查看人、时间、办件），请仅在办理需要时查看，
          不得截屏、外传。
        </View>
      </ConfirmDialog>
    </View>
  );
}
