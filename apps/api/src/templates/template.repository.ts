import { In, IsNull, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { TemplateDefinition } from '@hjulet/domain';
import { Administration, Unit } from '../organisation/organisation.entities.js';
import { ChecklistTemplateRow, TemplateVersionRow } from './template.entities.js';
import type { TemplateViewer } from '../access/template-audience.js';

/**
 * The SQL of templates. Ordinary reads and writes go through TypeORM; the one hand-written statement is
 * the advisory lock. Methods that take part in a transaction take its EntityManager.
 */
export class TemplateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises concurrent imports of one key in one municipality, so two never claim one version number. */
  async lockKey(m: EntityManager, municipalityId: string, key: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('template:' || $1 || ':' || $2))`, [municipalityId, key]);
  }

  templateByKey(m: EntityManager | undefined, municipalityId: string, key: string): Promise<ChecklistTemplateRow | null> {
    return (m ?? this.dataSource.manager).findOneBy(ChecklistTemplateRow, { municipalityId, key });
  }

  async insertTemplate(m: EntityManager, template: ChecklistTemplateRow): Promise<void> {
    await m.insert(ChecklistTemplateRow, template);
  }

  async nextVersion(m: EntityManager, templateId: string): Promise<number> {
    return ((await m.maximum(TemplateVersionRow, 'version', { templateId })) ?? 0) + 1;
  }

  async insertVersion(m: EntityManager, version: TemplateVersionRow): Promise<void> {
    await m.insert(TemplateVersionRow, version);
  }

  /** A version locked for a change, with its template. */
  async versionForUpdate(m: EntityManager, id: string): Promise<{ version: TemplateVersionRow; template: ChecklistTemplateRow } | null> {
    const version = await m.findOne(TemplateVersionRow, { where: { id }, lock: { mode: 'pessimistic_write' } });
    const template = version && (await m.findOneBy(ChecklistTemplateRow, { id: version.templateId }));
    return version && template ? { version, template } : null;
  }

  async replaceDefinition(m: EntityManager, id: string, definition: TemplateDefinition): Promise<void> {
    await m.update(TemplateVersionRow, { id }, { definition });
  }

  async markPublished(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.update(TemplateVersionRow, { id }, { status: 'published', publishedAt: at });
  }

  /** The templates a viewer gets, by key. */
  visibleTemplates(viewer: TemplateViewer): Promise<ChecklistTemplateRow[]> {
    const { municipalityId } = viewer;
    const where: FindOptionsWhere<ChecklistTemplateRow>[] =
      viewer.administration === 'all'
        ? [{ municipalityId }]
        : [
            { municipalityId, administrationId: IsNull() },
            { municipalityId, administrationId: viewer.administration },
          ];
    return this.dataSource.manager.find(ChecklistTemplateRow, { where, order: { key: 'ASC' } });
  }

  /** Versions of these templates, newest first; drafts only when asked for. */
  versionsOf(templateIds: string[], withDrafts: boolean): Promise<TemplateVersionRow[]> {
    if (templateIds.length === 0) return Promise.resolve([]);
    const where = { templateId: In(templateIds), ...(withDrafts ? {} : { status: 'published' as const }) };
    return this.dataSource.manager.find(TemplateVersionRow, { where, order: { version: 'DESC' } });
  }

  versionById(id: string): Promise<TemplateVersionRow | null> {
    return this.dataSource.manager.findOneBy(TemplateVersionRow, { id });
  }

  publishedVersionsByIds(ids: string[]): Promise<TemplateVersionRow[]> {
    return this.dataSource.manager.findBy(TemplateVersionRow, { id: In(ids), status: 'published' });
  }

  templatesByIds(ids: string[]): Promise<ChecklistTemplateRow[]> {
    return this.dataSource.manager.findBy(ChecklistTemplateRow, { id: In(ids) });
  }

  async latestPublishedId(templateId: string): Promise<string | null> {
    const latest = await this.dataSource.manager.findOne(TemplateVersionRow, {
      select: { id: true },
      where: { templateId, status: 'published' },
      order: { version: 'DESC' },
    });
    return latest?.id ?? null;
  }

  async administrationOfUnit(unitId: string): Promise<string | null> {
    return (await this.dataSource.manager.findOne(Unit, { select: { administrationId: true }, where: { id: unitId } }))?.administrationId ?? null;
  }

  administrationExists(id: string, municipalityId: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(Administration, { id, municipalityId });
  }
}
