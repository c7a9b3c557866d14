/*
 * The one policy for text a client sends, documented in docs/api.md ("Text input"). Refused, anywhere
 * in any argument, variable or JSON value (keys included):
 * - C0 controls other than tab, line feed and carriage return, DEL and the C1 controls: no one types
 *   them, PostgreSQL cannot store U+0000 at all, and C1 controls in text are a sign of mis-decoding;
 * - unpaired surrogates: not text in any encoding, and UTF-8 (the database's) cannot hold them;
 * - Unicode non-characters (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane): reserved for a
 *   program's internal use, never for interchange.
 * Everything else is stored as sent, bidi controls (U+202A–U+202E, U+2066–U+2069) included: staff and
 * clients write Arabic, Persian and Hebrew, and a note is a record kept as written. Displays isolate each
 * stored text (`dir="auto"`, `<bdi>`) so an override never reorders what surrounds it.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const REFUSED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cs}\p{Noncharacter_Code_Point}]/u;

export interface InvalidString {
  /** Where, e.g. `input[3].actions[0].what`; relative to the path given. */
  field: string;
  message: string;
}

const codePoint = (char: string) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

const KINDS = 'control characters other than tab and line breaks, unpaired surrogates and Unicode non-characters are not accepted';

/** The problem with one string, if it has one. */
export function invalidCharacterIn(text: string): string | null {
  const found = REFUSED.exec(text);
  return found ? `contains ${codePoint(found[0])} at position ${found.index}: ${KINDS}` : null;
}

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * The first string in `value` (strings, arrays and plain objects, keys too, at any depth) that breaks the
 * policy, named by its path under `path`. Iterative, so a deeply nested JSON value cannot overflow the stack.
 * Pure: `submitReviews` calls it per review, so one bad review is rejected and the others are stored.
 */
export function findInvalidString(value: unknown, path = ''): InvalidString | null {
  return hasInvalidString(value) ? locateInvalidString(value, path) : null;
}

const isWalkable = (value: unknown): value is object => value !== null && typeof value === 'object' && !(value instanceof Date);

/** The common case, fast: whether anything breaks the policy, without building a single path. */
function hasInvalidString(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      if (REFUSED.test(current)) return true;
    } else if (Array.isArray(current)) {
      for (const item of current) pending.push(item);
    } else if (isWalkable(current)) {
      for (const key in current) {
        if (!Object.prototype.hasOwnProperty.call(current, key)) continue;
        if (REFUSED.test(key)) return true;
        pending.push((current as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

function locateInvalidString(value: unknown, path: string): InvalidString | null {
  const pending: Array<[unknown, string]> = [[value, path]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, at] = next;
    if (typeof current === 'string') {
      const problem = invalidCharacterIn(current);
      if (problem) return { field: at, message: `${at || 'The text'} ${problem}` };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) pending.push([current[i], join(at, i)]);
    } else if (isWalkable(current)) {
      const keys = Object.keys(current);
      for (const key of keys) {
        const problem = invalidCharacterIn(key);
        if (problem) return { field: at, message: `A key in ${at || 'the value'} ${problem}` };
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        pending.push([(current as Record<string, unknown>)[key], join(at, key)]);
      }
    }
  }
  return null;
}
