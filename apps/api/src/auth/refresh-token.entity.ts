import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../users/user.entity.js';

/**
 * One refresh token of a session. Only its SHA-256 is stored; the tokens of one login share a family, so
 * reuse of a rotated token revokes the whole family.
 */
@Entity('refresh_token')
@Unique('refresh_token_token_hash_key', ['tokenHash'])
@Index('refresh_token_family_idx', ['familyId'])
// Only revoked tokens' families: the per-request "was this session revoked?" probe.
@Index('refresh_token_revoked_family_idx', ['familyId'], { where: 'revoked_at IS NOT NULL' })
export class RefreshTokenRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'user_id' })
  @ForeignKey(() => User, { name: 'refresh_token_user_id_fkey' })
  userId: string;

  @Column({ type: 'uuid', name: 'family_id' })
  familyId: string;

  @Column({ type: 'bytea', name: 'token_hash' })
  tokenHash: Buffer;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'rotated_at', nullable: true })
  rotatedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
