import { randomUUID } from 'node:crypto';
import { parseTemplateDefinition, type TemplateDefinition } from '@hjulet/domain';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { AppError, badInput, conflict, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import { mayAuthor, reaches, viewerOf, type TemplateAudience, type TemplateViewer } from '../access/template-audience.js';
import { ChecklistTemplateRow, TemplateVersionRow } from './template.entities.js';
import type { TemplateRepository } from './template.repository.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';

export interface TemplateWithVersions {
  template: ChecklistTemplateRow;
  /** Newest first; drafts only for those who author templates. */
  versions: TemplateVersionRow[];
}

/** A definition that passed the domain's checks, or BAD_USER_INPUT listing every problem. */
function validDefinition(input: unknown): TemplateDefinition {
  const parsed = parseTemplateDefinition(input);
  if (parsed.ok) return parsed.value;
  const issues = parsed.issues.map((i) => ({ ...i, field: `definition.${i.field}` }));
  throw badInput(`The template has ${issues.length} problem(s): ${issues[0]?.message ?? ''}`, issues[0]?.field, issues);
}

const audienceOf = (t: ChecklistTemplateRow): TemplateAudience => ({ municipalityId: t.municipalityId, administrationId: t.administrationId });

/**
 * Checklist templates as data: an admin or coordinator imports a JSON definition as a new draft
 * version, may replace the draft, and publishes it, for the units the template is published for
 * (template-audience.ts). Published versions, a template's audience and a unit's administration never
 * change, so they are cached for the life of the process; every answer from the cache is filtered by
 * the caller's view, so the cache is shared without leaking across municipalities or administrations.
 */
export class TemplateService {
  private readonly publishedCache = new Map<string, TemplateVersionRow>();
  private readonly loading = new Map<string, Promise<TemplateVersionRow | null>>();
  private readonly audiences = new Map<string, TemplateAudience>();
  private readonly unitAdministrations = new Map<string, string | null>();

  constructor(
    private readonly repo: TemplateRepository,
    private readonly transactions: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /**
   * Imports a definition as the template's next version (a new template for a new key). A new template
   * is published for `administrationId`, by default the caller's own scope: a coordinator's
   * administration, an admin's whole municipality. A template's audience never changes.
   */
  async importDefinition(caller: Caller, input: unknown, publish: boolean, administrationId?: string | null): Promise<TemplateVersionRow> {
    const definition = validDefinition(input);
    const { principal } = caller;
    const audience = await this.audienceForNew(principal, administrationId ?? null);
    return this.transactions.run(async (m) => {
      await this.repo.lockKey(m, principal.municipalityId, definition.key);
      let template = await this.repo.templateByKey(m, principal.municipalityId, definition.key);
      if (template) {
        if (!mayAuthor(principal, audienceOf(template))) {
          throw new AppError(
            'FORBIDDEN',
            'This key belongs to a template you may not change: of the whole municipality (an admin changes it) or of another administration',
            'definition.key',
          );
        }
        if (administrationId && administrationId !== template.administrationId) throw conflict('The audience of a template cannot change', 'administrationId');
      } else {
        template = m.create(ChecklistTemplateRow, {
          id: randomUUID(),
          ...audience,
          key: definition.key,
          titleSv: definition.title.sv,
          titleEn: definition.title.en,
          createdAt: new Date(),
        });
        await this.repo.insertTemplate(m, template);
      }
      const now = new Date();
      const row = m.create(TemplateVersionRow, {
        id: randomUUID(),
        templateId: template.id,
        version: await this.repo.nextVersion(m, template.id),
        status: publish ? 'published' : 'draft',
        definition,
        createdBy: principal.userId,
        createdAt: now,
        publishedAt: publish ? now : null,
      });
      await this.repo.insertVersion(m, row);
      const details = { key: definition.key, version: row.version, administrationId: template.administrationId };
      await this.audit.record(caller, [{ action: publish ? 'publish' : 'create', entityType: 'template_version', entityId: row.id, details }], m);
      return row;
    });
  }

  async replaceDraft(caller: Caller, versionId: string, input: unknown): Promise<TemplateVersionRow> {
    const definition = validDefinition(input);
    return this.transactions.run(async (m) => {
      const row = await this.draftToAuthor(caller.principal, await this.repo.versionForUpdate(m, versionId));
      if (row.definition.key !== definition.key) throw badInput('The key of a template cannot change', 'definition.key');
      row.definition = definition;
      await this.repo.replaceDefinition(m, row.id, definition);
      await this.audit.record(caller, [{ action: 'update', entityType: 'template_version', entityId: row.id }], m);
      return row;
    });
  }

  async publish(caller: Caller, versionId: string): Promise<TemplateVersionRow> {
    return this.transactions.run(async (m) => {
      const row = await this.draftToAuthor(caller.principal, await this.repo.versionForUpdate(m, versionId), 'This version is already published');
      row.status = 'published';
      row.publishedAt = new Date();
      await this.repo.markPublished(m, row.id, row.publishedAt);
      await this.audit.record(caller, [{ action: 'publish', entityType: 'template_version', entityId: row.id }], m);
      return row;
    });
  }

  /** The templates the caller gets, with the versions they may see. */
  async list(principal: Principal): Promise<TemplateWithVersions[]> {
    const viewer = await this.viewer(principal);
    const templates = await this.repo.visibleTemplates(viewer);
    const versions = await this.repo.versionsOf(
      templates.map((t) => t.id),
      viewer.seesDrafts,
    );
    return templates.map((template) => ({ template, versions: versions.filter((v) => v.templateId === template.id) }));
  }

  /** One version if the caller may see it: null alike for one that does not exist and one out of scope. */
  async visibleVersion(principal: Principal, id: string): Promise<TemplateVersionRow | null> {
    const row = await this.versionById(id);
    if (!row) return null;
    const viewer = await this.viewer(principal);
    if (row.status !== 'published' && !viewer.seesDrafts) return null;
    const audience = (await this.audiencesOf([row.templateId])).get(row.templateId);
    return audience && reaches(viewer, audience) ? row : null;
  }

  /**
   * One version, unscoped: for a review the caller may already read, whose version was checked when it
   * was stored. Concurrent calls for one id (every risk of a page of reviews) share one query.
   */
  async versionById(id: string): Promise<TemplateVersionRow | null> {
    const cached = this.publishedCache.get(id);
    if (cached) return cached;
    const pending = this.loading.get(id);
    if (pending) return pending;
    const load = this.repo
      .versionById(id)
      .then((row) => {
        if (row?.status === 'published') this.publishedCache.set(id, row);
        return row;
      })
      .finally(() => this.loading.delete(id));
    this.loading.set(id, load);
    return load;
  }

  /**
   * The published versions among `ids` that the caller gets, from the cache where possible. Reviews are
   * written by staff and unit managers, whose view is their unit's: so a review may use only a version
   * published for its recipient's unit.
   */
  async publishedVersions(ids: string[], principal: Principal): Promise<Map<string, TemplateVersionRow>> {
    const all = new Map<string, TemplateVersionRow>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = this.publishedCache.get(id);
      if (cached) all.set(id, cached);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const row of await this.repo.publishedVersionsByIds(missing)) {
        this.publishedCache.set(row.id, row);
        all.set(row.id, row);
      }
    }
    if (all.size === 0) return all;
    const [viewer, audiences] = await Promise.all([this.viewer(principal), this.audiencesOf([...all.values()].map((v) => v.templateId))]);
    return new Map(
      [...all].filter(([, row]) => {
        const audience = audiences.get(row.templateId);
        return audience !== undefined && reaches(viewer, audience);
      }),
    );
  }

  /** The newest published version of a key among the templates the caller gets. */
  async latestPublished(principal: Principal, key: string): Promise<TemplateVersionRow | null> {
    const template = await this.repo.templateByKey(undefined, principal.municipalityId, key);
    if (!template || !reaches(await this.viewer(principal), audienceOf(template))) return null;
    const id = await this.repo.latestPublishedId(template.id);
    return id ? this.versionById(id) : null;
  }

  private async audienceForNew(principal: Principal, administrationId: string | null): Promise<TemplateAudience> {
    const { municipalityId } = principal;
    if (principal.role === 'quality_coordinator') {
      if (administrationId && administrationId !== principal.administrationId) {
        throw new AppError('FORBIDDEN', 'A quality coordinator publishes for their own administration only', 'administrationId');
      }
      return { municipalityId, administrationId: principal.administrationId };
    }
    if (administrationId && !(await this.repo.administrationExists(administrationId, municipalityId))) throw notFound('Administration', 'administrationId');
    return { municipalityId, administrationId };
  }

  /** The draft the caller may change; NOT_FOUND outside what they see, FORBIDDEN where they only read. */
  private async draftToAuthor(
    principal: Principal,
    found: { version: TemplateVersionRow; template: ChecklistTemplateRow } | null,
    publishedMessage = 'A published version cannot change; import a new version instead',
  ): Promise<TemplateVersionRow> {
    const audience = found && audienceOf(found.template);
    if (!found || !audience || !reaches(await this.viewer(principal), audience)) throw notFound('Template version', 'versionId');
    if (!mayAuthor(principal, audience)) throw new AppError('FORBIDDEN', 'A municipality-wide template is changed by an admin', 'versionId');
    if (found.version.status !== 'draft') throw conflict(publishedMessage, 'versionId');
    return found.version;
  }

  private async viewer(principal: Principal): Promise<TemplateViewer> {
    const unitId = principal.role === 'staff' || principal.role === 'unit_manager' ? principal.unitId : null;
    if (!unitId) return viewerOf(principal, null);
    if (!this.unitAdministrations.has(unitId)) this.unitAdministrations.set(unitId, await this.repo.administrationOfUnit(unitId));
    return viewerOf(principal, this.unitAdministrations.get(unitId) ?? null);
  }

  private async audiencesOf(templateIds: string[]): Promise<Map<string, TemplateAudience>> {
    const missing = [...new Set(templateIds)].filter((id) => !this.audiences.has(id));
    if (missing.length > 0) for (const t of await this.repo.templatesByIds(missing)) this.audiences.set(t.id, audienceOf(t));
    return new Map(
      templateIds.flatMap((id) => {
        const audience = this.audiences.get(id);
        return audience ? [[id, audience] as const] : [];
      }),
    );
  }
}
