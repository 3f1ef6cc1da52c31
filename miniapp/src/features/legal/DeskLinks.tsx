import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Role } from '@veterans/shared';
import { EntryRow } from '../../components/EntryRow';
import '../../components/entry-row.css';
import { legalDeskLinksFor } from './desk';

/** The desk's other pages for this role (all but `current`), under a page's content. */
export function DeskLinks({ role, current }: { role: Role; current: string }) {
  const links = legalDeskLinksFor(role).filter((link) => link.url !== current);
  if (links.length === 0) return null;
  return (
    <>
      <View className="legal-section-title">法律咨询</View>
      <View className="entry-list legal-desk-links">
        {links.map((link) => (
          <EntryRow key={link.key} title={link.title} onClick={() => void Taro.navigateTo({ url: link.url })} />
        ))}
      </View>
    </>
  );
}
