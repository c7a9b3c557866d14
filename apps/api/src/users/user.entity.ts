import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type Role = 'staff' | 'unit_manager' | 'quality_coordinator' | 'admin';
export const ROLES: readonly Role[] = ['staff', 'unit_manager', 'quality_coordinator', 'admin'];

// GraphQL needs an enum; the rest of the code uses the string union.
export enum RoleEnum {
  STAFF = 'staff',
  UNIT_MANAGER = 'unit_manager',
  QUALITY_COORDINATOR = 'quality_coordinator',
  ADMIN = 'admin',
}
registerEnumType(RoleEnum, { name: 'Role', description: 'What a user does, and so what they may see.' });

@ObjectType({ description: 'A person who logs in. Care recipients are never users.' })
@Entity('app_user')
export class User {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'municipality_id' })
  municipalityId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  email: string;

  @Field(() => String)
  @Column({ type: 'text', name: 'display_name' })
  displayName: string;

  @Column({ type: 'text', name: 'password_hash', select: false })
  passwordHash: string;

  @Field(() => RoleEnum)
  @Column({ type: 'text' })
  role: Role;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  unitId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'administration_id', nullable: true })
  administrationId: string | null;

  @Field(() => Boolean)
  @Column({ type: 'boolean' })
  active: boolean;
}
