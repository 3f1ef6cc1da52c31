import { type OrgLevel, orgLevelLabels, orgLevels, type ServiceSummary } from '@veterans/shared';

export interface ServiceGroup<T extends ServiceSummary> {
  level: OrgLevel;
  label: string;
  services: T[];
}

/** Groups services by the unit that accepts them (district centre first), dropping empty groups. */
export function groupByHandler<T extends ServiceSummary & { handledBy: OrgLevel }>(
  services: readonly T[],
): ServiceGroup<T>[] {
  return orgLevels
    .map((level) => ({ level, label: orgLevelLabels[level], services: services.filter((s) => s.handledBy === level) }))
    .filter((group) => group.services.length > 0);
}

export function promisedTimeText(days: number): string {
  return `承诺时限 ${days} 个工作日`;
}
