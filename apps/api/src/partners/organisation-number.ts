/**
 * A Swedish organisation number (organisationsnummer, Skatteverket SKV 709): ten digits, written
 * NNNNNN-NNNN, whose last digit is a Luhn check digit over the first nine, and whose third digit is at least
 * 2 (so it can never be a personal identity number, whose third digit is a month's first digit, 0 or 1).
 * Municipalities and joint fire-service authorities (kommunalförbund) begin with 2.
 * Returns the normalised form, or null when the number is not valid.
 */
export function normaliseOrganisationNumber(input: string): string | null {
  const match = /^\s*(?:16)?(\d{6})-?(\d{4})\s*$/.exec(input);
  if (!match) return null;
  const digits = `${match[1]}${match[2]}`;
  if (Number(digits[2]) < 2) return null;
  if (!luhnValid(digits)) return null;
  return `${match[1]}-${match[2]}`;
}

/** The Luhn (mod 10) check: from the right, every second digit doubled (minus 9 above 9), sum divisible by 10. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
