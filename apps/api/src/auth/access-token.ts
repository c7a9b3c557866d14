import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Principal } from './principal.js';
import { hs256Key } from './signing-key.js';
import { ROLES, type Role } from '../users/user.entity.js';

const ISSUER = 'hjulet';
const AUDIENCE = 'hjulet-api';
const ALGORITHM = 'HS256';

export interface AccessTokenIssuer {
  sign(principal: Principal): Promise<{ token: string; expiresAt: Date }>;
  /** The principal, or null for any token that is not valid, current and ours. */
  verify(token: string): Promise<Principal | null>;
}

/** How many verified tokens an issuer remembers: more than the sessions one instance serves at once. */
const REMEMBERED_TOKENS = 5_000;

/**
 * Short-lived access tokens: HS256 JWTs, with algorithm, issuer, audience and expiry all checked.
 *
 * A token verified once is remembered, by its exact text, until it expires: a phone or a dashboard sends
 * the same token with every request, and checking its HMAC again (WebCrypto, a job and a promise each time)
 * was 2 % of the API's thread under saturation (issue 11). Remembering skips only the signature and claims,
 * which cannot change for the same text and key; whether the session still stands is checked on every
 * request by the caller (AuthService.authenticate), so logout and revocation still end access at once.
 */
export function createAccessTokenIssuer(secret: Uint8Array, ttlSeconds: number): AccessTokenIssuer {
  const key = hs256Key(secret);
  const verified = new Map<string, { principal: Principal; expiresAtMs: number }>();
  const remember = (token: string, principal: Principal, expiresAtMs: number) => {
    verified.set(token, { principal, expiresAtMs });
    // A Map keeps insertion order: the oldest goes first.
    if (verified.size > REMEMBERED_TOKENS) verified.delete(verified.keys().next().value as string);
  };
  return {
    async sign(principal) {
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      const token = await new SignJWT({
        role: principal.role,
        mun: principal.municipalityId,
        unit: principal.unitId,
        adm: principal.administrationId,
        sid: principal.sessionId,
      })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(principal.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(await key());
      return { token, expiresAt };
    },

    async verify(token) {
      const known = verified.get(token);
      if (known) {
        // jose refuses a token once the clock reaches its `exp` (no tolerance), and so does this.
        if (Date.now() < known.expiresAtMs) return known.principal;
        verified.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, await key(), {
          algorithms: [ALGORITHM],
          issuer: ISSUER,
          audience: AUDIENCE,
          requiredClaims: ['exp', 'sub'],
        });
        const role = payload['role'];
        if (typeof payload.sub !== 'string' || !ROLES.includes(role as Role)) return null;
        const text = (value: unknown) => (typeof value === 'string' ? value : null);
        const municipalityId = text(payload['mun']);
        if (!municipalityId) return null;
        const principal: Principal = {
          userId: payload.sub,
          role: role as Role,
          municipalityId,
          unitId: text(payload['unit']),
          administrationId: text(payload['adm']),
          sessionId: text(payload['sid']) ?? undefined,
        };
        // Frozen: the same object answers every later request with this token.
        Object.freeze(principal);
        remember(token, principal, (payload.exp as number) * 1000);
        return principal;
      } catch (error) {
        if (error instanceof joseErrors.JOSEError) return null;
        throw error;
      }
    },
  };
}
