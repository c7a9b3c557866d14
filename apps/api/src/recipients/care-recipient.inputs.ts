import { Field, InputType } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { Length, Matches, MaxLength } from 'class-validator';
import { HousingTypeEnum } from '../shared/graphql-enums.js';

@InputType()
export class CreateCareRecipientInput {
  @Field(() => String)
  @Matches(/^[\p{L}\p{N}_.-]{1,64}$/u, { message: 'reference must be 1–64 letters, digits, ".", "-" or "_"' })
  reference: string;

  @Field(() => GraphQLUUID)
  unitId: string;

  @Field(() => GraphQLUUID)
  areaId: string;

  @Field(() => HousingTypeEnum)
  housingType: HousingTypeEnum;

  @Field(() => Boolean, { defaultValue: true })
  ordinaryHousing: boolean;

  @Field(() => String, { nullable: true })
  @MaxLength(300)
  address?: string | null;
}

@InputType({ description: 'Only the fields given are changed.' })
export class UpdateCareRecipientInput {
  @Field(() => GraphQLUUID, { nullable: true, description: 'Moving a recipient to another unit is for admins.' })
  unitId?: string;

  @Field(() => GraphQLUUID, { nullable: true })
  areaId?: string;

  @Field(() => HousingTypeEnum, { nullable: true })
  housingType?: HousingTypeEnum;

  @Field(() => Boolean, { nullable: true })
  ordinaryHousing?: boolean;

  @Field(() => String, { nullable: true })
  @Length(0, 300)
  address?: string;

  @Field(() => Boolean, { nullable: true })
  active?: boolean;
}
