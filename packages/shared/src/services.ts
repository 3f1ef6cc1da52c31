import { z } from 'zod';

export const serviceCodes = [
  'preferential-card',
  'insurance-transfer',
  'resettlement',
  'hardship-aid',
  'appeal',
  'policy-question',
] as const;
export const serviceCodeSchema = z.enum(serviceCodes);
export type ServiceCode = z.infer<typeof serviceCodeSchema>;

/** Levels of the three-level service system 三级服务体系. */
export const orgLevels = ['district', 'street', 'community'] as const;
export const orgLevelSchema = z.enum(orgLevels);
export type OrgLevel = z.infer<typeof orgLevelSchema>;
export const orgLevelLabels: Record<OrgLevel, string> = {
  district: '区退役军人服务中心',
  street: '街道退役军人服务站',
  community: '社区退役军人服务站',
};

export const serviceMaterialSchema = z.object({
  name: z.string(),
  required: z.boolean(),
  note: z.string().optional(),
});
export type ServiceMaterial = z.infer<typeof serviceMaterialSchema>;

export const serviceSummarySchema = z
  .object({
    code: serviceCodeSchema,
    name: z.string(),
    summary: z.string(),
    promisedWorkingDays: z.number().int().positive(),
  })
  .meta({ id: 'ServiceSummary' });
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;

export const serviceGuideSchema = serviceSummarySchema
  .extend({
    description: z.string(),
    eligibility: z.string(),
    materials: z.array(serviceMaterialSchema),
    steps: z.array(z.string()),
    handledBy: orgLevelSchema,
    handledByLabel: z.string(),
    involvesSensitiveData: z.boolean(),
  })
  .meta({ id: 'ServiceGuide' });
export type ServiceGuide = z.infer<typeof serviceGuideSchema>;

type ServiceDefinition = Omit<ServiceGuide, 'code' | 'handledByLabel'>;

const definitions: Record<ServiceCode, ServiceDefinition> = {
  'preferential-card': {
    name: '优待证申领',
    summary: '申领退役军人优待证，凭证享受交通、游览等优待服务',
    promisedWorkingDays: 20,
    description: '退役军人优待证是退役军人享受优待服务的身份凭证。审核通过后进入制证，制证完成后通知您到指定地点领取。',
    eligibility: '户籍在本区、已完成退役报到的退役军人。',
    materials: [
      { name: '居民身份证', required: true },
      { name: '退伍证（或退出现役证明）', required: true },
      { name: '近期免冠证件照（白底）', required: true, note: 'jpg 或 png，清晰正面照' },
    ],
    steps: ['在线填写申请并上传材料', '社区服务站初审', '区服务中心审核', '制证', '到领取点领取优待证'],
    handledBy: 'community',
    involvesSensitiveData: false,
  },
  'insurance-transfer': {
    name: '退役士兵保险接续',
    summary: '办理退役士兵养老、医疗保险关系转移接续',
    promisedWorkingDays: 15,
    description: '为退役士兵办理军人退役养老保险、医疗保险与地方社会保险的转移接续，保障缴费年限连续计算。',
    eligibility: '退役后回本区安置或自主就业的退役士兵。',
    materials: [
      { name: '居民身份证', required: true },
      { name: '退伍证', required: true },
      { name: '军人退役养老、医疗保险关系转移接续信息表', required: true },
      { name: '入伍前参保证明', required: false, note: '入伍前曾参保的提供' },
    ],
    steps: ['在线填写申请并上传材料', '服务站审核', '协同社保部门办理接续', '办结通知'],
    handledBy: 'district',
    involvesSensitiveData: false,
  },
  resettlement: {
    name: '移交安置报到',
    summary: '新退役人员到区退役军人事务局报到，办理移交安置',
    promisedWorkingDays: 30,
    description:
      '新退役人员在规定时间内报到，根据安置方式（安排工作、自主就业、退休、供养）办理相关手续并建立服务档案。',
    eligibility: '安置地在本区的新退役人员。',
    materials: [
      { name: '居民身份证', required: true },
      { name: '退役证件与行政介绍信', required: true },
      { name: '学历证明', required: false },
      { name: '户口迁移证明', required: false, note: '户口迁入本区的提供' },
    ],
    steps: ['在线填写报到信息并上传材料', '区服务中心审核档案', '确定安置方式并办理手续', '办结通知'],
    handledBy: 'district',
    involvesSensitiveData: false,
  },
  'hardship-aid': {
    name: '困难帮扶申请',
    summary: '身患重病、生活困难的退役军人及其家庭申请帮扶救助',
    promisedWorkingDays: 15,
    description:
      '对身患重病、生活困难的退役军人和优抚对象，由服务站走访核实后，联合街道社区、民政等部门帮助解决实际困难。家属可代为申请。',
    eligibility: '本区退役军人及其他优抚对象，或其家属代为申请。',
    materials: [
      { name: '居民身份证', required: true },
      { name: '诊断证明（因病申请时）', required: false },
      { name: '医疗费用票据（因病申请时）', required: false },
      { name: '家庭收入情况说明', required: true },
    ],
    steps: ['在线填写申请（需单独同意处理敏感个人信息）', '服务站入户走访核实', '研究确定帮扶措施', '办结通知'],
    handledBy: 'community',
    involvesSensitiveData: true,
  },
  appeal: {
    name: '诉求反映',
    summary: '反映矛盾纠纷、意见建议，工作人员受理并答复',
    promisedWorkingDays: 15,
    description: '退役军人可在线反映诉求和矛盾纠纷。工作人员受理后可预约面谈（约访），办结时记录处理结果。',
    eligibility: '本区退役军人及其家属。',
    materials: [{ name: '相关证明材料', required: false, note: '如有，请上传' }],
    steps: ['在线提交诉求', '服务站受理', '约访或调查核实', '答复并记录处理结果'],
    handledBy: 'community',
    involvesSensitiveData: false,
  },
  'policy-question': {
    name: '政策咨询',
    summary: '咨询退役军人相关政策，工作人员在线解答',
    promisedWorkingDays: 5,
    description: '对优待抚恤、安置就业、社会保险等政策有疑问，可在线提问，工作人员在承诺时限内答复。',
    eligibility: '所有用户。',
    materials: [],
    steps: ['在线提问', '工作人员解答'],
    handledBy: 'community',
    involvesSensitiveData: false,
  },
};

export const serviceCatalog: readonly ServiceGuide[] = serviceCodes.map((code) => ({
  code,
  ...definitions[code],
  handledByLabel: orgLevelLabels[definitions[code].handledBy],
}));

export function findService(code: string): ServiceGuide | undefined {
  return serviceCatalog.find((service) => service.code === code);
}

export function toServiceSummary({ code, name, summary, promisedWorkingDays }: ServiceGuide): ServiceSummary {
  return { code, name, summary, promisedWorkingDays };
}
