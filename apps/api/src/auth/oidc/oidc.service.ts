import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuditService, AuditSource } from '../../audit/audit.service.js';
import { unauthenticated } from '../../shared/app-error.js';
import type { OidcConfig } from '../../shared/config.js';
import type { UnitOfWork } from '../../shared/unit-of-work.js';
import type { AuthService, Session } from '../auth.service.js';
import type { SessionRepository } from '../session.repository.js';
import type { OidcClient } from './oidc-client.js';
import type { OidcRepository } from './oidc.repository.js';
import type { ProviderUsers } from './provider-user.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** How long a started sign-in may take at the provider. */
const PENDING_TTL_SECONDS = 600;
/** How long the PWA has to exchange its one-time code; it does so right after the redirect. */
const HANDOFF_TTL_SECONDS = 120;

/**
 * Why a sign-in through the provider was refused: the PWA shows a message for each, the audit log keeps it.
 * - `state_unknown`: no started sign-in has that state (never started, already used, or a forged callback).
 * - `browser_mismatch`: the callback came to another browser than the one that started the sign-in.
 * - `state_expired`: the sign-in took longer than PENDING_TTL_SECONDS.
 * - `provider_error`: the provider sent an error back (the user cancelled, or it refused).
 * - `token_rejected`: the code exchange or the ID token failed a check (issuer, audience, signature,
 *   algorithm, expiry, nonce), or the provider refused the code (e.g. used twice).
 * - `no_claim`: the ID token lacks the identifying claim.
 * - `no_account`: no user (or no active user) has that identity, and the municipality creates none.
 * - `awaiting_role`: the person has an account (perhaps created just now) but no role yet: no session, and
 *   the PWA says that an admin must assign one.
 */
export type OidcRefusal =
  'state_unknown' | 'browser_mismatch' | 'state_expired' | 'provider_error' | 'token_rejected' | 'no_claim' | 'no_account' | 'awaiting_role';

export type CallbackOutcome = { ok: true; handoffCode: string } | { ok: false; reason: OidcRefusal };

/** Sign-in through the municipality's OpenID provider: authorization code flow with PKCE, then the API's own session. */
export class OidcService {
  constructor(
    private readonly settings: OidcConfig,
    private readonly client: OidcClient,
    private readonly repository: OidcRepository,
    private readonly sessions: SessionRepository,
    private readonly transactions: UnitOfWork,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly providerUsers: ProviderUsers,
  ) {}

  get providerName(): string {
    return this.settings.providerName;
  }

  /**
   * Starts a sign-in: the provider's authorization URL, and a random value for a cookie that binds the
   * sign-in to this browser (so a callback URL sent to someone else does not sign them in).
   */
  async start(): Promise<{ redirectTo: string; browserToken: string; ttlSeconds: number }> {
    const request = await this.client.authorizationRequest();
    const browserToken = randomBytes(32).toString('base64url');
    await this.repository.insertPending({
      stateHash: sha256(request.state),
      browserHash: sha256(browserToken),
      nonce: request.nonce,
      codeVerifier: request.codeVerifier,
      ttlSeconds: PENDING_TTL_SECONDS,
    });
    return { redirectTo: request.url.href, browserToken, ttlSeconds: PENDING_TTL_SECONDS };
  }

  /** The provider sent the browser back: checks everything, then leaves a one-time code for the PWA. */
  async callback(source: AuditSource, callbackUrl: URL, browserToken: string | undefined): Promise<CallbackOutcome> {
    const state = callbackUrl.searchParams.get('state');
    const pending = state && state.length <= 200 ? await this.repository.takePending(sha256(state)) : null;
    if (!state || !pending) return this.refuse(source, 'state_unknown');
    if (!browserToken || !timingSafeEqual(sha256(browserToken), pending.browserHash)) return this.refuse(source, 'browser_mismatch');
    if (pending.expired) return this.refuse(source, 'state_expired');
    const providerError = callbackUrl.searchParams.get('error');
    if (providerError) return this.refuse(source, 'provider_error', { error: providerError.slice(0, 100) });

    let identity;
    try {
      identity = await this.client.exchange(callbackUrl, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier }, this.settings.identifyingClaim);
    } catch (error) {
      const { code, message } = error as { code?: unknown; message?: unknown };
      return this.refuse(source, 'token_rejected', {
        error: typeof code === 'string' ? code : 'unknown',
        message: typeof message === 'string' ? message.slice(0, 300) : '',
      });
    }

    const claimName = this.settings.identifyingClaim;
    const raw = identity.claims[claimName];
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > 500) return this.refuse(source, 'no_claim', { claim: claimName });
    // Found or created, and role and unit brought up to date with the mapping table (audited), in one transaction.
    const who = await this.transactions.run((m) => this.providerUsers.signIn(m, source, identity.claims, claimName, raw));
    if (who.kind === 'no_account') return this.refuse(source, 'no_account', { claim: claimName, value: raw }, who.userId);
    if (who.kind === 'no_email') return this.refuse(source, 'no_claim', { claim: 'email' });
    if (who.kind === 'awaiting_role') return this.refuse(source, 'awaiting_role', { created: who.created }, who.userId);
    const user = { id: who.userId };

    const handoffCode = randomBytes(32).toString('base64url');
    await this.repository.insertHandoff({
      codeHash: sha256(handoffCode),
      userId: user.id,
      method: 'oidc',
      idToken: identity.idToken,
      ttlSeconds: HANDOFF_TTL_SECONDS,
    });
    return { ok: true, handoffCode };
  }

  /** The PWA's exchange of its one-time code for the API's session (access and refresh tokens). */
  async completeSignIn(source: AuditSource, code: string): Promise<Session> {
    const session = await this.transactions.run(async (manager) => {
      const handoff = await this.repository.takeHandoff(manager, sha256(code));
      if (!handoff) return null;
      const user = await this.sessions.activeUser(manager, handoff.userId);
      if (!user) return null;
      return this.auth.signIn(manager, source, user, handoff.method, handoff.idToken);
    });
    if (!session) {
      await this.audit.record(source, [{ action: 'login_failed', entityType: 'user', entityId: null, details: { method: 'oidc', reason: 'handoff_unknown' } }]);
      throw unauthenticated('Sign-in code unknown, used or expired: sign in again');
    }
    return session;
  }

  /** Where to send the browser to end the provider's session too, for a session that began there; null otherwise. */
  async providerLogoutUrl(refreshToken: string): Promise<string | null> {
    const signIn = await this.repository.signInOfToken(createHash('sha256').update(refreshToken).digest());
    if (signIn?.method !== 'oidc') return null;
    return this.client.endSessionUrl(signIn.idToken);
  }

  private async refuse(
    source: AuditSource,
    reason: OidcRefusal,
    details: Record<string, unknown> = {},
    userId: string | null = null,
  ): Promise<CallbackOutcome> {
    await this.audit.record(source, [{ action: 'login_failed', entityType: 'user', entityId: userId, details: { method: 'oidc', reason, ...details } }]);
    return { ok: false, reason };
  }
}
