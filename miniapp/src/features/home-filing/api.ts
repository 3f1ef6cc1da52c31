import { type HomeFilingBody, myHomeFilingSchema, type StaffHomeFiling, staffHomeFilingSchema } from '@veterans/shared';
import { z } from 'zod';
import { request } from '../../api/client';

/** 入户办理 calls (server/src/modules/home-filing). Quiet where the page shows the error next to the form. */

export async function fetchMyHomeFilings() {
  const { items } = await request('GET', '/me/home-filing', {
    schema: z.object({ items: z.array(myHomeFilingSchema) }),
  });
  return items;
}

export function askForHomeFiling(body: HomeFilingBody) {
  return request('POST', '/me/home-filing', { schema: z.object({ id: z.number() }), body, quiet: true });
}

export async function fetchStaffHomeFilings(open: boolean): Promise<StaffHomeFiling[]> {
  const { items } = await request('GET', `/staff/home-filing?open=${open}`, {
    schema: z.object({ items: z.array(staffHomeFilingSchema) }),
  });
  return items;
}

export function scheduleHomeFiling(id: number, body: { visitDate: string; note?: string }) {
  return request('POST', `/staff/home-filing/${id}/schedule`, { schema: staffHomeFilingSchema, body, quiet: true });
}

export function recordHomeFilingVisit(id: number, body: { findings: string; requestId?: number }) {
  return request('POST', `/staff/home-filing/${id}/visit`, { schema: staffHomeFilingSchema, body, quiet: true });
}
