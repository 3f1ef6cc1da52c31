/** Texts of the 我的 page. Facts only: nothing here may promise what the app does not do yet. */

/**
 * The short version of the privacy policy shown before signing in; each point restates a section of the full
 * policy (packages/shared/src/privacy-policy.ts), which is one tap away.
 */
export const privacySummary = [
  '我们只收集办事所必需的信息：登录用的微信标识或手机号码，实名认证用的姓名和身份证号码，以及您提交的办事材料。',
  '身份证号码、手机号码、健康和收入等信息加密保存，页面上只显示部分遮盖的号码；只有负责您所属社区的经授权工作人员可以查看，每次查看都有记录。',
  '困难帮扶等需要健康、收入等敏感个人信息的事项，我们会在收集前单独征得您的同意。',
  '您可以随时在“我的”页面导出自己的数据、解除家属关联或注销账号。',
];

/** What 注销账号 does, said before the user confirms; the server's answer afterwards lists what it kept. */
export const accountDeletionNotice = {
  deleted: [
    '登录信息（微信标识、手机号码）',
    '实名信息（姓名、身份证号码、出生日期、性别）和退役军人认证状态',
    '所属社区和个人设置；与家属的关联全部解除',
  ],
  retained: [
    '审计日志：依法保存不少于 180 天，到期删除',
    '隐私政策同意记录：证明个人信息处理的依据，不含姓名、身份证号码',
    '已提交的办事申请和法律咨询记录：属于政务档案，按档案管理规定的期限保存',
  ],
};

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
