import { type ServiceGuide, serviceGuideSchema } from '@veterans/shared';
import { request } from '../../api/client';

export function fetchServiceGuide(code: string): Promise<ServiceGuide> {
  return request('GET', `/services/${encodeURIComponent(code)}`, { schema: serviceGuideSchema });
}
