import { View } from '@tarojs/components';
import type { CardProgress } from '@veterans/shared';
import './card-chain.css';

const STATE_TEXT = { done: '已完成', current: '当前环节', upcoming: '未开始' } as const;

/**
 * 优待证 as it is issued: every stage of the chain with who holds the file, the current one marked, and once the
 * card is at a station, where and when to collect it. The applicant and staff see the same.
 */
export function CardChain({ progress }: { progress: CardProgress }) {
  const h5 = process.env.TARO_ENV === 'h5';
  const { pickup } = progress;
  return (
    <View className="card-chain">
      <View className="card-chain__steps" {...(h5 ? { role: 'list', 'aria-label': '优待证办理环节' } : {})}>
        {progress.steps.map((step, index) => (
          <View
            key={step.stage}
            className={`card-chain__step card-chain__step--${step.state}`}
            {...(h5
              ? {
                  role: 'listitem',
                  'aria-current': step.state === 'current' ? 'step' : undefined,
                  'aria-label': `第 ${index + 1} 步 ${step.label}，${step.holder}，${STATE_TEXT[step.state]}`,
                }
              : {})}
          >
            <View className="card-chain__marker">{step.state === 'done' ? '✓' : String(index + 1)}</View>
            <View className="card-chain__body">
              <View className="card-chain__label">{step.label}</View>
              <View className="card-chain__holder">{`${step.holder} · ${STATE_TEXT[step.state]}`}</View>
            </View>
          </View>
        ))}
      </View>
      {pickup && (
        <View className="card-chain__pickup">
          <View className="card-chain__pickup-title">{`领取地点：${pickup.name}`}</View>
          {pickup.address && <View>{`地址：${pickup.address}`}</View>}
          {pickup.openingHours && <View>{`办公时间：${pickup.openingHours}`}</View>}
          {pickup.phone && <View>{`电话：${pickup.phone}`}</View>}
          <View>请携带本人身份证领取。</View>
        </View>
      )}
    </View>
  );
}
