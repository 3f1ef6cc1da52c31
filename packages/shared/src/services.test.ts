import { describe, expect, it } from 'vitest';
import { findService, serviceCatalog, serviceCodes, serviceGuideSchema, toServiceSummary } from './services';

describe('service catalog', () => {
  it('describes every service code exactly once, in a valid shape', () => {
    expect(serviceCatalog.map((service) => service.code)).toEqual([...serviceCodes]);
    for (const service of serviceCatalog) {
      expect(serviceGuideSchema.parse(service)).toEqual(service);
      expect(service.steps.length).toBeGreaterThan(0);
    }
  });

  it('marks hardship aid as sensitive personal information', () => {
    expect(findService('hardship-aid')?.involvesSensitiveData).toBe(true);
    expect(findService('policy-question')?.involvesSensitiveData).toBe(false);
  });

  it('finds nothing for an unknown code', () => {
    expect(findService('__proto__')).toBeUndefined();
  });

  it('summarises a guide without its long fields', () => {
    const [first] = serviceCatalog;
    if (!first) throw new Error('empty catalog');
    expect(Object.keys(toServiceSummary(first)).sort()).toEqual(['code', 'name', 'promisedWorkingDays', 'summary']);
  });
});
