import { View } from '@tarojs/components';
import { type BarRow, scaleBars } from './chart';
import type { KeyFigure } from './figures';
import './stats.css';

const h5 = process.env.TARO_ENV === 'h5';

/** The key figures as big numbers, each with what it counts. */
export function KeyFigures({ figures }: { figures: KeyFigure[] }) {
  return (
    <View className="stats-figures">
      {figures.map((figure) => (
        <View
          key={figure.key}
          className={`stats-figure stats-figure--${figure.key}`}
          {...(h5 ? { role: 'group', 'aria-label': `${figure.label} ${figure.value}，${figure.note}` } : {})}
        >
          <View className="stats-figure__label">{figure.label}</View>
          <View className="stats-figure__value">{figure.value}</View>
          <View className="stats-figure__note">{figure.note}</View>
        </View>
      ))}
    </View>
  );
}

interface ChartProps {
  title: string;
  rows: BarRow[];
  /** Names of the value and of the part drawn inside it, for the legend and screen readers. */
  valueName: string;
  partName?: string;
  emptyText?: string;
}

/** Horizontal bars, one per row, longest = largest; the numbers are written beside every bar. */
export function BarChart({ title, rows, valueName, partName, emptyText = '暂无数据' }: ChartProps) {
  const bars = scaleBars(rows);
  return (
    <View className="stats-chart">
      <View className="stats-chart__title">{title}</View>
      <Legend valueName={valueName} partName={partName} />
      {bars.length === 0 && <View className="stats-chart__empty">{emptyText}</View>}
      {bars.map((bar) => {
        const text = partName && bar.part !== undefined ? `${bar.value}（${partName} ${bar.part}）` : String(bar.value);
        return (
          <View
            key={bar.key}
            className="stats-bar"
            {...(h5 ? { role: 'group', 'aria-label': `${bar.label}：${valueName} ${text}` } : {})}
          >
            <View className="stats-bar__label">{bar.label}</View>
            <View className="stats-bar__line">
              <View className="stats-bar__track" aria-hidden="true">
                <View className="stats-bar__fill" style={{ width: `${bar.percent}%` }}>
                  {bar.partPercent > 0 && (
                    <View
                      className="stats-bar__part"
                      style={{ width: `${bar.percent > 0 ? (bar.partPercent / bar.percent) * 100 : 0}%` }}
                    />
                  )}
                </View>
              </View>
              <View className="stats-bar__value">{text}</View>
            </View>
          </View>
        );
      })}
    </View>
  );
}

/** Vertical columns per month (scrolls sideways when there are many), with the number above each column. */
export function TrendChart({ title, rows, valueName, partName, emptyText = '暂无数据' }: ChartProps) {
  const columns = scaleBars(rows);
  return (
    <View className="stats-chart">
      <View className="stats-chart__title">{title}</View>
      <Legend valueName={valueName} partName={partName} />
      {columns.length === 0 && <View className="stats-chart__empty">{emptyText}</View>}
      {columns.length > 0 && (
        <View className="stats-trend">
          {columns.map((column) => (
            <View
              key={column.key}
              className="stats-trend__column"
              {...(h5
                ? {
                    role: 'group',
                    'aria-label': `${column.label}：${valueName} ${column.value}${partName ? `，${partName} ${column.part ?? 0}` : ''}`,
                  }
                : {})}
            >
              <View className="stats-trend__value">{column.value}</View>
              <View className="stats-trend__area" aria-hidden="true">
                <View className="stats-trend__bar" style={{ height: `${column.percent}%` }}>
                  {column.partPercent > 0 && (
                    <View
                      className="stats-trend__part"
                      style={{ height: `${column.percent > 0 ? (column.partPercent / column.percent) * 100 : 0}%` }}
                    />
                  )}
                </View>
              </View>
              <View className="stats-trend__label">{column.label}</View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

function Legend({ valueName, partName }: { valueName: string; partName?: string }) {
  return (
    <View className="stats-legend" aria-hidden="true">
      <View className="stats-legend__item">
        <View className="stats-legend__swatch stats-legend__swatch--value" />
        {valueName}
      </View>
      {partName && (
        <View className="stats-legend__item">
          <View className="stats-legend__swatch stats-legend__swatch--part" />
          {partName}
        </View>
      )}
    </View>
  );
}
