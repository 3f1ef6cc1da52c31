import { z } from 'zod';
import { orgLevelSchema } from './services';

export const orgUnitSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    level: orgLevelSchema,
    parentId: z.number().int().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    latitude: z.number().nullable().describe('GCJ-02 纬度，用于地图导航'),
    longitude: z.number().nullable().describe('GCJ-02 经度'),
    /** 办公时间, e.g. 周一至周五 8:30—12:00、14:30—17:30: when the station can be visited (pickups, 建档立卡). */
    openingHours: z.string().nullable(),
  })
  .meta({ id: 'OrgUnit' });
export type OrgUnit = z.infer<typeof orgUnitSchema>;
