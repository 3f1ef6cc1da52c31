import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { staffLoginBodySchema } from '@veterans/shared';
import { useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { session } from '../../../api/session';
import { AppButton } from '../../../components/AppButton';
import { PageRoot } from '../../../components/PageRoot';
import { TextField } from '../../../components/TextField';
import { staffSignIn } from '../../../features/auth/api';
import { signOut } from '../../../features/auth/sign-in';
import { type FieldErrors, validate } from '../../../forms/validation';
import { leaveSignIn } from '../../../navigation/navigate';
import { routes, withQuery } from '../../../navigation/routes';

/** Staff, lawyers and admins sign in with their account; a temporary password must be changed first. */
export default function StaffSignInPage() {
  const { params } = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const checked = validate(staffLoginBodySchema, { username, password });
    setFormError(undefined);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const signed = await staffSignIn(checked.data.username, checked.data.password);
      // Someone else's session on this device (e.g. a citizen on a shared computer) ends here.
      if (session.get()) await signOut();
      session.set(signed);
      setPassword('');
      if (signed.user.mustChangePassword) {
        void Taro.redirectTo({ url: withQuery(routes.changePassword, { redirect: params.redirect, first: 1 }) });
      } else {
        leaveSignIn(params.redirect, routes.workbench);
      }
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
      // e.g. 用户名或密码错误, or the lockout message with its wait.
      setFormError(failure instanceof ApiError ? failure.message : '登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageRoot className="staff-sign-in-page">
      <View className="form-card">
        <View className="form-card__title">工作人员登录</View>
        <View className="form-card__text">服务中心、服务站工作人员、值班律师和管理员使用本单位分配的账号登录。</View>
        {formError && (
          <View className="form-error" role="alert">
            {formError}
          </View>
        )}
        <TextField
          id="staff-username"
          label="用户名"
          value={username}
          autoComplete="username"
          placeholder="请输入用户名"
          error={errors.username}
          onChange={setUsername}
        />
        <TextField
          id="staff-password"
          label="密码"
          value={password}
          password
          autoComplete="current-password"
          placeholder="请输入密码"
          maxlength={128}
          error={errors.password}
          onChange={setPassword}
        />
        <AppButton className="staff-sign-in-submit" type="primary" size="large" block loading={busy} onClick={submit}>
          登录
        </AppButton>
      </View>
    </PageRoot>
  );
}
