/** Texts of the 我的 page. Facts only: nothing here may promise what the app does not do yet. */

export const privacySummary = [
  '当前版本只提供办事指南查询，不收集您的个人信息。',
  '今后在线办事时，我们只收集办理事项所必需的信息。身份证号、健康和收入等敏感个人信息加密存储，仅经授权的工作人员可查看，每次查看均有记录。',
  '处理敏感个人信息前，我们会单独征得您的同意。您可以导出或删除自己的数据。',
];

export const contactEntries = [
  {
    title: '魏都区退役军人服务中心',
    text: '河南省许昌市魏都区。可到服务中心或就近的街道、社区退役军人服务站当面咨询。',
  },
  {
    title: '免费法律咨询',
    text: '每周二上午，许昌市法律援助中心工作人员在魏都区退役军人服务中心免费为退役军人提供法律咨询。',
  },
];
