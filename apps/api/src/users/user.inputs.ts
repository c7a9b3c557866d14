import { Field, InputType } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { IsEmail, Length, MaxLength } from 'class-validator';
import { RoleEnum } from '../shared/graphql-enums.js';

@InputType()
export class CreateUserInput {
  @Field(() => String)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field(() => String)
  @Length(1, 200)
  displayName: string;

  @Field(() => String, { description: 'At least 10 characters.' })
  @Length(10, 200)
  password: string;

  @Field(() => RoleEnum)
  role: RoleEnum;

  @Field(() => GraphQLUUID, { nullable: true, description: 'Required for staff and unit managers.' })
  unitId?: string | null;

  @Field(() => GraphQLUUID, { nullable: true, description: 'Required for quality coordinators.' })
  administrationId?: string | null;
}
