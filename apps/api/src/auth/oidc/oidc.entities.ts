import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { User } from '../../users/user.entity.js';

export type SignInMethod = 'password' | 'oidc';

/** A started OpenID Connect sign-in: used once, by the browser that started it, before it expires. */
@Entity('oidc_pending_login')
@Index('oidc_pending_login_expires_at_idx', ['expiresAt'])
export class OidcPendingLoginRow {
  @PrimaryColumn({ type: 'bytea', name: 'state_hash' })
  stateHash: Buffer;

  /** SHA-256 of the random value in the browser's cookie: a callback from another browser is refused. */
  @Column({ type: 'bytea', name: 'browser_hash' })
  browserHash: Buffer;

  @Column({ type: 'text' })
  nonce: string;

  @Column({ type: 'text', name: 'code_verifier' })
  codeVerifier: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;
}

/** A one-time code the PWA exchanges for its session after the provider sent the browser back. */
@Entity('sign_in_handoff')
@Index('sign_in_handoff_expires_at_idx', ['expiresAt'])
@Check('sign_in_handoff_method_check', "method IN ('password', 'oidc')")
export class SignInHandoffRow {
  @PrimaryColumn({ type: 'bytea', name: 'code_hash' })
  codeHash: Buffer;

  @Column({ type: 'uuid', name: 'user_id' })
  @ForeignKey(() => User, { name: 'sign_in_handoff_user_id_fkey' })
  userId: string;

  @Column({ type: 'text' })
  method: SignInMethod;

  @Column({ type: 'text', name: 'id_token', nullable: true })
  idToken: string | null;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;
}

/** How a session (refresh-token family) began; the ID token is kept for RP-initiated logout. */
@Entity('session_sign_in')
@Index('session_sign_in_user_id_idx', ['userId'])
@Check('session_sign_in_method_check', "method IN ('password', 'oidc')")
@Check('session_sign_in_user_agent_check', 'length(user_agent) <= 300')
export class SessionSignInRow {
  @PrimaryColumn({ type: 'uuid', name: 'family_id' })
  familyId: string;

  @Column({ type: 'uuid', name: 'user_id' })
  @ForeignKey(() => User, { name: 'session_sign_in_user_id_fkey' })
  userId: string;

  @Column({ type: 'text' })
  method: SignInMethod;

  @Column({ type: 'text', name: 'id_token', nullable: true })
  idToken: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  /** The browser's User-Agent as it began the session (first 300 characters), for the user's list of sessions. */
  @Column({ type: 'text', name: 'user_agent', nullable: true })
  userAgent: string | null;
}
