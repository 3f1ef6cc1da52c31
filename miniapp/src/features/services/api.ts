import { type ServiceGuide, serviceGuideSchema } from '@veterans/shared';
import { z } from 'zod';
import { request } from '../../api/client';

const catalogSchema = z.object({ items: z.array(serviceGuideSchema) });

export async function fetchServiceCatalog(): Promise<ServiceGuide[]> {
  const { items } = await request('GET', '/services', { schema: catalogSchema });
  return items;
}

export function fetchServiceGuide(code: string): Promise<ServiceGuide> {
  return request('GET', `/services/${encodeURIComponent(code)}`, { schema: serviceGuideSchema });
}
