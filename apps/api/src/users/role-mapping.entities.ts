import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { Administration, Municipality, Unit } from '../organisation/organisation.entities.js';
import { RoleEnum } from '../shared/graphql-enums.js';
import type { Role } from './user.entity.js';

/** One row of the admin's mapping table: a person whose groups or roles claim holds `claimValue` gets this role and scope. */
@ObjectType('RoleMapping', { description: "A group or role id from the identity provider's claim, and the role and unit or administration it gives." })
@Entity('role_mapping')
@Unique('role_mapping_municipality_id_claim_value_key', ['municipalityId', 'claimValue'])
@Check('role_mapping_claim_value_check', 'length(claim_value) BETWEEN 1 AND 300')
@Check('role_mapping_role_check', "role IN ('staff', 'unit_manager', 'quality_coordinator', 'admin')")
@Check(
  'role_mapping_check',
  `(role IN ('staff', 'unit_manager') AND unit_id IS NOT NULL AND administration_id IS NULL) OR
   (role = 'quality_coordinator' AND administration_id IS NOT NULL AND unit_id IS NULL) OR
   (role = 'admin' AND unit_id IS NULL AND administration_id IS NULL)`,
)
export class RoleMappingRow {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'role_mapping_municipality_id_fkey' })
  municipalityId: string;

  @Field(() => String, { description: 'The value as the provider sends it, e.g. an Entra ID group object id or an app role name.' })
  @Column({ type: 'text', name: 'claim_value' })
  claimValue: string;

  @Field(() => RoleEnum)
  @Column({ type: 'text' })
  role: Role;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  @ForeignKey(() => Unit, { name: 'role_mapping_unit_id_fkey' })
  unitId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'administration_id', nullable: true })
  @ForeignKey(() => Administration, { name: 'role_mapping_administration_id_fkey' })
  administrationId: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** A municipality's choices for sign-in through its provider. A municipality without a row has the defaults. */
@Entity('identity_setting')
@Check('identity_setting_role_claim_check', 'length(role_claim) BETWEEN 1 AND 100')
export class IdentitySettingRow {
  @PrimaryColumn({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'identity_setting_municipality_id_fkey' })
  municipalityId: string;

  @Column({ type: 'text', name: 'role_claim', default: 'groups' })
  roleClaim: string;

  @Column({ type: 'boolean', name: 'auto_create', default: false })
  autoCreate: boolean;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

export const DEFAULT_IDENTITY_SETTINGS = { roleClaim: 'groups', autoCreate: false } as const;
