import { describe, expect, it } from 'vitest';
import { luhnValid, normaliseOrganisationNumber } from './organisation-number.js';

describe('Swedish organisation numbers', () => {
  it('accepts real public-sector numbers, with or without the hyphen or the 16 prefix', () => {
    expect(normaliseOrganisationNumber('212000-0720')).toBe('212000-0720');
    expect(normaliseOrganisationNumber('2120000720')).toBe('212000-0720');
    expect(normaliseOrganisationNumber('16202100-5448')).toBe('202100-5448');
  });

  it('refuses a wrong check digit, a personal identity number, and anything not ten digits', () => {
    expect(normaliseOrganisationNumber('212000-0721')).toBeNull();
    // A personal identity number has a month (01–12) in digits 3–4: third digit 0 or 1.
    expect(normaliseOrganisationNumber('811218-9876')).toBeNull();
    expect(normaliseOrganisationNumber('212000-072')).toBeNull();
    expect(normaliseOrganisationNumber('21200O-0720')).toBeNull();
    expect(normaliseOrganisationNumber('')).toBeNull();
  });

  it('computes Luhn as Skatteverket does', () => {
    expect(luhnValid('5565550001')).toBe(false);
    expect(luhnValid('5560360793')).toBe(true);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});
