import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { Role } from '@hjulet/domain';
import { RoleEnum } from '../shared/graphql-enums.js';

export type { Role };
export { ROLES } from '@hjulet/domain';

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
