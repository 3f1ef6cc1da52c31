import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { changePasswordBodySchema, STAFF_PASSWORD_MIN_LENGTH } from '@veterans/shared';
import { useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { session } from '../../../api/session';
import { AppButton } from '../../../components/AppButton';
import { PageRoot } from '../../../components/PageRoot';
import { TextField } from '../../../components/TextField';
import { changeStaffPassword } from '../../../features/auth/api';
import { type FieldErrors, validate, validateField } from '../../../forms/validation';
import { useSession } from '../../../hooks/use-session';
import { leaveSignIn, openSignIn } from '../../../navigation/navigate';
import { routes } from '../../../navigation/routes';

const PASSWORD_RULE = `至少 ${STAFF_PASSWORD_MIN_LENGTH} 位，包含大写字母、小写字母、数字、符号中的至少三类。`;

/** A staff member changes their password; required before anything else after a temporary one was set. */
export default function ChangePasswordPage() {
  const { params } = useRouter();
  const current = useSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (current?.user.type !== 'staff') {
    return (
      <PageRoot className="change-password-page">
        <View className="card">
          <View className="card__title">请先登录工作人员账号</View>
          <AppButton type="primary" size="large" block onClick={() => openSignIn({ staff: true })}>
            工作人员登录
          </AppButton>
        </View>
      </PageRoot>
    );
  }

  const forced = current.user.mustChangePassword;
  const values = { currentPassword, newPassword };

  const submit = async () => {
    setFormError(undefined);
    const checked = validate(changePasswordBodySchema, values);
    const mismatch = confirmPassword !== newPassword ? '两次输入的新密码不一致' : undefined;
    if (!checked.ok || mismatch) {
      setErrors({ ...(checked.ok ? {} : checked.errors), confirmPassword: mismatch });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      // The server signs the account out everywhere else and hands back a fresh session.
      session.set(await changeStaffPassword(checked.data.currentPassword, checked.data.newPassword));
      void Taro.showToast({ title: '密码已修改', icon: 'success', duration: 1500 });
      leaveSignIn(params.redirect, routes.workbench);
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
      setFormError(failure instanceof ApiError ? failure.message : '修改失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageRoot className="change-password-page">
      <View className="form-card">
        <View className="form-card__title">修改密码</View>
        <View className="form-card__text">
          {forced ? '首次登录或密码被重置后，请先设置您自己的密码，再进入工作台。' : '修改后，其他设备上的登录将失效。'}
        </View>
        {formError && (
          <View className="form-error" role="alert">
            {formError}
          </View>
        )}
        <TextField
          id="current-password"
          label={forced ? '临时密码' : '当前密码'}
          value={currentPassword}
          password
          maxlength={128}
          autoComplete="current-password"
          error={errors.currentPassword}
          onChange={setCurrentPassword}
        />
        <TextField
          id="new-password"
          label="新密码"
          value={newPassword}
          password
          maxlength={128}
          autoComplete="new-password"
          hint={PASSWORD_RULE}
          error={errors.newPassword}
          onChange={(value) => {
            setNewPassword(value);
            if (errors.newPassword) setErrors((previous) => ({ ...previous, newPassword: undefined }));
          }}
          onBlur={() => {
            if (!newPassword) return;
            const message = validateField(
              changePasswordBodySchema,
              { currentPassword: 'x', newPassword },
              'newPassword',
            );
            setErrors((previous) => ({ ...previous, newPassword: message }));
          }}
        />
        <TextField
          id="confirm-password"
          label="确认新密码"
          value={confirmPassword}
          password
          maxlength={128}
          autoComplete="new-password"
          error={errors.confirmPassword}
          onChange={setConfirmPassword}
        />
        <AppButton className="change-password-submit" type="primary" size="large" block loading={busy} onClick={submit}>
          确认修改
        </AppButton>
      </View>
    </PageRoot>
  );
}
