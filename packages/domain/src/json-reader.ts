import type { LocalizedText, ValidationIssue } from './template.types.js';

/** Stands for a required property that is missing, so readers after it stay silent instead of repeating it. */
export const ABSENT: unique symbol = Symbol('absent');

/** Stands for a property that is a getter: reading it would run foreign code that may throw. */
const UNREADABLE: unique symbol = Symbol('unreadable');

/** `a.b` or `b` at the root. */
export function pathOf(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

/**
 * The own enumerable data properties of a non-array object, or null for anything else. Never throws, even
 * on proxies or getters, because everything that reaches the domain from a phone or a file is untrusted.
 */
export function ownProperties(value: unknown): Map<string, unknown> | null {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const properties = new Map<string, unknown>();
    for (const name of Object.keys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, name);
      properties.set(name, descriptor !== undefined && 'value' in descriptor ? descriptor.value : UNREADABLE);
    }
    return properties;
  } catch {
    return null;
  }
}

function ownElements(value: unknown): unknown[] | null {
  try {
    if (!Array.isArray(value)) return null;
    const elements: unknown[] = [];
    for (let index = 0; index < value.length; index += 1) {
      const descriptor = Object.getOwnPropertyDescriptor(value, index);
      elements.push(descriptor !== undefined && 'value' in descriptor ? descriptor.value : UNREADABLE);
    }
    return elements;
  } catch {
    return null;
  }
}

/**
 * Reads untrusted JSON-like input and collects issues rather than throwing. Each reader returns null when
 * the value is unusable; a value of `ABSENT` was already reported as missing and yields null silently.
 */
export class JsonReader {
  readonly issues: ValidationIssue[] = [];

  report(field: string, code: string, message: string): void {
    this.issues.push({ field, code, message });
  }

  object(value: unknown, field: string, allowed: readonly string[]): Map<string, unknown> | null {
    if (value === ABSENT) return null;
    const properties = ownProperties(value);
    if (properties === null) {
      this.report(field, 'NOT_AN_OBJECT', 'Expected an object.');
      return null;
    }
    for (const name of properties.keys()) {
      // A misspelt optional property (say `showwhen`) would otherwise be silently ignored.
      if (!allowed.includes(name)) this.report(pathOf(field, name), 'UNKNOWN_PROPERTY', `Unknown property.`);
    }
    return properties;
  }

  need(properties: Map<string, unknown>, name: string, parent: string): unknown {
    const value = properties.get(name);
    if (value === undefined) {
      this.report(pathOf(parent, name), 'MISSING', 'This property is required.');
      return ABSENT;
    }
    return value;
  }

  array(value: unknown, field: string, nonEmpty: boolean): unknown[] | null {
    if (value === ABSENT) return null;
    const elements = ownElements(value);
    if (elements === null) {
      this.report(field, 'WRONG_TYPE', 'Expected a list.');
      return null;
    }
    if (nonEmpty && elements.length === 0) {
      this.report(field, 'EMPTY_LIST', 'The list must not be empty.');
      return null;
    }
    return elements;
  }

  string(value: unknown, field: string): string | null {
    if (value === ABSENT) return null;
    if (typeof value !== 'string') {
      this.report(field, 'WRONG_TYPE', 'Expected a string.');
      return null;
    }
    return value;
  }

  key(value: unknown, field: string, pattern: RegExp): string | null {
    const text = this.string(value, field);
    if (text === null) return null;
    if (!pattern.test(text)) {
      this.report(field, 'INVALID_KEY', `Must match ${pattern.source}.`);
      return null;
    }
    return text;
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | null {
    const text = this.string(value, field);
    if (text === null) return null;
    const found = allowed.find((candidate) => candidate === text);
    if (found === undefined) this.report(field, 'INVALID_VALUE', `Must be one of: ${allowed.join(', ')}.`);
    return found ?? null;
  }

  boolean(value: unknown, field: string): boolean | null {
    if (value === ABSENT) return null;
    if (typeof value !== 'boolean') {
      this.report(field, 'WRONG_TYPE', 'Expected true or false.');
      return null;
    }
    return value;
  }

  finiteNumber(value: unknown, field: string): number | null {
    if (value === ABSENT) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.report(field, 'WRONG_TYPE', 'Expected a finite number.');
      return null;
    }
    return value;
  }

  /** Both languages present and not blank: a phone set to English must never show an empty label. */
  text(value: unknown, field: string): LocalizedText | null {
    const properties = this.object(value, field, ['sv', 'en']);
    if (properties === null) return null;
    const sv = this.nonBlank(this.need(properties, 'sv', field), pathOf(field, 'sv'));
    const en = this.nonBlank(this.need(properties, 'en', field), pathOf(field, 'en'));
    return sv === null || en === null ? null : { sv, en };
  }

  private nonBlank(value: unknown, field: string): string | null {
    const text = this.string(value, field);
    if (text !== null && text.trim() === '') {
      this.report(field, 'EMPTY_TEXT', 'Must not be empty.');
      return null;
    }
    return text;
  }
}
