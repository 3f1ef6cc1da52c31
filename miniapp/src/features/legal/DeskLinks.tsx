import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AbilitySubject } from '@veterans/shared';
import { EntryRow } from '../../components/EntryRow';
import '../../components/entry-row.css';
import { legalDeskLinksFor } from './desk';

/** The desk's other pages for this caller (all but `current`), under a page's content. */
export function DeskLinks({ staff, current }: { staff: AbilitySubject; current: string }) {
  const links = legalDeskLinksFor(staff).filter((link) => link.url !== current);
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
