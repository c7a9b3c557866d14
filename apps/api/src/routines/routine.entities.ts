import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Municipality, Unit } from '../organisation/organisation.entities.js';
import { Goal } from '../plan/plan.entities.js';
import { User } from '../users/user.entity.js';

/*
 * The routine tables as TypeORM sees them (entities-match-migrations.test.ts holds them to the migration
 * 1765130000000-routines.ts). Reads and writes go through routine.repository.ts; the GraphQL shapes are in
 * routine.types.ts.
 */

@Entity('routine_process')
@Index('routine_process_municipality_idx', ['municipalityId'])
@Check('routine_process_name_check', 'length(name) BETWEEN 1 AND 200')
@Check('routine_process_description_check', 'length(description) BETWEEN 1 AND 2000')
export class RoutineProcessRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'routine_process_municipality_id_fkey' })
  municipalityId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

@Entity('process_activity')
@Index('process_activity_process_idx', ['processId'])
@Check('process_activity_name_check', 'length(name) BETWEEN 1 AND 200')
export class ProcessActivityRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'process_id' })
  @ForeignKey(() => RoutineProcessRow, { name: 'process_activity_process_id_fkey' })
  processId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

@Entity('routine')
@Index('routine_municipality_idx', ['municipalityId'])
@Index('routine_activity_idx', ['activityId'])
@Index('routine_unit_idx', ['unitId'])
@Index('routine_owner_review_idx', ['ownerId', 'reviewOn'])
@Check('routine_title_check', 'length(title) BETWEEN 1 AND 200')
@Check('routine_title_en_check', 'length(title_en) BETWEEN 1 AND 200')
@Check('routine_responsible_check', 'length(responsible) BETWEEN 1 AND 500')
@Check('routine_frequency_check', 'length(frequency) BETWEEN 1 AND 500')
@Check('routine_body_check', 'length(body) BETWEEN 1 AND 20000')
@Check('routine_body_en_check', 'length(body_en) BETWEEN 1 AND 20000')
@Check('routine_version_check', 'version >= 1')
@Check('routine_item_check', 'item_key IS NULL OR template_key IS NOT NULL')
export class RoutineRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'routine_municipality_id_fkey' })
  municipalityId: string;

  @Column({ type: 'uuid', name: 'activity_id' })
  @ForeignKey(() => ProcessActivityRow, { name: 'routine_activity_id_fkey' })
  activityId: string;

  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  @ForeignKey(() => Unit, { name: 'routine_unit_id_fkey' })
  unitId: string | null;

  @Column({ type: 'uuid', name: 'owner_id' })
  @ForeignKey(() => User, { name: 'routine_owner_id_fkey' })
  ownerId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', name: 'title_en', nullable: true })
  titleEn: string | null;

  @Column({ type: 'text' })
  responsible: string;

  @Column({ type: 'text' })
  frequency: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', name: 'body_en', nullable: true })
  bodyEn: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'date', name: 'review_on' })
  reviewOn: string;

  @Column({ type: 'uuid', name: 'goal_id', nullable: true })
  @ForeignKey(() => Goal, { name: 'routine_goal_id_fkey' })
  goalId: string | null;

  @Column({ type: 'text', name: 'template_key', nullable: true })
  templateKey: string | null;

  @Column({ type: 'text', name: 'item_key', nullable: true })
  itemKey: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;

  @Column({ type: 'uuid', name: 'updated_by' })
  @ForeignKey(() => User, { name: 'routine_updated_by_fkey' })
  updatedBy: string;
}

@Entity('routine_confirmation')
@Index('routine_confirmation_user_idx', ['userId'])
@Unique('routine_confirmation_once_key', ['routineId', 'version', 'userId'])
@Check('routine_confirmation_version_check', 'version >= 1')
export class RoutineConfirmationRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'routine_id' })
  @ForeignKey(() => RoutineRow, { name: 'routine_confirmation_routine_id_fkey' })
  routineId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'uuid', name: 'user_id' })
  @ForeignKey(() => User, { name: 'routine_confirmation_user_id_fkey' })
  userId: string;

  @Column({ type: 'timestamptz', name: 'confirmed_at' })
  confirmedAt: Date;

  @Column({ type: 'timestamptz', name: 'received_at', default: () => 'now()' })
  receivedAt: Date;
}
