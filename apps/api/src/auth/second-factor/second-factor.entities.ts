import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Municipality } from '../../organisation/organisation.entities.js';
import { User } from '../../users/user.entity.js';

/** A user's WebAuthn credential (a passkey or a security key). Written and read by SecondFactorRepository. */
@Entity('passkey_credential')
@Index('passkey_credential_user_id_idx', ['userId'])
@Check('passkey_credential_id_check', 'length(id) BETWEEN 1 AND 1400')
@Check('passkey_credential_device_type_check', "device_type IN ('singleDevice', 'multiDevice')")
@Check('passkey_credential_label_check', 'length(label) BETWEEN 1 AND 100')
export class PasskeyCredentialRow {
  /** The credential id, base64url, as the authenticator made it. */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'uuid', name: 'user_id' })
  @ForeignKey(() => User, { name: 'passkey_credential_user_id_fkey' })
  userId: string;

  @Column({ type: 'bytea', name: 'public_key' })
  publicKey: Buffer;

  /** The authenticator's signature counter; a lower one than stored means a cloned authenticator. */
  @Column({ type: 'bigint', default: 0 })
  counter: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  transports: string[];

  @Column({ type: 'text', name: 'device_type' })
  deviceType: 'singleDevice' | 'multiDevice';

  @Column({ type: 'boolean', name: 'backed_up' })
  backedUp: boolean;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
}

/** A user's TOTP secret, encrypted; usable for sign-in once confirmed. */
@Entity('totp_secret')
export class TotpSecretRow {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  @ForeignKey(() => User, { name: 'totp_secret_user_id_fkey' })
  userId: string;

  @Column({ type: 'bytea', name: 'secret_box' })
  secretBox: Buffer;

  @Column({ type: 'timestamptz', name: 'confirmed_at', nullable: true })
  confirmedAt: Date | null;

  /** The time step of the last code accepted: that code, and any earlier one, is refused. */
  @Column({ type: 'bigint', name: 'last_used_step', nullable: true })
  lastUsedStep: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

export type ChallengePurpose = 'sign_in' | 'enrol_at_sign_in' | 'passkey_registration';

/** A step waiting for its answer: short-lived, used once, found by the hash of the client's token. */
@Entity('second_factor_challenge')
@Index('second_factor_challenge_expires_at_idx', ['expiresAt'])
@Index('second_factor_challenge_user_id_idx', ['userId'])
@Check('second_factor_challenge_purpose_check', "purpose IN ('sign_in', 'enrol_at_sign_in', 'passkey_registration')")
export class SecondFactorChallengeRow {
  @PrimaryColumn({ type: 'bytea', name: 'token_hash' })
  tokenHash: Buffer;

  @Column({ type: 'uuid', name: 'user_id' })
  @ForeignKey(() => User, { name: 'second_factor_challenge_user_id_fkey' })
  userId: string;

  @Column({ type: 'text' })
  purpose: ChallengePurpose;

  /** The WebAuthn challenge the authenticator must sign, when the step can be answered with a passkey. */
  @Column({ type: 'text', name: 'webauthn_challenge', nullable: true })
  webauthnChallenge: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;
}

/** Whether the municipality requires a second factor of every local account. No row: not required. */
@Entity('second_factor_policy')
export class SecondFactorPolicyRow {
  @PrimaryColumn({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'second_factor_policy_municipality_id_fkey' })
  municipalityId: string;

  @Column({ type: 'boolean' })
  required: boolean;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
