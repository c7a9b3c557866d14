import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { SecondFactorConfig } from '../../shared/config.js';
import { badInput } from '../../shared/app-error.js';

/** A stored credential, as the WebAuthn checks need it. */
export interface StoredPasskey {
  id: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

export interface NewPasskey extends StoredPasskey {
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
}

/**
 * WebAuthn through @simplewebauthn/server, with the relying party from config. User verification is
 * preferred, not required: the password was the first factor, and the passkey proves possession.
 */
export class Passkeys {
  constructor(private readonly config: SecondFactorConfig) {}

  /** Options for `navigator.credentials.create`, excluding the user's existing credentials. */
  registrationOptions(user: { id: string; email: string; displayName: string }, existing: StoredPasskey[]) {
    return generateRegistrationOptions({
      rpName: this.config.rpName,
      rpID: this.config.rpId,
      userName: user.email,
      userDisplayName: user.displayName,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      timeout: 120_000,
    });
  }

  /** The new credential, or null when the response does not verify against the challenge. */
  async verifyRegistration(responseJson: string, expectedChallenge: string): Promise<NewPasskey | null> {
    const response = parseResponse<RegistrationResponseJSON>(responseJson);
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: this.originsFor(response.response.clientDataJSON),
      expectedRPID: this.config.rpId,
      requireUserVerification: false,
    }).catch(() => null);
    if (!result?.verified) return null;
    const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
    return {
      id: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
    };
  }

  authenticationOptions(allowed: StoredPasskey[]) {
    return generateAuthenticationOptions({
      rpID: this.config.rpId,
      allowCredentials: allowed.map((c) => ({ id: c.id, transports: c.transports })),
      userVerification: 'preferred',
      timeout: 120_000,
    });
  }

  /** Which of the user's credentials answered, for a response to `challenge`. */
  credentialIdOf(responseJson: string): string {
    return parseResponse<AuthenticationResponseJSON>(responseJson).id;
  }

  /**
   * The new signature counter and backup state, or null when the response does not verify. The library
   * refuses a counter that did not grow (a cloned authenticator); counters that stay 0 (most passkeys) pass.
   */
  async verifyAuthentication(responseJson: string, expectedChallenge: string, credential: StoredPasskey) {
    const response = parseResponse<AuthenticationResponseJSON>(responseJson);
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: this.originsFor(response.response.clientDataJSON),
      expectedRPID: this.config.rpId,
      credential: { id: credential.id, publicKey: new Uint8Array(credential.publicKey), counter: credential.counter, transports: credential.transports },
      requireUserVerification: false,
    }).catch(() => null);
    if (!result?.verified) return null;
    return {
      newCounter: result.authenticationInfo.newCounter,
      deviceType: result.authenticationInfo.credentialDeviceType,
      backedUp: result.authenticationInfo.credentialBackedUp,
    };
  }

  /**
   * The configured origins; with none configured and the relying party `localhost` (the demo, the tests on a
   * port the OS picks), the response's own origin when it is a localhost one.
   */
  private originsFor(clientDataJson: string): string[] {
    if (this.config.origins.length > 0) return this.config.origins;
    if (this.config.rpId !== 'localhost') return [];
    try {
      const { origin } = JSON.parse(Buffer.from(clientDataJson, 'base64url').toString('utf8')) as { origin?: unknown };
      return typeof origin === 'string' && /^https?:\/\/localhost(:\d{1,5})?$/.test(origin) ? [origin] : [];
    } catch {
      return [];
    }
  }
}

function parseResponse<T extends { id: string; response: { clientDataJSON: string } }>(json: string): T {
  try {
    const value = JSON.parse(json) as T;
    if (typeof value?.id === 'string' && typeof value.response?.clientDataJSON === 'string') return value;
  } catch {
    // answered below
  }
  throw badInput('Not a WebAuthn response', 'response');
}
