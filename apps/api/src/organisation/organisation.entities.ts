import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';

/** Kommun, identified by SCB's four-digit kommunkod. */
@ObjectType({ description: 'A municipality (kommun).' })
@Entity('municipality')
@Unique('municipality_kommunkod_key', ['kommunkod'])
@Check('municipality_name_check', 'length(name) BETWEEN 1 AND 200')
@Check('municipality_kommunkod_check', "kommunkod ~ '^[0-9]{4}$'")
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
@Unique('administration_municipality_id_name_key', ['municipalityId', 'name'])
// Lets a template name an administration together with its municipality (checklist_template_administration_fkey).
@Unique('administration_id_municipality_key', ['id', 'municipalityId'])
@Check('administration_name_check', 'length(name) BETWEEN 1 AND 200')
export class Administration {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'administration_municipality_id_fkey' })
  municipalityId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;
}

@ObjectType({ description: 'A unit (enhet), e.g. a home-care group (hemtjänstgrupp).' })
@Entity('unit')
@Unique('unit_administration_id_name_key', ['administrationId', 'name'])
@Index('unit_administration_idx', ['administrationId'])
@Check('unit_name_check', 'length(name) BETWEEN 1 AND 200')
export class Unit {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'administration_id' })
  @ForeignKey(() => Administration, { name: 'unit_administration_id_fkey' })
  administrationId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;
}

@ObjectType({ description: 'A district (område) used for statistics and by the fire service; independent of units.' })
@Entity('area')
@Unique('area_municipality_id_code_key', ['municipalityId', 'code'])
@Check('area_code_check', "code ~ '^[A-Za-z0-9_-]{1,32}$'")
@Check('area_name_check', 'length(name) BETWEEN 1 AND 200')
export class Area {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'area_municipality_id_fkey' })
  municipalityId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  code: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;
}
