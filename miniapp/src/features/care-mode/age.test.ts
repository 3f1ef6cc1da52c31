import { describe, expect, it } from 'vitest';
import { ageOn, beijingDate, shouldOfferCareMode } from './age';

describe('ageOn', () => {
  it('counts whole years, the birthday counting from its own day', () => {
    expect(ageOn('1966-05-20', '2026-05-19')).toBe(59);
    expect(ageOn('1966-05-20', '2026-05-20')).toBe(60);
    expect(ageOn('1966-05-20', '2026-12-31')).toBe(60);
    expect(ageOn('1966-12-31', '2027-01-01')).toBe(60);
  });

  it('lets someone born on 29 February turn a year older on 1 March in common years', () => {
    expect(ageOn('1964-02-29', '2024-02-28')).toBe(59);
    expect(ageOn('1964-02-29', '2024-02-29')).toBe(60);
    expect(ageOn('1964-02-29', '2025-02-28')).toBe(60);
    expect(ageOn('1964-02-29', '2025-03-01')).toBe(61);
  });

  it('answers null for what is not a date, or a birth date after today', () => {
    expect(ageOn('1966-13-01', '2026-01-01')).toBeNull();
    expect(ageOn('19660101', '2026-01-01')).toBeNull();
    expect(ageOn('2030-01-01', '2026-01-01')).toBeNull();
  });
});

describe('beijingDate', () => {
  it('is the calendar date in Beijing, whatever the device time zone', () => {
    expect(beijingDate(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(beijingDate(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
  });
});

describe('shouldOfferCareMode', () => {
  const today = '2026-05-20';
  const base = { careModeOn: false, alreadyOffered: false, today };

  it('offers care mode to someone aged 60 or over on the day', () => {
    expect(shouldOfferCareMode({ ...base, birthDate: '1966-05-20' })).toBe(true);
    expect(shouldOfferCareMode({ ...base, birthDate: '1940-01-01' })).toBe(true);
  });

  it('does not offer it to someone under 60, not even the day before their birthday', () => {
    expect(shouldOfferCareMode({ ...base, birthDate: '1966-05-21' })).toBe(false);
    expect(shouldOfferCareMode({ ...base, birthDate: '1990-01-01' })).toBe(false);
  });

  it('offers it once: never again once offered, nor when it is already on, nor without a birth date', () => {
    expect(shouldOfferCareMode({ ...base, birthDate: '1950-01-01', alreadyOffered: true })).toBe(false);
    expect(shouldOfferCareMode({ ...base, birthDate: '1950-01-01', careModeOn: true })).toBe(false);
    expect(shouldOfferCareMode({ ...base, birthDate: null })).toBe(false);
  });
});
