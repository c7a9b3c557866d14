import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Municipality, Unit } from '../organisation/organisation.entities.js';
import { RoutineProcessRow } from '../routines/routine.entities.js';
import { TemplateVersionRow } from '../templates/template.entities.js';
import { User } from '../users/user.entity.js';

/*
 * The self-check tables as TypeORM sees them (entities-match-migrations.test.ts holds them to the migration
 * 1765150000000-self-checks.ts). Reads and writes go through self-check.repository.ts; the GraphQL shapes
 * are in self-check.types.ts.
 */

@Entity('self_check_plan')
@Index('self_check_plan_unit_idx', ['unitId'])
@Index('self_check_plan_municipality_idx', ['municipalityId'])
@Check('self_check_plan_frequency_check', "frequency IN ('monthly', 'quarterly', 'half_yearly', 'yearly')")
@Check('self_check_plan_performer_role_check', "performer_role IN ('staff', 'unit_manager', 'quality_coordinator')")
@Check('self_check_plan_performer_check', '(performer_role IS NULL) <> (performer_id IS NULL)')
export class SelfCheckPlanRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'self_check_plan_municipality_id_fkey' })
  municipalityId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  @ForeignKey(() => Unit, { name: 'self_check_plan_unit_id_fkey' })
  unitId: string;

  @Column({ type: 'uuid', name: 'process_id', nullable: true })
  @ForeignKey(() => RoutineProcessRow, { name: 'self_check_plan_process_id_fkey' })
  processId: string | null;

  @Column({ type: 'uuid', name: 'template_version_id' })
  @ForeignKey(() => TemplateVersionRow, { name: 'self_check_plan_template_version_id_fkey' })
  templateVersionId: string;

  @Column({ type: 'text' })
  frequency: string;

  @Column({ type: 'text', name: 'performer_role', nullable: true })
  performerRole: string | null;

  @Column({ type: 'uuid', name: 'performer_id', nullable: true })
  @ForeignKey(() => User, { name: 'self_check_plan_performer_id_fkey' })
  performerId: string | null;

  @Column({ type: 'date', name: 'first_due_on' })
  firstDueOn: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'self_check_plan_created_by_fkey' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

@Entity('self_check_result')
@Index('self_check_result_plan_idx', ['planId', 'completedOn'])
@Index('self_check_result_unit_idx', ['unitId', 'completedOn'])
export class SelfCheckResultRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'plan_id' })
  @ForeignKey(() => SelfCheckPlanRow, { name: 'self_check_result_plan_id_fkey' })
  planId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  @ForeignKey(() => Unit, { name: 'self_check_result_unit_id_fkey' })
  unitId: string;

  @Column({ type: 'uuid', name: 'process_id', nullable: true })
  @ForeignKey(() => RoutineProcessRow, { name: 'self_check_result_process_id_fkey' })
  processId: string | null;

  @Column({ type: 'uuid', name: 'template_version_id' })
  @ForeignKey(() => TemplateVersionRow, { name: 'self_check_result_template_version_id_fkey' })
  templateVersionId: string;

  @Column({ type: 'jsonb' })
  answers: Record<string, string | number>;

  @Column({ type: 'timestamptz', name: 'completed_at' })
  completedAt: Date;

  @Column({ type: 'date', name: 'completed_on' })
  completedOn: string;

  @Column({ type: 'timestamptz', name: 'received_at', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'uuid', name: 'performed_by' })
  @ForeignKey(() => User, { name: 'self_check_result_performed_by_fkey' })
  performedBy: string;
}

@Entity('self_check_finding')
@Unique('self_check_finding_result_item_key', ['resultId', 'itemKey'])
@Check('self_check_finding_severity_check', "severity IN ('low', 'medium', 'high')")
export class SelfCheckFindingRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'result_id' })
  @ForeignKey(() => SelfCheckResultRow, { name: 'self_check_finding_result_id_fkey' })
  resultId: string;

  @Column({ type: 'text', name: 'item_key' })
  itemKey: string;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  severity: string;
}

@Entity('self_check_action')
@Index('self_check_action_finding_idx', ['findingId'])
@Check('self_check_action_what_check', 'length(what) BETWEEN 1 AND 1000')
@Check('self_check_action_status_check', "status IN ('open', 'done')")
@Check('self_check_action_done_check', "(status = 'done') = (done_at IS NOT NULL)")
export class SelfCheckActionRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'finding_id' })
  @ForeignKey(() => SelfCheckFindingRow, { name: 'self_check_action_finding_id_fkey' })
  findingId: string;

  @Column({ type: 'text' })
  what: string;

  @Column({ type: 'uuid', name: 'owner_id' })
  @ForeignKey(() => User, { name: 'self_check_action_owner_id_fkey' })
  ownerId: string;

  @Column({ type: 'date', name: 'due_on' })
  dueOn: string;

  @Column({ type: 'text', default: 'open' })
  status: string;

  @Column({ type: 'timestamptz', name: 'done_at', nullable: true })
  doneAt: Date | null;

  @Column({ type: 'uuid', name: 'done_by', nullable: true })
  @ForeignKey(() => User, { name: 'self_check_action_done_by_fkey' })
  doneBy: string | null;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'self_check_action_created_by_fkey' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
