import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Area, Municipality, Unit } from '../organisation/organisation.entities.js';
import { HousingTypeEnum } from '../shared/graphql-enums.js';

export type { HousingType } from '@hjulet/domain';
import type { HousingType } from '@hjulet/domain';

/**
 * A care recipient (brukare), known by a pseudonymous reference: no name, no personnummer. The address
 * is optional and only needed for a referral the client consented to.
 */
@ObjectType({ description: 'A care recipient (brukare), known by a pseudonymous reference.' })
@Entity('care_recipient')
@Unique('care_recipient_municipality_id_reference_key', ['municipalityId', 'reference'])
@Index('care_recipient_unit_idx', ['unitId'], { where: 'active' })
@Check('care_recipient_reference_check', 'length(reference) BETWEEN 1 AND 64')
@Check('care_recipient_housing_type_check', "housing_type IN ('rented_flat', 'owned_flat', 'house', 'other')")
@Check('care_recipient_address_check', 'length(address) <= 300')
export class CareRecipient {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'care_recipient_municipality_id_fkey' })
  municipalityId: string;

  @Field(() => String, { description: 'Pseudonymous reference used by the unit, e.g. "HT-0042".' })
  @Column({ type: 'text' })
  reference: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'unit_id' })
  @ForeignKey(() => Unit, { name: 'care_recipient_unit_id_fkey' })
  unitId: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'area_id' })
  @ForeignKey(() => Area, { name: 'care_recipient_area_id_fkey' })
  areaId: string;

  @Field(() => HousingTypeEnum)
  @Column({ type: 'text', name: 'housing_type' })
  housingType: HousingType;

  @Field(() => Boolean, { description: 'Lives in ordinary housing (ordinärt boende), not a care home.' })
  @Column({ type: 'boolean', name: 'ordinary_housing', default: true })
  ordinaryHousing: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => GraphQLDateTime)
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  /** When the person's identifying data was erased (on request or by retention); the row stays as a de-identified stub. */
  @Field(() => GraphQLDateTime, { nullable: true })
  @Column({ type: 'timestamptz', name: 'erased_at', nullable: true })
  erasedAt: Date | null;
}
