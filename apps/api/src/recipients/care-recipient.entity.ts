import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HousingTypeEnum } from '../shared/graphql-enums.js';

export type { HousingType } from '@hjulet/domain';
import type { HousingType } from '@hjulet/domain';

/**
 * A care recipient (brukare), known by a pseudonymous reference: no name, no personnummer. The address
 * is optional and only needed for a referral the client consented to.
 */
@ObjectType({ description: 'A care recipient (brukare), known by a pseudonymous reference.' })
@Entity('care_recipient')
export class CareRecipient {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  municipalityId: string;

  @Field(() => String, { description: 'Pseudonymous reference used by the unit, e.g. "HT-0042".' })
  @Column({ type: 'text' })
  reference: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'area_id' })
  areaId: string;

  @Field(() => HousingTypeEnum)
  @Column({ type: 'text', name: 'housing_type' })
  housingType: HousingType;

  @Field(() => Boolean, { description: 'Lives in ordinary housing (ordinärt boende), not a care home.' })
  @Column({ type: 'boolean', name: 'ordinary_housing' })
  ordinaryHousing: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Field(() => Boolean)
  @Column({ type: 'boolean' })
  active: boolean;

  @Field(() => GraphQLDateTime)
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
