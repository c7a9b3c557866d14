import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { TemplateDefinition } from '@hjulet/domain';

/** A template of one municipality; its key is unique there. */
@Entity('checklist_template')
@Unique('checklist_template_municipality_key', ['municipalityId', 'key'])
export class ChecklistTemplateRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
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
export class TemplateVersionRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'template_id' })
  templateId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  status: 'draft' | 'published';

  @Column({ type: 'jsonb' })
  definition: TemplateDefinition;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;
}
