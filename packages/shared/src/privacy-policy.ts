import { z } from 'zod';
import { PRIVACY_POLICY_VERSION } from './consent';

/**
 * The privacy policy 隐私政策 of 退役军人服务通, shipped with the app so it can be shown offline and served by
 * `GET /privacy-policy`. Changing the text means bumping `PRIVACY_POLICY_VERSION`: everyone is asked again.
 */
export const privacyPolicySectionSchema = z.object({ heading: z.string(), body: z.string() });
export const privacyPolicySchema = z
  .object({
    version: z.string(),
    title: z.string(),
    sections: z.array(privacyPolicySectionSchema),
  })
  .meta({ id: 'PrivacyPolicy' });
export type PrivacyPolicy = z.infer<typeof privacyPolicySchema>;

/**
 * Version of the separate notice on sensitive personal information (health, income), asked at the moment it is
 * needed (困难帮扶申请). It moves with the policy text; `POST /me/consents` accepts only the current one.
 */
export const SENSITIVE_INFO_NOTICE_VERSION = PRIVACY_POLICY_VERSION;

export const privacyPolicy: PrivacyPolicy = {
  version: PRIVACY_POLICY_VERSION,
  title: '退役军人服务通隐私政策',
  sections: [
    {
      heading: '一、我们是谁',
      body:
        '“退役军人服务通”（包括微信小程序和网页版）由魏都区退役军人事务局主办，魏都区退役军人服务中心负责日常运行，' +
        '为辖区退役军人及其家属提供在线办事、法律咨询预约、政策查询等服务。本政策说明我们收集哪些个人信息、为什么收集、' +
        '如何保护，以及您享有的权利。请您仔细阅读，同意后再使用需要登录的功能。',
    },
    {
      heading: '二、我们收集哪些信息，为什么收集',
      body:
        '1. 登录信息：微信登录时的微信标识（openid），或网页版登录时的手机号码，用于识别您的账号。\n' +
        '2. 实名信息：姓名、身份证号码，以及由身份证号码得出的出生日期和性别，用于核实您的退役军人身份或家属身份，' +
        '与退役军人事务部门的退役军人名册比对，防止他人冒用您的身份办事。\n' +
        '3. 身份与服务信息：退役日期、所属社区、家属关联关系，用于把您的事项交给对应的服务站办理。\n' +
        '4. 办事信息：您提交的申请表、上传的材料、留言和评价，用于办理您申请的事项。\n' +
        '5. 敏感个人信息：申请困难帮扶时需要的健康状况、诊断和医疗费用、家庭收入等。这些信息只在您申请相关事项时收集，' +
        '收集前会单独征得您的同意；不申请就不会收集。\n' +
        '6. 操作记录：登录时间、IP 地址和重要操作记录，用于保障账号和系统安全。\n' +
        '我们不会收集与上述服务无关的信息，也不会把您的信息用于商业营销。',
    },
    {
      heading: '三、我们如何保护您的信息',
      body:
        '1. 身份证号码、姓名、手机号码以及健康、收入等敏感信息在数据库中加密保存（AES-256-GCM），密钥与数据分开管理。\n' +
        '2. 在各类列表和页面中，姓名、身份证号码、手机号码都以部分遮盖的形式显示（例如 4110**********1234）。\n' +
        '3. 数据通过加密连接传输，服务器位于中华人民共和国境内。\n' +
        '4. 工作人员使用独立账号登录，密码加密保存，多次输错会被锁定；每一次查看完整身份信息都会被记录在审计日志中。',
    },
    {
      heading: '四、谁能看到您的信息',
      body:
        '1. 只有负责您所属社区的服务站、上级街道服务站和区退役军人服务中心中经授权的工作人员，才能在办理事项时查看您的信息；' +
        '其他服务站的工作人员看不到。\n' +
        '2. 法律咨询的值班律师只能看到预约所需的信息，不能查看您的完整身份信息。\n' +
        '3. 经您确认关联的家属可以代您办理事项，并看到代办事项的信息。\n' +
        '4. 除法律法规规定或有权机关依法要求外，我们不会向其他单位或个人提供您的个人信息。',
    },
    {
      heading: '五、保存期限',
      body:
        '1. 账号和实名信息保存至您注销账号为止。\n' +
        '2. 您提交的办事申请及材料属于政务办理记录，按照国家档案管理规定的期限保存。\n' +
        '3. 审计日志（谁在何时做了什么操作）依法保存不少于 180 天。\n' +
        '4. 您同意或撤回同意本政策的记录会一并保存，用于证明我们处理个人信息的依据。\n' +
        '超过保存期限的信息，我们会删除或匿名化处理。',
    },
    {
      heading: '六、您的权利',
      body:
        '1. 查阅和导出：您可以在“我的”页面查看自己的信息，并导出本程序保存的您的全部个人信息。\n' +
        '2. 更正：实名信息认证前可自行修改；认证后如需修改，请联系所属服务站核实后处理。\n' +
        '3. 撤回同意：您可以随时撤回对本政策或敏感个人信息处理的同意，撤回后相关功能将无法使用，但不影响撤回前已进行的处理。\n' +
        '4. 注销和删除：您可以在“我的”页面注销账号。注销后我们会删除或匿名化您的登录信息、实名信息和联系方式，' +
        '结束家属关联；依法需要保存的审计日志和办事档案会按规定期限保存，到期后删除。\n' +
        '5. 解除家属关联：您或您的家属都可以随时解除关联。',
    },
    {
      heading: '七、未成年人',
      body: '本程序面向成年人。未满十四周岁的未成年人请在监护人陪同下使用，由监护人代为办理相关事项。',
    },
    {
      heading: '八、政策更新',
      body:
        '本政策内容发生变化时，我们会更新版本号，并在您下次使用时请您重新阅读和确认。' +
        '未经您的同意，我们不会降低您依据本政策享有的权利。',
    },
    {
      heading: '九、联系我们',
      body:
        '如对本政策或您的个人信息有任何疑问、意见或投诉，请联系魏都区退役军人服务中心，' +
        '可以到中心或所属社区、街道退役军人服务站当面咨询，也可以拨打服务中心的电话（见“服务站”页面）。' +
        '我们会在 15 个工作日内答复。',
    },
  ],
};

/** The separate notice shown before sensitive personal information (health, income) is collected. */
export const sensitiveInfoNotice = {
  version: SENSITIVE_INFO_NOTICE_VERSION,
  title: '敏感个人信息处理告知',
  body:
    '申请困难帮扶需要填写和上传您或您所代办的退役军人的健康状况、诊断证明、医疗费用票据和家庭收入等信息。' +
    '这些属于敏感个人信息，仅用于审核和办理本次帮扶申请，加密保存，只有负责的服务站工作人员可以查看，' +
    '并按政务档案管理规定的期限保存。您可以不同意，但将无法在线提交困难帮扶申请，可到服务站现场办理。',
};
