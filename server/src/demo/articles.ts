import type { ArticleChannel, ServiceCode } from '@veterans/shared';

export interface DemoArticle {
  channel: ArticleChannel;
  title: string;
  summary: string;
  body: string;
  pinned?: boolean;
  serviceCode?: ServiceCode;
}

/** A few demo articles per channel; the bureau replaces them with its own. */
export const demoArticles: DemoArticle[] = [
  {
    channel: 'notice',
    title: '每周二上午免费法律咨询服务的通知',
    summary: '市法律援助中心律师每周二上午在区退役军人服务中心为退役军人提供免费法律咨询。',
    body: '<p>为帮助退役军人依法解决问题、维护合法权益，市法律援助中心工作人员每周二上午在魏都区退役军人服务中心免费提供法律咨询。</p><p>可在本程序“预约法律咨询”中预约时段，免去现场排队。</p>',
    pinned: true,
  },
  {
    channel: 'notice',
    title: '退役军人服务通上线试运行',
    summary: '在线办事、预约法律咨询、困难帮扶申请，进度随时可查。',
    body: '<p>退役军人服务通（演示版）上线试运行。您可以在线申请办事事项、预约法律咨询，并随时查看办理进度。</p>',
  },
  {
    channel: 'policy',
    title: '《中华人民共和国退役军人保障法》要点解读',
    summary: '退役军人保障法对移交接收、退役安置、教育培训、就业创业、抚恤优待等作出规定。',
    body: '<p>《中华人民共和国退役军人保障法》自2021年1月1日起施行，对退役军人的移交接收、退役安置、教育培训、就业创业、抚恤优待、褒扬激励、服务管理等作出了全面规定。</p>',
  },
  {
    channel: 'policy',
    title: '退役士兵社会保险接续政策问答',
    summary: '退役后养老保险、医疗保险如何接续，缴费年限如何计算。',
    body: '<p>退役士兵的军人退役养老保险、军人退役医疗保险随本人转入安置地社会保险经办机构，军龄视同缴费年限或与实际缴费年限合并计算。</p>',
  },
  {
    channel: 'legal-education',
    title: '民法典中与退役军人家庭相关的规定',
    summary: '婚姻家庭、继承、合同等常见问题的法律要点。',
    body: '<p>本文简要介绍《中华人民共和国民法典》中婚姻家庭编、继承编与合同编的常见问题，帮助退役军人及其家庭增强用法意识。</p>',
  },
  {
    channel: 'legal-education',
    title: '遇到劳动纠纷怎么办',
    summary: '协商、调解、仲裁与诉讼：劳动争议的解决途径。',
    body: '<p>发生劳动争议，可以与用人单位协商，也可以申请调解；调解不成的，可以向劳动争议仲裁委员会申请仲裁。需要帮助时，可预约免费法律咨询。</p>',
  },
  {
    channel: 'guide',
    title: '退役军人优待证申领指南',
    summary: '优待证申领条件、所需材料与办理流程。',
    body: '<p>退役军人优待证申领：准备居民身份证、退伍证和近期免冠证件照，在本程序“我要办事—优待证申领”中在线提交。</p>',
    serviceCode: 'preferential-card',
  },
  {
    channel: 'guide',
    title: '困难帮扶申请指南',
    summary: '身患重病、生活困难的退役军人及家属如何申请帮扶。',
    body: '<p>身患重病或生活困难的退役军人、优抚对象及其家属，可在线提交困难帮扶申请，服务站工作人员将入户走访核实。</p>',
    serviceCode: 'hardship-aid',
  },
];
