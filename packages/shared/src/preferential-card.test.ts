import { describe, expect, it } from 'vitest';
import { decideCardEligibility } from './preferential-card';

const station = {
  name: '文化社区退役军人服务站',
  address: '许昌市魏都区文化路 12 号',
  phone: '0374-1234567',
  openingHours: null,
};
const veteran = { kind: 'veteran' as const, hasIdentity: true, registered: true, station };

describe('decideCardEligibility', () => {
  it('lets a registered veteran apply online', () => {
    expect(decideCardEligibility(veteran)).toMatchObject({ verdict: 'can_apply', title: '可以在线申请' });
  });

  it('sends an unregistered veteran to their station to register first, naming it', () => {
    const answer = decideCardEligibility({ ...veteran, registered: false });
    expect(answer.verdict).toBe('register_first');
    expect(answer.message).toContain('到文化社区退役军人服务站办理信息采集（建档立卡）');
    expect(answer.station).toEqual(station);
    expect(decideCardEligibility({ ...veteran, registered: false, station: null }).message).toContain(
      '到所在社区（村）的退役军人服务站',
    );
  });

  it('asks for the real-name identity first, and tells a family account who applies', () => {
    expect(decideCardEligibility({ ...veteran, hasIdentity: false, registered: false }).verdict).toBe(
      'identity_needed',
    );
    expect(decideCardEligibility({ ...veteran, kind: 'family' }).verdict).toBe('not_veteran');
  });
});
