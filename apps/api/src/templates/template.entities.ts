import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { TemplateDefinition } from '@hjulet/domain';
import { Administration, Municipality } from '../organisation/organisation.entities.js';
import { User } from '../users/user.entity.js';

/** A template of one municipality; its key is unique there. */
@Entity('checklist_template')
@Unique('checklist_template_municipality_key', ['municipalityId', 'key'])
// An administration-wide template's administration is one of its own municipality's.
@ForeignKey(() => Administration, ['administrationId', 'municipalityId'], ['id', 'municipalityId'], { name: 'checklist_template_administration_fkey' })
@Index('checklist_template_administration_idx', ['administrationId'], { where: 'administration_id IS NOT NULL' })
@Check('checklist_template_key_check', "key ~ '^[a-z][a-z0-9_-]{0,63}$'")
export class ChecklistTemplateRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'checklist_template_municipality_id_fkey' })
  municipalityId: string;

  /** The administration whose units get the template; null: every unit of the municipality. Fixed at creation. */
  @Column({ type: 'uuid', name: 'administration_id', nullable: true })
  administrationId: string | null;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text', name: 'title_sv' })
  titleSv: string;

  @Column({ type: 'text', name: 'title_en' })
  titleEn: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** A version of a template. Once published the database refuses any change to it. */
@Entity('template_version')
@Unique('template_version_template_id_version_key', ['templateId', 'version'])
@Check('template_version_version_check', 'version >= 1')
@Check('template_version_status_check', "status IN ('draft', 'published')")
@Check('template_version_check', "(status = 'published') = (published_at IS NOT NULL)")
export class TemplateVersionRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'template_id' })
  @ForeignKey(() => ChecklistTemplateRow, { name: 'template_version_template_id_fkey' })
  templateId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  status: 'draft' | 'published';

  @Column({ type: 'jsonb' })
  definition: TemplateDefinition;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  @ForeignKey(() => User, { name: 'template_version_created_by_fkey' })
  createdBy: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;
}
