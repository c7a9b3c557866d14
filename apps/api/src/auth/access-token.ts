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

/** Short-lived access tokens: HS256 JWTs, with algorithm, issuer, audience and expiry all checked. */
export function createAccessTokenIssuer(secret: Uint8Array, ttlSeconds: number): AccessTokenIssuer {
  const key = hs256Key(secret);
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
        return {
          userId: payload.sub,
          role: role as Role,
          municipalityId,
          unitId: text(payload['unit']),
          administrationId: text(payload['adm']),
          sessionId: text(payload['sid']) ?? undefined,
        };
      } catch (error) {
        if (error instanceof joseErrors.JOSEError) return null;
        throw error;
      }
    },
  };
}
