import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Kommun, identified by SCB's four-digit kommunkod. */
@ObjectType({ description: 'A municipality (kommun).' })
@Entity('municipality')
export class Municipality {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { description: "SCB's four-digit municipality code." })
  @Column({ type: 'char', length: 4 })
  kommunkod: string;
}

@ObjectType({ description: 'An administration (förvaltning) of a municipality.' })
@Entity('administration')
export class Administration {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'municipality_id' })
  municipalityId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;
}

@ObjectType({ description: 'A unit (enhet), e.g. a home-care group (hemtjänstgrupp).' })
@Entity('unit')
export class Unit {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'administration_id' })
  administrationId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;
}

@ObjectType({ description: 'A district (område) used for statistics and by the fire service; independent of units.' })
@Entity('area')
export class Area {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'municipality_id' })
  municipalityId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  code: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;
}
