import { ArgsType, Field } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { Length, Matches } from 'class-validator';

@ArgsType()
export class CreateAdministrationArgs {
  @Field(() => String)
  @Length(1, 200)
  name: string;
}

@ArgsType()
export class CreateUnitArgs {
  @Field(() => GraphQLUUID)
  administrationId: string;

  @Field(() => String)
  @Length(1, 200)
  name: string;
}

@ArgsType()
export class CreateAreaArgs {
  @Field(() => String, { description: 'Short code, e.g. "NORR"; letters, digits, - and _.' })
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'code must be 1–32 letters, digits, - or _' })
  code: string;

  @Field(() => String)
  @Length(1, 200)
  name: string;
}
