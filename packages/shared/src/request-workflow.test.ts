import { describe, expect, it } from 'vitest';
import {
  availableActions,
  decideTransition,
  type RequestAction,
  type RequestActor,
  ratingOpensFollowUp,
  requestActions,
  requestStatuses,
} from './request-workflow';

const actors: RequestActor[] = ['applicant', 'staff'];
const allowed: Record<string, string> = {
  'draft submit applicant': 'submitted',
  'needs_supplement resubmit applicant': 'submitted',
  'submitted withdraw applicant': 'withdrawn',
  'accepted withdraw applicant': 'withdrawn',
  'processing withdraw applicant': 'withdrawn',
  'needs_supplement withdraw applicant': 'withdrawn',
  'submitted accept staff': 'accepted',
  'accepted start staff': 'processing',
  'submitted request_supplement staff': 'needs_supplement',
  'accepted request_supplement staff': 'needs_supplement',
  'processing request_supplement staff': 'needs_supplement',
  'submitted reject staff': 'rejected',
  'accepted reject staff': 'rejected',
  'processing reject staff': 'rejected',
  'needs_supplement reject staff': 'rejected',
  'processing complete staff': 'completed',
};

describe('decideTransition', () => {
  it('allows exactly the listed transitions, for every status, action and actor', () => {
    for (const status of requestStatuses) {
      for (const action of Object.keys(requestActions) as RequestAction[]) {
        for (const actor of actors) {
          const decision = decideTransition({
            status,
            action,
            actor,
            serviceCode: 'policy-question',
            reason: '材料不全',
          });
          const expected = allowed[`${status} ${action} ${actor}`];
          if (expected) expect(decision, `${status} ${action} ${actor}`).toEqual({ ok: true, to: expected });
          else expect(decision.ok, `${status} ${action} ${actor}`).toBe(false);
        }
      }
    }
  });

  it('refuses the other side with FORBIDDEN and a wrong status with INVALID_TRANSITION', () => {
    expect(
      decideTransition({ status: 'submitted', action: 'accept', actor: 'applicant', serviceCode: 'appeal' }),
    ).toEqual({ ok: false, refusal: 'FORBIDDEN' });
    expect(
      decideTransition({ status: 'completed', action: 'withdraw', actor: 'applicant', serviceCode: 'appeal' }),
    ).toEqual({ ok: false, refusal: 'INVALID_TRANSITION' });
  });

  it('requires a reason to reject or ask for a supplement', () => {
    for (const action of ['reject', 'request_supplement'] as const) {
      expect(
        decideTransition({ status: 'submitted', action, actor: 'staff', serviceCode: 'appeal', reason: '  ' }),
      ).toEqual({
        ok: false,
        refusal: 'REASON_REQUIRED',
      });
    }
  });

  it('completes an appeal only with a resolution note', () => {
    const base = { status: 'processing', action: 'complete', actor: 'staff' } as const;
    expect(decideTransition({ ...base, serviceCode: 'appeal' })).toEqual({ ok: false, refusal: 'RESOLUTION_REQUIRED' });
    expect(decideTransition({ ...base, serviceCode: 'appeal', resolutionNote: '已约访并解决' })).toEqual({
      ok: true,
      to: 'completed',
    });
    expect(decideTransition({ ...base, serviceCode: 'policy-question' })).toEqual({ ok: true, to: 'completed' });
  });
});

describe('availableActions', () => {
  it('lists what each side may do now', () => {
    expect(availableActions('submitted', 'staff').sort()).toEqual(['accept', 'reject', 'request_supplement']);
    expect(availableActions('needs_supplement', 'applicant').sort()).toEqual(['resubmit', 'withdraw']);
    expect(availableActions('completed', 'applicant')).toEqual([]);
  });
});

describe('ratingOpensFollowUp', () => {
  it('opens a follow-up for the two lowest levels only', () => {
    expect([5, 4, 3, 2, 1].map(ratingOpensFollowUp)).toEqual([false, false, false, true, true]);
  });
});
