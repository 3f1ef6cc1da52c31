import { View } from '@tarojs/components';
import { AppButton } from '../../../components/AppButton';
import { PageRoot } from '../../../components/PageRoot';
import { openPage } from '../../../navigation/navigate';
import { routes } from '../../../navigation/routes';
import './index.css';

/** Where an unknown address lands (app.ts: Taro.onPageNotFound), instead of a blank page: a way home. */
export default function NotFound() {
  return (
    <PageRoot className="not-found-page">
      <View className="not-found card">
        <View
          className="not-found__title"
          {...(process.env.TARO_ENV === 'h5' ? { role: 'heading', 'aria-level': 1 } : {})}
        >
          页面不存在
        </View>
        <View className="body-text not-found__text">您要找的页面不存在或已经下线，可以回到首页继续办事。</View>
        <AppButton type="primary" size="large" block onClick={() => openPage(routes.home)}>
          返回首页
        </AppButton>
        <AppButton size="large" block onClick={() => openPage(routes.services)}>
          去办事
        </AppButton>
      </View>
    </PageRoot>
  );
}
