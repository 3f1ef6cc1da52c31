import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { PageRoot } from '../../components/PageRoot';
import { contactEntries, privacySummary } from '../../features/about/content';
import './index.css';

export default function MinePage() {
  return (
    <PageRoot className="mine-page">
      <CellGroup className="about-group" title="关于">
        <Cell className="app-version" title="当前版本" extra={process.env.TARO_APP_VERSION} />
      </CellGroup>
      <CellGroup className="about-group privacy-summary" title="隐私政策摘要">
        <Cell
          description={privacySummary.map((paragraph) => (
            <View key={paragraph} className="about-paragraph">
              {paragraph}
            </View>
          ))}
        />
      </CellGroup>
      <CellGroup className="about-group contact-us" title="联系我们">
        {contactEntries.map((entry) => (
          <Cell key={entry.title} title={entry.title} description={entry.text} />
        ))}
      </CellGroup>
    </PageRoot>
  );
}
