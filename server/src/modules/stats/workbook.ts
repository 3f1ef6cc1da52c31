import { orgLevelLabels, STATS_REPORT_TITLE, type Stats, statsSheetNames } from '@veterans/shared';
import type { Workbook, Worksheet } from 'exceljs';
import { newWorkbook } from '../../lib/excel';
import { beijingDateTime } from './service';

/**
 * The statistics as an xlsx workbook for the annual report: a cover sheet 封面 (title, period, unit, time of
 * generation in Beijing time, definitions), then one sheet per table with Chinese headers. Every figure is
 * the same number the JSON answer has; rates are stored as fractions with a percent format, so Excel shows
 * 96.5% and computes with 0.965.
 */

type CellValue = string | number | null;

const PERCENT = '0.0%';
const DAYS = '0.0#';

interface Column {
  header: string;
  width?: number;
  numFmt?: string;
}

function addTable(
  workbook: Workbook,
  name: string,
  columns: Column[],
  rows: CellValue[][],
  totals?: CellValue[],
): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width ?? Math.max(12, column.header.length * 2 + 4),
    style: column.numFmt ? { numFmt: column.numFmt } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  for (const row of rows) sheet.addRow(row);
  if (totals) sheet.addRow(totals).font = { bold: true };
  return sheet;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

export const COVER_NOTES = [
  '办件统计：统计期间内提交、由所选机构及其下级机构办理的办件（草稿不计）。',
  '办理时长：从提交日到办结日的工作日数（提交当日不计，法定节假日和调休按节假日日历计算）；中位数、第90百分位与 Excel 的 MEDIAN、PERCENTILE.INC 一致。',
  '按时办结率：在承诺办结日期（提交日加承诺时限）当日或之前办结的办件 ÷ 已办结办件。',
  '满意率：（非常满意＋满意）÷ 全部评价；差评回访关闭率：已关闭回访 ÷ 已开启回访。评价与回访为上述办件的评价。',
  '法律咨询：统计期间内的咨询时段的全部预约，由区服务中心统一提供，仅在区级统计中列出。',
  '新认证退役军人：统计期间内通过身份认证的退役军人，按其登记的社区统计。',
];

export async function statsWorkbook(stats: Stats, now: Date): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = '退役军人服务通';
  workbook.created = now;

  // 封面
  const cover = workbook.addWorksheet(statsSheetNames.cover);
  cover.columns = [{ width: 16 }, { width: 90 }];
  cover.mergeCells('A1:B1');
  const title = cover.getCell('A1');
  title.value = STATS_REPORT_TITLE;
  title.font = { bold: true, size: 18 };
  title.alignment = { horizontal: 'center' };
  cover.addRow([]);
  cover.addRow(['统计期间', `${stats.period.from} 至 ${stats.period.to}`]);
  cover.addRow(['统计范围', `${stats.unit.name}（${orgLevelLabels[stats.unit.level]}）及下级服务站`]);
  cover.addRow(['生成时间', `${beijingDateTime(now)}（北京时间）`]);
  cover.addRow([]);
  cover.addRow(['口径说明', COVER_NOTES[0]]);
  for (const note of COVER_NOTES.slice(1)) cover.addRow(['', note]);
  for (let row = 3; row <= cover.rowCount; row += 1) {
    cover.getCell(row, 1).font = { bold: true };
    cover.getCell(row, 2).alignment = { wrapText: true, vertical: 'top' };
  }

  const { requests, handling, ratings, legal, verifiedVeterans } = stats;

  addTable(
    workbook,
    statsSheetNames.byService,
    [{ header: '办事事项', width: 20 }, { header: '受理总数' }, { header: '已办结' }],
    requests.byService.map((row) => [row.serviceName, row.total, row.completed]),
    ['合计', requests.total, sum(requests.byService.map((row) => row.completed))],
  );

  addTable(
    workbook,
    statsSheetNames.byStatus,
    [{ header: '办件状态', width: 16 }, { header: '数量' }],
    requests.byStatus.map((row) => [row.label, row.count]),
    ['合计', requests.total],
  );

  const statusColumns = requests.byStatus.map((row) => row.status);
  addTable(
    workbook,
    statsSheetNames.byStreet,
    [{ header: '街道', width: 26 }, { header: '合计' }, ...requests.byStatus.map((row) => ({ header: row.label }))],
    requests.byStreet.map((row) => [row.name, row.total, ...statusColumns.map((status) => row.byStatus[status] ?? 0)]),
    ['合计', requests.total, ...requests.byStatus.map((row) => row.count)],
  );

  addTable(
    workbook,
    statsSheetNames.byChannel,
    [{ header: '受理渠道', width: 16 }, { header: '受理总数' }, { header: '已办结' }],
    requests.byChannel.map((row) => [row.label, row.total, row.completed]),
    ['合计', requests.total, sum(requests.byChannel.map((row) => row.completed))],
  );

  addTable(
    workbook,
    statsSheetNames.handling,
    [
      { header: '办事事项', width: 20 },
      { header: '承诺时限（工作日）', width: 18 },
      { header: '已办结' },
      { header: '办理时长中位数（工作日）', width: 24, numFmt: DAYS },
      { header: '第90百分位（工作日）', width: 22, numFmt: DAYS },
      { header: '按时办结' },
      { header: '按时办结率', numFmt: PERCENT },
    ],
    handling.byService.map((row) => [
      row.serviceName,
      row.promisedWorkingDays,
      row.completed,
      row.medianWorkingDays,
      row.p90WorkingDays,
      row.onTime,
      row.onTimeRate,
    ]),
    [
      '全部事项',
      null,
      handling.overall.completed,
      handling.overall.medianWorkingDays,
      handling.overall.p90WorkingDays,
      handling.overall.onTime,
      handling.overall.onTimeRate,
    ],
  );

  const ratingSheet = addTable(
    workbook,
    statsSheetNames.ratings,
    [{ header: '评价等级', width: 16 }, { header: '数量' }, { header: '占比', numFmt: PERCENT }],
    ratings.byLevel.map((row) => [row.label, row.count, ratings.total === 0 ? null : row.count / ratings.total]),
    ['合计', ratings.total, ratings.total === 0 ? null : 1],
  );
  ratingSheet.addRow([]);
  const summaryRows: [string, number | null, boolean][] = [
    ['满意率（非常满意＋满意）', ratings.satisfactionRate, true],
    ['差评回访：已开启', ratings.followUps.opened, false],
    ['差评回访：已关闭', ratings.followUps.closed, false],
    ['差评回访：未关闭', ratings.followUps.open, false],
    ['差评回访关闭率', ratings.followUps.closureRate, true],
  ];
  for (const [label, value, isRate] of summaryRows) {
    const row = ratingSheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (isRate) row.getCell(2).numFmt = PERCENT;
  }

  if (legal) {
    addTable(
      workbook,
      statsSheetNames.legal,
      [
        { header: '咨询类别', width: 14 },
        { header: '预约' },
        { header: '已咨询（签到）', width: 16 },
        { header: '取消' },
        { header: '未到场' },
        { header: '待进行' },
      ],
      legal.byTopic.map((row) => [row.label, row.booked, row.held, row.cancelled, row.noShows, row.pending]),
      ['合计', legal.booked, legal.held, legal.cancelled, legal.noShows, legal.pending],
    );
  } else {
    const sheet = workbook.addWorksheet(statsSheetNames.legal);
    sheet.columns = [{ width: 80 }];
    sheet.addRow(['法律咨询由区服务中心统一提供，请在区级统计中查看。']);
  }

  addTable(
    workbook,
    statsSheetNames.verified,
    [
      { header: '街道', width: 26 },
      { header: '社区', width: 26 },
      { header: '新认证人数', width: 14 },
    ],
    verifiedVeterans.byCommunity.map((row) => [row.streetName, row.name, row.count]),
    ['合计', null, verifiedVeterans.total],
  );

  addTable(
    workbook,
    '按月',
    [{ header: '月份' }, { header: '提交' }, { header: '其中已办结', width: 14 }],
    requests.byMonth.map((row) => [row.month, row.submitted, row.completed]),
    ['合计', sum(requests.byMonth.map((row) => row.submitted)), sum(requests.byMonth.map((row) => row.completed))],
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The download name: `魏都区退役军人服务统计_<unit>_<from>至<to>.xlsx`, with an ASCII fallback. */
export function exportFileNames(stats: Stats): { utf8: string; ascii: string } {
  const unit = stats.unit.name.replace(/[\\/:*?"<>|\s]/g, '');
  return {
    utf8: `${STATS_REPORT_TITLE}_${unit}_${stats.period.from}至${stats.period.to}.xlsx`,
    ascii: `stats_${stats.unit.code.replace(/[^A-Za-z0-9_-]/g, '')}_${stats.period.from}_${stats.period.to}.xlsx`,
  };
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 with an RFC 5987 UTF-8 name). */
export function attachmentDisposition(names: { utf8: string; ascii: string }): string {
  const encoded = encodeURIComponent(names.utf8).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const fallback = names.ascii.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
