import { type HomeFilingStatus, homeFilingStatusLabels } from '@veterans/shared';
import type { Badge, BadgeTone } from '../account/status';

const tones: Record<HomeFilingStatus, BadgeTone> = {
  requested: 'warning',
  scheduled: 'success',
  visited: 'neutral',
  cancelled: 'neutral',
};

export function homeFilingBadge(status: HomeFilingStatus): Badge {
  return { text: homeFilingStatusLabels[status], tone: tones[status] };
}
