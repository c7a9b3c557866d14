import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

import type { Role } from '@hjulet/domain';
import { Administration, Municipality, Unit } from '../organisation/organisation.entities.js';
import { RoleEnum } from '../shared/graphql-enums.js';

export type { Role };
export type RoleSource = 'admin' | 'mapping';
export { ROLES } from '@hjulet/domain';

@ObjectType({ description: 'A person who logs in. Care recipients are never users.' })
@Entity('app_user')
@Unique('app_user_email_key', ['email'])
@Unique('app_user_municipality_id_external_subject_key', ['municipalityId', 'externalSubject'])
@Check('app_user_external_subject_check', 'length(external_subject) BETWEEN 1 AND 500')
@Check('app_user_last_sign_in_method_check', "last_sign_in_method IN ('password', 'oidc')")
@Check('app_user_email_check', 'email = lower(email) AND length(email) BETWEEN 3 AND 254')
@Check('app_user_display_name_check', 'length(display_name) BETWEEN 1 AND 200')
@Check('app_user_role_check', "role IN ('staff', 'unit_manager', 'quality_coordinator', 'admin')")
// The role decides the scope: a unit for staff and unit managers, an administration for coordinators;
// no role (awaiting one after a first sign-in through the provider) means no scope at all.
@Check(
  'app_user_check',
  `(role IN ('staff', 'unit_manager') AND unit_id IS NOT NULL AND administration_id IS NULL) OR
   (role = 'quality_coordinator' AND administration_id IS NOT NULL AND unit_id IS NULL) OR
   (role = 'admin' AND unit_id IS NULL AND administration_id IS NULL) OR
   (role IS NULL AND unit_id IS NULL AND administration_id IS NULL)`,
)
@Check('app_user_role_source_check', "role_source IN ('admin', 'mapping')")
@Check('app_user_role_source_present_check', '(role IS NULL) = (role_source IS NULL)')
export class User {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'app_user_municipality_id_fkey' })
  municipalityId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  email: string;

  @Field(() => String)
  @Column({ type: 'text', name: 'display_name' })
  displayName: string;

  @Column({ type: 'text', name: 'password_hash', select: false })
  passwordHash: string;

  @Field(() => RoleEnum, {
    nullable: true,
    description: 'Null while the user awaits a role (created at a first sign-in through the provider); such a user has no session.',
  })
  @Column({ type: 'text', nullable: true })
  role: Role | null;

  /** Who set the role: an admin, or the role-mapping table at sign-in (see users/role-mapping.ts). */
  @Column({ type: 'text', name: 'role_source', nullable: true, select: false, default: 'admin' })
  roleSource: RoleSource | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  @ForeignKey(() => Unit, { name: 'app_user_unit_id_fkey' })
  unitId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'administration_id', nullable: true })
  @ForeignKey(() => Administration, { name: 'app_user_administration_id_fkey' })
  administrationId: string | null;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** The identity provider's identifying claim for the person, when it is not the email (e.g. `sub` or an HSA-id). */
  @Column({ type: 'text', name: 'external_subject', nullable: true, select: false })
  externalSubject: string | null;

  @Column({ type: 'timestamptz', name: 'last_sign_in_at', nullable: true, select: false })
  lastSignInAt: Date | null;

  @Column({ type: 'text', name: 'last_sign_in_method', nullable: true, select: false })
  lastSignInMethod: 'password' | 'oidc' | null;

  // Not selected unless asked for: no read of a user needs it yet, and selecting it would change every user query.
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()', select: false })
  createdAt: Date;
}
