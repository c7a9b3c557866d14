import type { AuditService } from '../audit/audit.service.js';
import type { ReviewService } from '../reviews/review.service.js';
import { AppError, badInput, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { TemplateVersionRow } from '../templates/template.entities.js';
import type { TemplateService } from '../templates/template.service.js';
import { reviewToQuestionnaireResponse, templateToQuestionnaire, type FhirJson } from './fhir-questionnaire.js';
import { templateToXlsForm } from './xlsform-export.js';
import { xlsFormToTemplate, type InterchangeIssue } from './xlsform-import.js';
import { MAX_XLSFORM_BYTES, readWorkbook, writeWorkbook } from './xlsform-workbook.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The longest base64 text of a file within MAX_XLSFORM_BYTES; longer text is refused before it is decoded. */
const MAX_BASE64_LENGTH = Math.ceil(MAX_XLSFORM_BYTES / 3) * 4;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface ImportedXlsForm {
  version: TemplateVersionRow;
  warnings: InterchangeIssue[];
}

export interface ExportedFile {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

/**
 * Templates in and out of the formats other systems speak: XLSForm (ODK, KoboToolbox) both ways, FHIR R4
 * out. The mappings are pure (xlsform-*.ts, fhir-questionnaire.ts); this service decodes, checks access
 * through the template and review services (which scope and audit), and writes nothing unless the whole
 * file is good.
 */
export class InterchangeService {
  constructor(
    private readonly templates: TemplateService,
    private readonly reviews: ReviewService,
    private readonly audit: AuditService,
  ) {}

  /** Imports an XLSForm as the next version of its template (form_id), or refuses it with every problem located. */
  async importXlsForm(caller: Caller, fileBase64: string, publish: boolean, administrationId?: string | null): Promise<ImportedXlsForm> {
    const text = fileBase64.replace(/\s+/g, '');
    if (text.length > MAX_BASE64_LENGTH)
      throw refusal([{ code: 'FILE_TOO_LARGE', field: 'input.fileBase64', message: `The file is larger than ${MAX_XLSFORM_BYTES} bytes.` }]);
    if (!BASE64.test(text)) throw refusal([{ code: 'NOT_BASE64', field: 'input.fileBase64', message: 'The file content must be base64.' }]);
    const read = await readWorkbook(Buffer.from(text, 'base64'));
    if (!read.ok) throw refusal(read.issues);
    const imported = xlsFormToTemplate(read.sheets);
    if (!imported.ok) throw refusal(imported.issues);
    const version = await this.templates.importDefinition(caller, imported.definition, publish, administrationId);
    return { version, warnings: imported.warnings };
  }

  /** A version the caller may see, as an XLSForm workbook. */
  async xlsForm(caller: Caller, versionId: string): Promise<ExportedFile> {
    const row = await this.visibleVersion(caller, versionId, 'xlsform');
    const bytes = await writeWorkbook(templateToXlsForm(row.definition, row.version));
    return { fileName: `${row.definition.key}-v${row.version}.xlsx`, contentType: XLSX_CONTENT_TYPE, contentBase64: bytes.toString('base64') };
  }

  /** A version the caller may see, as a FHIR R4 Questionnaire. */
  async questionnaire(caller: Caller, versionId: string): Promise<FhirJson> {
    const row = await this.visibleVersion(caller, versionId, 'fhir');
    return templateToQuestionnaire(row.definition, { id: row.id, version: row.version, status: row.status, date: row.publishedAt ?? row.createdAt });
  }

  /** A review in the caller's scope as a de-identified QuestionnaireResponse; the read is audited as any read of a review. */
  async questionnaireResponse(caller: Caller, reviewId: string): Promise<FhirJson> {
    const review = await this.reviews.get(caller, reviewId);
    const version = await this.templates.versionById(review.templateVersionId);
    if (!version) throw notFound('Template version');
    return reviewToQuestionnaireResponse(version.definition, {
      id: review.id,
      status: review.status,
      answers: review.answersJson,
      performedAt: review.performedAt,
      offeredAt: review.offeredAt,
      template: { key: version.definition.key, version: version.version },
    });
  }

  private async visibleVersion(caller: Caller, versionId: string, format: 'xlsform' | 'fhir'): Promise<TemplateVersionRow> {
    const row = await this.templates.visibleVersion(caller.principal, versionId);
    if (!row) throw notFound('Template version', 'id');
    await this.audit.record(caller, [{ action: 'read', entityType: 'template_version', entityId: row.id, details: { export: format } }]);
    return row;
  }
}

/** BAD_USER_INPUT listing every problem of the file; the first one is the error's own field. */
function refusal(issues: InterchangeIssue[]): AppError {
  const [first] = issues;
  return badInput(`The file has ${issues.length} problem(s): ${first?.message ?? ''}`, first?.field, issues);
}
