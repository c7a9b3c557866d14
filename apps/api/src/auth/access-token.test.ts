import { webcrypto } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAccessTokenIssuer } from './access-token.js';
import type { Principal } from './principal.js';

const secret = new TextEncoder().encode('a-test-secret-of-at-least-32-bytes!!');
const principal: Principal = {
  userId: '3b0b5a0e-0000-4000-8000-000000000001',
  role: 'staff',
  municipalityId: '3b0b5a0e-0000-4000-8000-000000000002',
  unitId: '3b0b5a0e-0000-4000-8000-000000000003',
  administrationId: null,
  sessionId: '3b0b5a0e-0000-4000-8000-000000000004',
};

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('access tokens', () => {
  it('answers a token it signed with its principal, and checks the signature once per token text', async () => {
    const issuer = createAccessTokenIssuer(secret, 900);
    const { token } = await issuer.sign(principal);
    const verify = vi.spyOn(webcrypto.subtle, 'verify');
    expect(await issuer.verify(token)).toEqual(principal);
    expect(await issuer.verify(token)).toEqual(principal);
    expect(verify).toHaveBeenCalledTimes(1);
    // The remembered principal is shared by later requests: nothing may change it.
    expect(Object.isFrozen(await issuer.verify(token))).toBe(true);
  });

  it('refuses a remembered token once it has expired, as the first check would', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T08:00:00Z'));
    const issuer = createAccessTokenIssuer(secret, 60);
    const { token, expiresAt } = await issuer.sign(principal);
    expect(await issuer.verify(token)).toEqual(principal);
    vi.setSystemTime(new Date(expiresAt.getTime() - 1000));
    expect(await issuer.verify(token)).toEqual(principal);
    vi.setSystemTime(expiresAt);
    expect(await issuer.verify(token)).toBeNull();
    expect(await createAccessTokenIssuer(secret, 60).verify(token)).toBeNull();
  });

  it('remembers no refusal: a token signed with another key, tampered with, or of another audience stays refused', async () => {
    const issuer = createAccessTokenIssuer(secret, 900);
    const { token } = await issuer.sign(principal);
    const other = await createAccessTokenIssuer(new TextEncoder().encode('another-secret-of-at-least-32-bytes!'), 900).sign(principal);
    const [header, , signature] = token.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: principal.userId, role: 'admin', mun: principal.municipalityId, exp: 4e9, iss: 'hjulet', aud: 'hjulet-api' })).toString('base64url')}.${signature}`;
    const foreignAudience = await new SignJWT({ role: 'staff', mun: principal.municipalityId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(principal.userId)
      .setIssuer('hjulet')
      .setAudience('someone-else')
      .setExpirationTime('15m')
      .sign(secret);
    for (const bad of [other.token, tampered, foreignAudience, `${token}x`]) {
      expect(await issuer.verify(bad)).toBeNull();
      expect(await issuer.verify(bad)).toBeNull();
    }
    expect(await issuer.verify(token)).toEqual(principal);
  });
});
