import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditService, AuditSource } from '../../audit/audit.service.js';
import { badInput, conflict, notFound, unauthenticated } from '../../shared/app-error.js';
import type { Caller } from '../../shared/context.js';
import type { UnitOfWork } from '../../shared/unit-of-work.js';
import type { AuthService, Session } from '../auth.service.js';
import type { LoginThrottle } from '../login-throttle.js';
import type { SessionRepository } from '../session.repository.js';
import type { Passkeys } from './passkeys.js';
import type { SecretBox } from './secret-box.js';
import type { ChallengePurpose } from './second-factor.entities.js';
import type { PasskeySummary, SecondFactorRepository } from './second-factor.repository.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.js';

/** How long a sign-in may wait for its second factor, and a passkey registration for its answer. */
const STEP_TTL_SECONDS = 300;
/** Wrong answers to one sign-in step before it is void and the password must be given again. */
const MAX_STEP_ATTEMPTS = 5;

const hashToken = (token: string) => createHash('sha256').update(token).digest();

export const SECOND_FACTOR_METHODS = ['totp', 'passkey'] as const;
export type SecondFactorMethod = (typeof SECOND_FACTOR_METHODS)[number];

/** A password accepted; the session waits for the second factor (or, under the policy, for an enrolment). */
export interface SecondStep {
  challenge: string;
  expiresAt: Date;
  /** The factors the user can answer with; empty when they must enrol one first. */
  methods: SecondFactorMethod[];
  mustEnrol: boolean;
  /** Options for `navigator.credentials.get`, JSON, when the user has passkeys. */
  passkeyOptionsJson: string | null;
}

/** What a transaction answering a sign-in step ended with; a refusal is audited after it (its writes would roll back). */
type Answered = { session: Session } | { failed: 'wrong' | 'replayed'; userId: string };

export type SignInOutcome = { session: Session } | { secondStep: SecondStep };

export interface SecondFactorOverview {
  totpEnabled: boolean;
  passkeys: PasskeySummary[];
  /** The municipality requires a second factor of every local account. */
  required: boolean;
}

/**
 * The second factor of local accounts: TOTP and passkeys, their enrolment and removal, the sign-in step
 * that asks for one, the admin's reset, and the municipality's policy. A sign-in step is single use: the
 * row is deleted in the transaction that issues the session. Wrong codes count against the account's
 * login budget (login-throttle.ts), like wrong passwords.
 */
export class SecondFactorService {
  constructor(
    private readonly repo: SecondFactorRepository,
    private readonly sessions: SessionRepository,
    private readonly transactions: UnitOfWork,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
    private readonly passkeys: Passkeys,
    private readonly box: SecretBox,
  ) {}

  async signIn(source: AuditSource, email: string, password: string, address: string): Promise<SignInOutcome> {
    const user = await this.auth.checkPassword(source, email, password, address);
    const { has, required } = await this.repo.standing(user.id, user.municipalityId);
    if (!has && !required) {
      const session = await this.transactions.run((m) => this.auth.signIn(m, source, user, 'password', null));
      await this.throttle.succeeded(email, address);
      return { session };
    }
    const passkeys = has ? await this.repo.passkeysOf(user.id) : [];
    const totp = has ? await this.repo.totpOf(user.id) : null;
    const options = passkeys.length > 0 ? await this.passkeys.authenticationOptions(passkeys) : null;
    const challenge = randomBytes(32).toString('base64url');
    await this.transactions.run((m) =>
      this.repo.insertChallenge(m, {
        tokenHash: hashToken(challenge),
        userId: user.id,
        purpose: has ? 'sign_in' : 'enrol_at_sign_in',
        webauthnChallenge: options?.challenge ?? null,
        ttlSeconds: STEP_TTL_SECONDS,
      }),
    );
    const methods: SecondFactorMethod[] = [...(totp?.confirmed ? (['totp'] as const) : []), ...(passkeys.length > 0 ? (['passkey'] as const) : [])];
    return {
      secondStep: {
        challenge,
        expiresAt: new Date(Date.now() + STEP_TTL_SECONDS * 1000),
        methods,
        mustEnrol: !has,
        passkeyOptionsJson: options ? JSON.stringify(options) : null,
      },
    };
  }

  /** The second step answered with a TOTP code; under the policy, the code also confirms the new secret. */
  async completeWithTotp(source: AuditSource, challenge: string, code: string, address: string): Promise<Session> {
    const tokenHash = hashToken(challenge);
    const email = await this.countAttempt(tokenHash, address);
    const result = await this.transactions.run(async (m): Promise<Answered> => {
      const step = await this.liveStep(m, tokenHash, ['sign_in', 'enrol_at_sign_in']);
      const totp = await this.repo.totpOf(step.userId, m, true);
      if (!totp || totp.confirmed !== (step.purpose === 'sign_in')) throw badInput('No TOTP to answer with', 'code');
      const check = checkTotp(this.box.open(totp.secretBox), code, Date.now(), totp.lastUsedStep);
      if (!check.ok) return { failed: check.reason, userId: step.userId } as const;
      await this.repo.acceptTotp(m, step.userId, check.step);
      return { session: await this.finish(m, source, tokenHash, step.userId, step.purpose, 'totp') };
    });
    if ('failed' in result) return this.refuse(source, tokenHash, result.userId, 'totp', result.failed);
    await this.throttle.succeeded(email, address);
    return result.session;
  }

  /** The second step answered with a passkey; under the policy, the answer registers the new passkey. */
  async completeWithPasskey(source: AuditSource, challenge: string, responseJson: string, address: string): Promise<Session> {
    const tokenHash = hashToken(challenge);
    const credentialId = this.passkeys.credentialIdOf(responseJson);
    const email = await this.countAttempt(tokenHash, address);
    const result = await this.transactions.run(async (m): Promise<Answered> => {
      const step = await this.liveStep(m, tokenHash, ['sign_in', 'enrol_at_sign_in']);
      if (!step.webauthnChallenge) throw badInput('This sign-in has no passkey step', 'response');
      if (step.purpose === 'enrol_at_sign_in') {
        const created = await this.passkeys.verifyRegistration(responseJson, step.webauthnChallenge);
        if (!created || !(await this.repo.insertPasskey(m, step.userId, created, 'Passkey'))) return { failed: 'wrong', userId: step.userId } as const;
      } else {
        const credential = (await this.repo.passkeysOf(step.userId, m)).find((c) => c.id === credentialId);
        const verified = credential ? await this.passkeys.verifyAuthentication(responseJson, step.webauthnChallenge, credential) : null;
        if (!verified) return { failed: 'wrong', userId: step.userId } as const;
        await this.repo.recordPasskeyUse(m, credentialId, verified.newCounter, verified.backedUp);
      }
      return { session: await this.finish(m, source, tokenHash, step.userId, step.purpose, 'passkey') };
    });
    if ('failed' in result) return this.refuse(source, tokenHash, result.userId, 'passkey', result.failed);
    await this.throttle.succeeded(email, address);
    return result.session;
  }

  /** A new TOTP secret for the user who must enrol at sign-in; shown this once. */
  async beginTotpEnrolmentAtSignIn(challenge: string): Promise<{ secret: string; uri: string }> {
    const userId = await this.transactions.run(async (m) => (await this.liveStep(m, hashToken(challenge), ['enrol_at_sign_in'])).userId);
    return this.beginTotpEnrolmentOf(userId);
  }

  /** Registration options for the user who must enrol at sign-in; the answer goes to completeWithPasskey. */
  async beginPasskeyRegistrationAtSignIn(challenge: string): Promise<string> {
    const tokenHash = hashToken(challenge);
    return this.transactions.run(async (m) => {
      const step = await this.liveStep(m, tokenHash, ['enrol_at_sign_in']);
      const options = await this.passkeys.registrationOptions(await this.sessions.userById(m, step.userId), []);
      await this.repo.setWebauthnChallenge(m, tokenHash, options.challenge);
      return JSON.stringify(options);
    });
  }

  async overview(caller: Caller): Promise<SecondFactorOverview> {
    const { userId, municipalityId } = caller.principal;
    const [totp, passkeys, required] = await Promise.all([this.repo.totpOf(userId), this.repo.passkeysOf(userId), this.repo.isRequired(municipalityId)]);
    return {
      totpEnabled: totp?.confirmed === true,
      passkeys: passkeys.map(({ id, label, createdAt, lastUsedAt, backedUp }) => ({ id, label, createdAt, lastUsedAt, backedUp })),
      required,
    };
  }

  beginTotpEnrolment(caller: Caller): Promise<{ secret: string; uri: string }> {
    return this.beginTotpEnrolmentOf(caller.principal.userId);
  }

  /** Confirms the pending secret with a code from the app; a wrong code changes nothing. */
  async confirmTotpEnrolment(caller: Caller, code: string, address: string): Promise<boolean> {
    const { userId, municipalityId } = caller.principal;
    const user = await this.transactions.run((m) => this.sessions.userInMunicipality(m, userId, municipalityId));
    if (!user) throw unauthenticated();
    await this.throttle.attempt(user.email, address);
    await this.transactions.run(async (m) => {
      const totp = await this.repo.totpOf(userId, m, true);
      if (!totp || totp.confirmed) throw conflict('No TOTP enrolment is waiting for a code; start one first', 'code');
      const check = checkTotp(this.box.open(totp.secretBox), code, Date.now(), totp.lastUsedStep);
      if (!check.ok) throw badInput('Wrong code', 'code');
      await this.repo.acceptTotp(m, userId, check.step);
      await this.audit.record(
        caller,
        [{ action: 'update', entityType: 'user', entityId: userId, details: { change: 'second_factor_added', factor: 'totp' } }],
        m,
      );
    });
    await this.throttle.succeeded(user.email, address);
    return true;
  }

  async removeTotp(caller: Caller): Promise<boolean> {
    return this.transactions.run(async (m) => {
      const removed = await this.repo.deleteTotp(m, caller.principal.userId);
      await this.keepRequiredFactor(m, caller);
      if (removed) await this.audit.record(caller, [this.change(caller.principal.userId, 'second_factor_removed', { factor: 'totp' })], m);
      return removed;
    });
  }

  async beginPasskeyRegistration(caller: Caller): Promise<{ registrationId: string; optionsJson: string }> {
    const registrationId = randomBytes(32).toString('base64url');
    return this.transactions.run(async (m) => {
      const user = await this.sessions.userById(m, caller.principal.userId);
      const options = await this.passkeys.registrationOptions(user, await this.repo.passkeysOf(user.id, m));
      await this.repo.insertChallenge(m, {
        tokenHash: hashToken(registrationId),
        userId: user.id,
        purpose: 'passkey_registration',
        webauthnChallenge: options.challenge,
        ttlSeconds: STEP_TTL_SECONDS,
      });
      return { registrationId, optionsJson: JSON.stringify(options) };
    });
  }

  async finishPasskeyRegistration(caller: Caller, registrationId: string, responseJson: string, label: string): Promise<PasskeySummary> {
    const tokenHash = hashToken(registrationId);
    this.passkeys.credentialIdOf(responseJson);
    return this.transactions.run(async (m) => {
      const step = await this.repo.lockChallenge(m, tokenHash, ['passkey_registration']);
      if (!step || step.userId !== caller.principal.userId || !step.webauthnChallenge) throw notFound('Passkey registration', 'registrationId');
      const created = await this.passkeys.verifyRegistration(responseJson, step.webauthnChallenge);
      if (!created) throw badInput('The passkey could not be verified', 'response');
      if (!(await this.repo.insertPasskey(m, step.userId, created, label))) throw conflict('This passkey is already registered', 'response');
      await this.repo.deleteChallenge(m, tokenHash);
      await this.audit.record(caller, [this.change(step.userId, 'second_factor_added', { factor: 'passkey' })], m);
      const summary = (await this.repo.passkeysOf(step.userId, m)).find((c) => c.id === created.id);
      if (!summary) throw notFound('Passkey');
      return { id: summary.id, label: summary.label, createdAt: summary.createdAt, lastUsedAt: summary.lastUsedAt, backedUp: summary.backedUp };
    });
  }

  async removePasskey(caller: Caller, id: string): Promise<boolean> {
    return this.transactions.run(async (m) => {
      if (!(await this.repo.deletePasskey(m, caller.principal.userId, id))) throw notFound('Passkey', 'id');
      await this.keepRequiredFactor(m, caller);
      await this.audit.record(caller, [this.change(caller.principal.userId, 'second_factor_removed', { factor: 'passkey' })], m);
      return true;
    });
  }

  /** The admin's recovery for a lost phone or key: every second factor of the user goes; they enrol again. */
  async resetSecondFactors(caller: Caller, userId: string): Promise<boolean> {
    return this.transactions.run(async (m) => {
      if (!(await this.sessions.userInMunicipality(m, userId, caller.principal.municipalityId))) throw notFound('User', 'userId');
      const removed = await this.repo.deleteAllOf(m, userId);
      await this.audit.record(caller, [this.change(userId, 'second_factors_reset', removed)], m);
      return true;
    });
  }

  async setRequired(caller: Caller, required: boolean): Promise<SecondFactorOverview> {
    await this.transactions.run(async (m) => {
      await this.repo.setRequired(m, caller.principal.municipalityId, required);
      await this.audit.record(
        caller,
        [{ action: 'update', entityType: 'municipality', entityId: caller.principal.municipalityId, details: { change: 'second_factor_policy', required } }],
        m,
      );
    });
    return this.overview(caller);
  }

  private async beginTotpEnrolmentOf(userId: string): Promise<{ secret: string; uri: string }> {
    const secret = newTotpSecret();
    return this.transactions.run(async (m) => {
      const user = await this.sessions.userById(m, userId);
      if (!(await this.repo.putPendingTotp(m, userId, this.box.seal(secret)))) throw conflict('TOTP is already on; remove it first');
      return { secret, uri: totpUri(secret, 'Hjulet', user.email) };
    });
  }

  /** Counts an answer against the account's login budget (TooManyAttempts when spent); the account's email. */
  private async countAttempt(tokenHash: Buffer, address: string): Promise<string> {
    const email = await this.transactions.run(async (m) => {
      const step = await this.repo.lockChallenge(m, tokenHash, ['sign_in', 'enrol_at_sign_in']);
      return step ? (await this.sessions.userById(m, step.userId)).email : null;
    });
    if (!email) throw unauthenticated('This sign-in has expired; log in again');
    await this.throttle.attempt(email, address);
    return email;
  }

  private async liveStep(m: EntityManager, tokenHash: Buffer, purposes: ChallengePurpose[]) {
    const step = await this.repo.lockChallenge(m, tokenHash, purposes);
    if (!step) throw unauthenticated('This sign-in has expired; log in again');
    return step;
  }

  /** The step is used up and the session issued, in one transaction. */
  private async finish(
    m: EntityManager,
    source: AuditSource,
    tokenHash: Buffer,
    userId: string,
    purpose: ChallengePurpose,
    factor: SecondFactorMethod,
  ): Promise<Session> {
    await this.repo.deleteChallenge(m, tokenHash);
    const user = await this.sessions.activeUser(m, userId);
    if (!user) throw unauthenticated('This sign-in has expired; log in again');
    if (purpose === 'enrol_at_sign_in') await this.audit.record({ ...source, principal: null }, [this.change(userId, 'second_factor_added', { factor })], m);
    return this.auth.signIn(m, source, user, 'password', null, factor);
  }

  private async refuse(source: AuditSource, tokenHash: Buffer, userId: string, factor: SecondFactorMethod, reason: 'wrong' | 'replayed'): Promise<never> {
    await this.repo.countFailedAttempt(tokenHash, MAX_STEP_ATTEMPTS);
    await this.audit.record(source, [{ action: 'login_failed', entityType: 'user', entityId: userId, details: { secondFactor: factor, reason } }]);
    const field = factor === 'totp' ? 'code' : 'response';
    const message = reason === 'replayed' ? 'This code was used already; wait for the next one' : 'Wrong code or passkey';
    // The reason as a code of its own, for a client to word it without reading the message.
    throw badInput(message, field, [{ field, code: reason, message }]);
  }

  /** Under the policy, the last second factor cannot be removed (the admin's reset can). */
  private async keepRequiredFactor(m: EntityManager, caller: Caller): Promise<void> {
    const { userId, municipalityId } = caller.principal;
    if ((await this.repo.isRequired(municipalityId, m)) && !(await this.repo.hasSecondFactor(userId, m))) {
      throw conflict('The municipality requires a second factor: add another before removing this one');
    }
  }

  private change(userId: string, change: string, details: Record<string, unknown>) {
    return { action: 'update' as const, entityType: 'user', entityId: userId, details: { change, ...details } };
  }
}
