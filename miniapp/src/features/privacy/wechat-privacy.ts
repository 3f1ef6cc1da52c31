import Taro from '@tarojs/taro';

/**
 * WeChat's privacy authorisation (用户隐私保护指引), mini-program only. When the user reaches a privacy-relevant
 * API or component (e.g. the 绑定手机号 button) before agreeing, WeChat holds it and fires
 * onNeedPrivacyAuthorization; the app must show its notice and resolve with the id of the
 * `open-type="agreePrivacyAuthorization"` button the user tapped, or with `disagree`.
 */
type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;

let pending: Resolve | null = null;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

export const wechatPrivacy = {
  /** Whether WeChat is waiting for the user's answer. */
  isPending(): boolean {
    return pending !== null;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  /** The user tapped the agree button with this id (its open-type did WeChat's part). */
  agree(buttonId: string): void {
    pending?.({ event: 'agree', buttonId });
    pending = null;
    notify();
  },
  disagree(): void {
    pending?.({ event: 'disagree' });
    pending = null;
    notify();
  },
};

/** Called once at start-up on weapp. */
export function listenForPrivacyAuthorization(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    // A newer request replaces an unanswered one (WeChat fails the older interface call itself).
    pending = resolve;
    resolve({ event: 'exposureAuthorization' });
    notify();
  });
}
