import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { parseTemplateDefinition, type TemplateDefinition } from '@hjulet/domain';
import type { AuditService } from '../audit/audit.service.js';
import { badInput, conflict, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import { ChecklistTemplateRow, TemplateVersionRow } from './template.entities.js';

export interface TemplateWithVersions {
  template: ChecklistTemplateRow;
  versions: TemplateVersionRow[];
}

/** A definition that passed the domain's checks, or BAD_USER_INPUT listing every problem. */
function validDefinition(input: unknown): TemplateDefinition {
  const parsed = parseTemplateDefinition(input);
  if (parsed.ok) return parsed.value;
  const issues = parsed.issues.map((i) => ({ ...i, field: `definition.${i.field}` }));
  throw badInput(`The template has ${issues.length} problem(s): ${issues[0]?.message ?? ''}`, issues[0]?.field, issues);
}

/**
 * Checklist templates as data: an admin or coordinator imports a JSON definition as a new draft
 * version, may replace the draft, and publishes it. Published versions are cached forever: the
 * database guarantees they never change.
 */
export class TemplateService {
  private readonly publishedCache = new Map<string, TemplateVersionRow>();
  private readonly loading = new Map<string, Promise<TemplateVersionRow | null>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Imports a definition as the template's next version (a new template for a new key). */
  async importDefinition(caller: Caller, input: unknown, publish: boolean): Promise<TemplateVersionRow> {
    const definition = validDefinition(input);
    return this.dataSource.transaction(async (m) => {
      // Serialises concurrent imports of one key, so two drafts never claim the same version number.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('template:' || $1))`, [definition.key]);
      let template = await m.findOneBy(ChecklistTemplateRow, { key: definition.key });
      if (!template) {
        template = m.create(ChecklistTemplateRow, { id: randomUUID(), key: definition.key, titleSv: definition.title.sv, titleEn: definition.title.en, createdAt: new Date() });
        await m.insert(ChecklistTemplateRow, template);
      }
      const [{ next }] = await m.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM template_version WHERE template_id = $1`, [template.id]);
      const now = new Date();
      const row = m.create(TemplateVersionRow, {
        id: randomUUID(),
        templateId: template.id,
        version: Number(next),
        status: publish ? 'published' : 'draft',
        definition,
        createdBy: caller.principal.userId,
        createdAt: now,
        publishedAt: publish ? now : null,
      });
      await m.insert(TemplateVersionRow, row);
      await this.audit.record(caller, [{ action: publish ? 'publish' : 'create', entityType: 'template_version', entityId: row.id, details: { key: definition.key, version: row.version } }], m);
      return row;
    });
  }

  async replaceDraft(caller: Caller, versionId: string, input: unknown): Promise<TemplateVersionRow> {
    const definition = validDefinition(input);
    return this.dataSource.transaction(async (m) => {
      const row = await m.findOne(TemplateVersionRow, { where: { id: versionId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('Template version', 'versionId');
      if (row.status !== 'draft') throw conflict('A published version cannot change; import a new version instead', 'versionId');
      if (row.definition.key !== definition.key) throw badInput('The key of a template cannot change', 'definition.key');
      row.definition = definition;
      await m.update(TemplateVersionRow, { id: row.id }, { definition });
      await this.audit.record(caller, [{ action: 'update', entityType: 'template_version', entityId: row.id }], m);
      return row;
    });
  }

  async publish(caller: Caller, versionId: string): Promise<TemplateVersionRow> {
    return this.dataSource.transaction(async (m) => {
      const row = await m.findOne(TemplateVersionRow, { where: { id: versionId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('Template version', 'versionId');
      if (row.status === 'published') throw conflict('This version is already published', 'versionId');
      row.status = 'published';
      row.publishedAt = new Date();
      await m.update(TemplateVersionRow, { id: row.id }, { status: row.status, publishedAt: row.publishedAt });
      await this.audit.record(caller, [{ action: 'publish', entityType: 'template_version', entityId: row.id }], m);
      return row;
    });
  }

  async list(): Promise<TemplateWithVersions[]> {
    const templates = await this.dataSource.manager.find(ChecklistTemplateRow, { order: { key: 'ASC' } });
    if (templates.length === 0) return [];
    const versions = await this.dataSource.manager.find(TemplateVersionRow, {
      where: { templateId: In(templates.map((t) => t.id)) },
      order: { version: 'DESC' },
    });
    return templates.map((template) => ({ template, versions: versions.filter((v) => v.templateId === template.id) }));
  }

  /** One version; concurrent calls for one id (every risk of a page of reviews) share one query. */
  async versionById(id: string): Promise<TemplateVersionRow | null> {
    const cached = this.publishedCache.get(id);
    if (cached) return cached;
    const pending = this.loading.get(id);
    if (pending) return pending;
    const load = this.dataSource.manager
      .findOneBy(TemplateVersionRow, { id })
      .then((row) => {
        if (row?.status === 'published') this.publishedCache.set(id, row);
        return row;
      })
      .finally(() => this.loading.delete(id));
    this.loading.set(id, load);
    return load;
  }

  /** Published versions by id, from the cache where possible: one query at most for a whole batch. */
  async publishedVersions(ids: string[]): Promise<Map<string, TemplateVersionRow>> {
    const found = new Map<string, TemplateVersionRow>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = this.publishedCache.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = await this.dataSource.manager.findBy(TemplateVersionRow, { id: In(missing), status: 'published' });
      for (const row of rows) {
        this.publishedCache.set(row.id, row);
        found.set(row.id, row);
      }
    }
    return found;
  }

  async latestPublished(key: string): Promise<TemplateVersionRow | null> {
    const rows = await this.dataSource.query(
      `SELECT v.id FROM template_version v JOIN checklist_template t ON t.id = v.template_id
       WHERE t.key = $1 AND v.status = 'published' ORDER BY v.version DESC LIMIT 1`,
      [key],
    );
    const id = (rows as Array<{ id: string }>)[0]?.id;
    return id ? this.versionById(id) : null;
  }
}
