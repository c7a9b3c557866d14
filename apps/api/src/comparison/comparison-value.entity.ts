import { Field, Float, ObjectType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { Municipality } from '../organisation/organisation.entities.js';
import { User } from '../users/user.entity.js';

/** A value of some municipality for an indicator and year, imported by a municipality for comparison. */
@ObjectType({ description: "A municipality's value of an indicator for a year, imported from Kolada or a CSV." })
@Entity('comparison_value')
@Unique('comparison_value_unique_key', ['municipalityId', 'municipalityCode', 'indicator', 'period'])
@Check('comparison_value_municipality_code_check', "municipality_code ~ '^[0-9]{4}$'")
@Check('comparison_value_indicator_check', "indicator ~ '^[A-Za-z0-9_]{1,64}$'")
@Check('comparison_value_period_check', "period ~ '^[0-9]{4}$'")
export class ComparisonValueRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The municipality that imported it (the tenant), not the one it is about. */
  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'comparison_value_municipality_id_fkey' })
  municipalityId: string;

  @Field(() => String, { description: "SCB's kommunkod of the municipality the value is about." })
  @Column({ type: 'char', length: 4, name: 'municipality_code' })
  municipalityCode: string;

  @Field(() => String, { description: 'A Kolada KPI id (e.g. U21468) or an indicator key.' })
  @Column({ type: 'text' })
  indicator: string;

  @Field(() => String)
  @Column({ type: 'text' })
  period: string;

  @Field(() => Float)
  @Column({ type: 'double precision' })
  value: number;

  @Column({ type: 'uuid', name: 'imported_by' })
  @ForeignKey(() => User, { name: 'comparison_value_imported_by_fkey' })
  importedById: string;

  @Column({ type: 'timestamptz', name: 'imported_at', default: () => 'now()' })
  importedAt: Date;
}
