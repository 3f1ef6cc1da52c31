import type { OrgLevel } from '@veterans/shared';

export interface DemoUnit {
  code: string;
  name: string;
  level: OrgLevel;
  address?: string;
  phone?: string;
  /** GCJ-02, for the map link. */
  location?: { latitude: number; longitude: number };
  openingHours?: string;
  children?: DemoUnit[];
}

/** 办公时间 of the demo units that do not name their own. */
export const DEMO_OPENING_HOURS = '周一至周五 8:30—12:00、14:30—17:30（法定节假日除外）';

/** Demo organisation of one district; editable by admins, not an authoritative list. */
export const demoOrgTree: DemoUnit = {
  code: 'weidu',
  name: '魏都区退役军人服务中心',
  level: 'district',
  address: '许昌市魏都区（演示地址）',
  phone: '0374-0000000',
  // Central Weidu district, Xuchang (a demo point, like the address).
  location: { latitude: 34.0277, longitude: 113.8226 },
  children: [
    {
      code: 'xidajie',
      name: '西大街道退役军人服务站',
      level: 'street',
      children: [
        { code: 'xidajie-wenhua', name: '文化社区退役军人服务站', level: 'community' },
        { code: 'xidajie-xihu', name: '西湖社区退役军人服务站', level: 'community' },
      ],
    },
    {
      code: 'dongdajie',
      name: '东大街道退役军人服务站',
      level: 'street',
      children: [
        { code: 'dongdajie-dongcheng', name: '东城社区退役军人服务站', level: 'community' },
        { code: 'dongdajie-chunqiu', name: '春秋社区退役军人服务站', level: 'community' },
      ],
    },
    {
      code: 'nanguan',
      name: '南关街道退役军人服务站',
      level: 'street',
      children: [
        { code: 'nanguan-nanhu', name: '南湖社区退役军人服务站', level: 'community' },
        { code: 'nanguan-xinxing', name: '新兴社区退役军人服务站', level: 'community' },
      ],
    },
    {
      code: 'gaoqiaoying',
      name: '高桥营街道退役军人服务站',
      level: 'street',
      children: [
        { code: 'gaoqiaoying-dongfang', name: '东方社区退役军人服务站', level: 'community' },
        { code: 'gaoqiaoying-qinghe', name: '清河社区退役军人服务站', level: 'community' },
      ],
    },
  ],
};
