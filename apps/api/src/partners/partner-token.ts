import { SignJWT, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { hs256Key } from '../auth/signing-key.js';
import { isPartnerScope, type PartnerScope } from './partner-principal.js';

/*
 * Partner access tokens: HS256 JWTs signed with the same key as user tokens (auth/access-token.ts), kept
 * apart by three claims that both verifiers check: the header type `at+jwt` (RFC 9068) against the user
 * tokens' `JWT`, the audience `hjulet-partner-api` against `hjulet-api`, and `client_id`. A user token is
 * therefore never a partner token and a partner token never a user token (partner-token.test.ts).
 */

const ISSUER = 'hjulet';
export const PARTNER_AUDIENCE = 'hjulet-partner-api';
const ALGORITHM = 'HS256';
const TYPE = 'at+jwt';

export interface PartnerTokenClaims {
  clientId: string;
  municipalityId: string;
  /** The client's secret version at issuance: a rotation raises it, and older tokens stop working. */
  secretVersion: number;
  scopes: PartnerScope[];
}

export interface PartnerTokenIssuer {
  readonly ttlSeconds: number;
  sign(claims: PartnerTokenClaims): Promise<string>;
  /** The claims, or null for any token that is not a valid, current partner token of ours. */
  verify(token: string): Promise<PartnerTokenClaims | null>;
}

/** Whether a bearer token says it is a partner token (its header type); verify() decides whether it is one. */
export function looksLikePartnerToken(token: string): boolean {
  try {
    return decodeProtectedHeader(token).typ === TYPE;
  } catch {
    return false;
  }
}

export function createPartnerTokenIssuer(secret: Uint8Array, ttlSeconds: number): PartnerTokenIssuer {
  const key = hs256Key(secret);
  return {
    ttlSeconds,
    async sign(claims) {
      return new SignJWT({ client_id: claims.clientId, mun: claims.municipalityId, ver: claims.secretVersion, scope: claims.scopes.join(' ') })
        .setProtectedHeader({ alg: ALGORITHM, typ: TYPE })
        .setSubject(claims.clientId)
        .setIssuer(ISSUER)
        .setAudience(PARTNER_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(await key());
    },

    async verify(token) {
      try {
        const { payload, protectedHeader } = await jwtVerify(token, await key(), {
          algorithms: [ALGORITHM],
          issuer: ISSUER,
          audience: PARTNER_AUDIENCE,
          typ: TYPE,
          requiredClaims: ['exp', 'sub', 'client_id', 'ver', 'mun'],
        });
        if (protectedHeader.typ !== TYPE) return null;
        const { sub, client_id: clientId, mun, ver, scope } = payload;
        if (typeof sub !== 'string' || sub !== clientId || typeof mun !== 'string' || typeof ver !== 'number' || typeof scope !== 'string') return null;
        const scopes = scope.split(' ').filter(isPartnerScope);
        return { clientId: sub, municipalityId: mun, secretVersion: ver, scopes };
      } catch (error) {
        if (error instanceof joseErrors.JOSEError) return null;
        throw error;
      }
    },
  };
}
