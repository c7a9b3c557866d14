/**
 * Thrown by domain functions whose input is a programming error rather than user input (a negative count,
 * an unreadable date from the database). User input is never thrown about: it gets `ValidationIssue`s.
 */
export class DomainError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}
