import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGNED_IN_KEY } from '../data/session-store.js';
import { LOCALE_KEY } from '../i18n/i18n.js';

/*
 * public/boot.js runs before the first paint, before any of the app's modules: it cannot import the
 * storage keys, so this test runs it against the keys the app itself writes.
 */
const boot = readFileSync(path.resolve(import.meta.dirname, '../../public/boot.js'), 'utf8');
const runBoot = () => new Function(boot)() as void;
const hidden = () => document.documentElement.classList.contains('login-shell-hidden');

afterEach(() => {
  localStorage.clear();
  document.documentElement.classList.remove('login-shell-hidden');
});

describe('boot.js', () => {
  it('leaves the prerendered login screen showing on a phone where no one is logged in, in Swedish', () => {
    runBoot();
    expect(hidden()).toBe(false);
  });

  it('hides it where someone may be logged in', () => {
    localStorage.setItem(SIGNED_IN_KEY, 'yes');
    runBoot();
    expect(hidden()).toBe(true);
  });

  it('hides it where English was chosen', () => {
    localStorage.setItem(LOCALE_KEY, 'en');
    runBoot();
    expect(hidden()).toBe(true);
  });

  it('hides it on the public feedback page, which never shows the login screen', () => {
    history.replaceState(null, '', '/synpunkter/0581');
    runBoot();
    history.replaceState(null, '', '/');
    expect(hidden()).toBe(true);
  });
});
