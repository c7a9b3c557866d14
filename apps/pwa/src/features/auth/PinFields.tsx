import { PIN_MAX_LENGTH } from '../../sync/pin-policy.js';
import type { PinProblem } from '../../sync/pin-policy.js';
import type { MessageKey } from '../../i18n/messages.sv.js';

/** The message for each reason a new PIN is refused (sync/pin-policy.ts). */
export const PIN_PROBLEM_MESSAGE: Record<PinProblem, MessageKey> = {
  digits: 'pin.problem.digits',
  short: 'pin.problem.short',
  long: 'pin.problem.long',
  trivial: 'pin.problem.trivial',
  mismatch: 'pin.problem.mismatch',
};

/**
 * One PIN field: the phone's number pad, hidden as it is typed, never offered to a password manager as
 * the account's password (it is this phone's, not the account's).
 */
export function PinField({
  id,
  label,
  value,
  onChange,
  describedBy,
  autoFocus = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  describedBy?: string;
  autoFocus?: boolean;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={PIN_MAX_LENGTH}
        required
        autoFocus={autoFocus}
        aria-describedby={describedBy}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
