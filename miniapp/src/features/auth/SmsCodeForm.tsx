import { View } from '@tarojs/components';
import { maskPhone, smsSendBodySchema, smsVerifyBodySchema } from '@veterans/shared';
import { useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../api/client';
import { AppButton } from '../../components/AppButton';
import { TextField } from '../../components/TextField';
import { type FieldErrors, validate, validateField } from '../../forms/validation';
import { useCountdown } from '../../hooks/use-countdown';

interface SmsCodeFormProps {
  intro: string;
  submitLabel: string;
  submitClassName: string;
  /** Another step of the caller is under way (the submit button spins). */
  busy?: boolean;
  sendCode: (phone: string) => Promise<{ cooldownSeconds: number }>;
  /** Uses the code; a thrown ApiError is shown under the code field. */
  onSubmit: (phone: string, code: string) => Promise<void>;
}

/** Phone number, 获取验证码 with its cooldown, and the six-digit code: SMS sign-in and proving a phone when signed in. */
export function SmsCodeForm({ intro, submitLabel, submitClassName, busy, sendCode, onSubmit }: SmsCodeFormProps) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sending, setSending] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [cooldown, startCooldown] = useCountdown();
  const [sentTo, setSentTo] = useState<string>();

  const send = async () => {
    const checked = validate(smsSendBodySchema, { phone });
    if (!checked.ok) {
      setErrors({ phone: checked.errors.phone });
      return;
    }
    setSending(true);
    try {
      const { cooldownSeconds } = await sendCode(checked.data.phone);
      startCooldown(cooldownSeconds);
      setSentTo(checked.data.phone);
      setErrors({});
    } catch (failure) {
      const fields = fieldErrorsOf(failure);
      setErrors({ phone: fields.phone ?? (failure instanceof ApiError ? failure.message : undefined) });
    } finally {
      setSending(false);
    }
  };

  const submit = async () => {
    const checked = validate(smsVerifyBodySchema, { phone, code });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setVerifying(true);
    try {
      await onSubmit(checked.data.phone, checked.data.code);
    } catch (failure) {
      const fields = fieldErrorsOf(failure);
      setErrors({ ...fields, code: fields.code ?? (failure instanceof ApiError ? failure.message : undefined) });
    } finally {
      setVerifying(false);
    }
  };

  const sendLabel = cooldown > 0 ? `${cooldown} 秒后可重新获取` : sentTo ? '重新获取验证码' : '获取验证码';
  return (
    <>
      <View className="form-card__text">{intro}</View>
      <TextField
        id="phone"
        label="手机号码"
        value={phone}
        type="number"
        h5Type="tel"
        maxlength={11}
        autoComplete="tel"
        placeholder="请输入 11 位手机号码"
        error={errors.phone}
        onChange={(value) => {
          setPhone(value);
          if (errors.phone) setErrors((previous) => ({ ...previous, phone: undefined }));
        }}
        onBlur={() => {
          if (phone)
            setErrors((previous) => ({ ...previous, phone: validateField(smsSendBodySchema, { phone }, 'phone') }));
        }}
      />
      <AppButton
        className="send-code-button"
        size="large"
        block
        disabled={cooldown > 0}
        loading={sending}
        label={sendLabel}
        onClick={send}
      >
        {sendLabel}
      </AppButton>
      {sentTo && (
        <View className="form-card__text sms-sent" role="status">
          {`验证码已发送至 ${maskPhone(sentTo)}，5 分钟内有效。`}
        </View>
      )}
      <TextField
        id="sms-code"
        label="短信验证码"
        value={code}
        type="number"
        h5Type="text"
        maxlength={6}
        autoComplete="one-time-code"
        placeholder="请输入 6 位验证码"
        error={errors.code}
        onChange={(value) => {
          setCode(value);
          if (errors.code) setErrors((previous) => ({ ...previous, code: undefined }));
        }}
      />
      <AppButton
        className={submitClassName}
        type="primary"
        size="large"
        block
        loading={verifying || busy}
        onClick={submit}
      >
        {submitLabel}
      </AppButton>
    </>
  );
}
