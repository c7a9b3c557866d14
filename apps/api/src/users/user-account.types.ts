import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLUUID } from 'graphql-scalars';
import { IsBoolean, Length, Matches } from 'class-validator';
import { graphqlEnum, RoleEnum } from '../shared/graphql-enums.js';
import type { Role } from './user.entity.js';

export const SignInMethodEnum = graphqlEnum('SignInMethod', ['password', 'oidc'] as const, {
  description: 'How a session began: a local password, or the identity provider (OpenID Connect).',
});

export const RoleSourceEnum = graphqlEnum('RoleSource', ['admin', 'mapping'] as const, {
  description: 'Who set a role: an admin by hand, or the role-mapping table at a sign-in through the provider.',
});

@ObjectType({ description: "A user as the admin manages them: role and scope, and how they use the system. The admin's view only." })
export class UserAccount {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  email: string;

  @Field(() => String)
  displayName: string;

  @Field(() => RoleEnum, { nullable: true, description: 'Null while the user awaits a role.' })
  role: Role | null;

  @Field(() => RoleSourceEnum, { nullable: true })
  roleSource: 'admin' | 'mapping' | null;

  @Field(() => ID, { nullable: true })
  unitId: string | null;

  @Field(() => ID, { nullable: true })
  administrationId: string | null;

  @Field(() => Boolean)
  active: boolean;

  @Field(() => Boolean, {
    description: 'Created at a first sign-in through the provider and given no role yet: the user can do nothing until an admin assigns one.',
  })
  awaitingRole: boolean;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  lastSignInAt: Date | null;

  @Field(() => SignInMethodEnum, { nullable: true })
  lastSignInMethod: 'password' | 'oidc' | null;

  @Field(() => Boolean, { description: 'No sign-in for 90 days (counted from creation when never signed in): an account to review.' })
  dormant: boolean;
}

@InputType({ description: 'A role and its scope: a unit for staff and unit managers, an administration for quality coordinators, neither for admins.' })
export class ScopedRoleInput {
  @Field(() => RoleEnum)
  role: Role;

  @Field(() => GraphQLUUID, { nullable: true })
  unitId?: string | null;

  @Field(() => GraphQLUUID, { nullable: true })
  administrationId?: string | null;
}

@InputType()
export class RoleMappingInput extends ScopedRoleInput {
  @Field(() => String, { description: 'The group or role id exactly as the provider sends it (1–300 characters).' })
  @Length(1, 300)
  claimValue: string;
}

@ObjectType({ description: 'How sign-in through the identity provider gives roles, for the municipality.' })
export class IdentitySettings {
  @Field(() => String, { description: 'The claim whose values the mapping table matches, e.g. `groups` or `roles`.' })
  roleClaim: string;

  @Field(() => Boolean, { description: 'Whether a person the provider vouches for, with no account here, gets one (awaiting a role) at the first sign-in.' })
  autoCreate: boolean;
}

@InputType()
export class IdentitySettingsInput {
  @Field(() => String, { description: "The claim to match, e.g. `groups`, `roles` or a broker's claim name (letters, digits, `_ - . : /`)." })
  @Length(1, 100)
  @Matches(/^[A-Za-z0-9_.:/-]+$/)
  roleClaim: string;

  @Field(() => Boolean)
  @IsBoolean()
  autoCreate: boolean;
}
