import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Area, Municipality } from '../organisation/organisation.entities.js';
import { User } from '../users/user.entity.js';

/**
 * A partner's OAuth 2.0 client (the fire service's system). The GraphQL shape is `PartnerClient` in
 * partner.types.ts: the secret hash never leaves the repository.
 */
@Entity('partner_client')
@Index('partner_client_municipality_idx', ['municipalityId'])
@Check('partner_client_name_check', 'length(name) BETWEEN 1 AND 200')
@Check('partner_client_organisation_number_check', "organisation_number ~ '^[0-9]{6}-[0-9]{4}$'")
@Check('partner_client_scopes_check', "cardinality(scopes) >= 1 AND scopes <@ ARRAY['risk_statistics:read', 'referrals:read', 'referrals:ack']::text[]")
@Check('partner_client_secret_version_check', 'secret_version >= 1')
export class PartnerClientRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'partner_client_municipality_id_fkey' })
  municipalityId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', name: 'organisation_number' })
  organisationNumber: string;

  @Column({ type: 'text', array: true })
  scopes: string[];

  /** argon2id, as user passwords. */
  @Column({ type: 'text', name: 'secret_hash' })
  secretHash: string;

  /** Raised by every rotation; access tokens carry the version they were issued under. */
  @Column({ type: 'integer', name: 'secret_version', default: 1 })
  secretVersion: number;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'partner_client_created_by_fkey' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}

/** The areas a partner client covers: its statistics and referrals are limited to them. */
@Entity('partner_client_area')
export class PartnerClientAreaRow {
  @PrimaryColumn({ type: 'uuid', name: 'partner_client_id' })
  @ForeignKey(() => PartnerClientRow, { name: 'partner_client_area_partner_client_id_fkey' })
  partnerClientId: string;

  @PrimaryColumn({ type: 'uuid', name: 'area_id' })
  @ForeignKey(() => Area, { name: 'partner_client_area_area_id_fkey' })
  areaId: string;
}
