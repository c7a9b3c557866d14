import { Field, InputType } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { ArrayMaxSize, ArrayMinSize, Length } from 'class-validator';
import { PartnerScopeEnum } from './partner.types.js';
import type { PartnerScope } from './partner-principal.js';

@InputType()
export class RegisterPartnerClientInput {
  @Field(() => String, { description: 'The organisation, e.g. "Räddningstjänsten Östra Götaland".' })
  @Length(1, 200)
  name: string;

  @Field(() => String, { description: 'Swedish organisation number, NNNNNN-NNNN (checked with its Luhn digit).' })
  @Length(10, 13)
  organisationNumber: string;

  @Field(() => [GraphQLUUID], { description: "Areas of the admin's municipality the partner covers." })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  areaIds: string[];

  @Field(() => [PartnerScopeEnum])
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  scopes: PartnerScope[];
}
