import { View } from '@tarojs/components';
import { type ArticleChannel, articleChannelLabels, articleChannels } from '@veterans/shared';
import './articles.css';

export type ChannelChoice = ArticleChannel | 'all';

const choices: { value: ChannelChoice; label: string }[] = [
  { value: 'all', label: '全部' },
  ...articleChannels.map((channel) => ({ value: channel, label: articleChannelLabels[channel] })),
];

/** 全部 / 政策法规 / 普法宣传 / 通知公告 / 办事指南, as tabs (one touch target high each). */
export function ChannelTabs({ value, onChange }: { value: ChannelChoice; onChange: (value: ChannelChoice) => void }) {
  const h5 = process.env.TARO_ENV === 'h5';
  return (
    <View className="channel-tabs" {...(h5 ? { role: 'tablist', 'aria-label': '栏目' } : {})}>
      {choices.map((choice) => {
        const selected = choice.value === value;
        return (
          <View
            key={choice.value}
            className={`channel-tab ${selected ? 'channel-tab--selected' : ''}`}
            onClick={() => onChange(choice.value)}
            {...(h5
              ? { role: 'tab', 'aria-selected': selected ? 'true' : 'false', tabIndex: selected ? 0 : -1 }
              : { ariaRole: 'tab', ariaLabel: `${choice.label}${selected ? '，已选中' : ''}` })}
          >
            {choice.label}
          </View>
        );
      })}
    </View>
  );
}
