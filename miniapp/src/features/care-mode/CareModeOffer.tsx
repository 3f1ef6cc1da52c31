import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useSession } from '../../hooks/use-session';
import { pathOf, signInPages } from '../../navigation/routes';
import { answerCareModeOffer, checkCareMode, useCareModeOffer } from './offer';

/**
 * Rendered by PageRoot on every page: for a signed-in veteran or family member, starts the once-per-launch
 * check (see offer.ts) and shows its one-time question 是否开启关怀模式？ — never over a sign-in page.
 */
export function CareModeOffer() {
  const current = useSession();
  const router = useRouter();
  const offer = useCareModeOffer();
  const userId = current?.user.type === 'citizen' ? current.user.id : null;
  const onSignInPage = signInPages.includes(pathOf(router?.path ?? ''));

  useEffect(() => {
    if (userId !== null && !onSignInPage) void checkCareMode(userId);
  }, [userId, onSignInPage]);

  if (userId === null || onSignInPage || offer?.userId !== userId || offer.status !== 'offering') return null;
  return (
    <ConfirmDialog
      id="care-mode-offer"
      visible
      title="是否开启关怀模式？"
      confirmText="开启关怀模式"
      cancelText="暂不开启"
      onConfirm={() => void answerCareModeOffer(true)}
      onCancel={() => void answerCareModeOffer(false)}
    >
      <View className="care-offer__text">
        开启后文字更大、按钮更大，首页只保留最常用的四项功能。以后可以随时在“我的”页面开启或关闭。
      </View>
    </ConfirmDialog>
  );
}
