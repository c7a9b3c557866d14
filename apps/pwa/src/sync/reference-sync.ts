import type { TemplateDefinition } from '@hjulet/domain';
import { readSession, writeReference, writeTemplate, readTemplate } from '../data/session-store.js';
import { forgetReflectedReviews } from '../data/synced.js';
import { fromWire } from './enum-casing.js';
import { ReferenceDataDocument, TemplateVersionDocument } from './operations.js';
import { graphqlRequest } from './graphql-client.js';
import { accessToken, serverContact } from './session.js';
import { refreshSyncState } from './sync-engine.js';
import { downloadRoutines } from './routine-sync.js';
import { createStore } from './store.js';

export const SAFETY_TEMPLATE_KEY = 'sakerhet-hjalpbehov';

/** Bumped whenever reference data on the phone changes, so screens re-read it. */
export const referenceVersion = createStore(0);

let running: Promise<void> | undefined;

/**
 * Downloads what the phone needs offline: the checklist, the unit's recipients, one's open actions, the
 * routines one reads.
 * Concurrent calls share one download, so an older answer never overwrites a newer one.
 */
export function refreshReferenceData(): Promise<void> {
  running ??= download().finally(() => {
    running = undefined;
  });
  return running;
}

async function download(): Promise<void> {
  const session = await readSession();
  if (!session) return;
  const token = await accessToken();
  // Taken before asking: what the server stored before this moment is in the answer.
  const fetchedAt = new Date().toISOString();
  const data = await graphqlRequest(ReferenceDataDocument, {}, token);
  const latest = data.templates.find((t) => t.key === SAFETY_TEMPLATE_KEY)?.latestPublished;
  if (latest) await writeTemplate({ id: latest.id, definition: latest.definition as unknown as TemplateDefinition });
  const period = data.careRecipients[0]?.reviewStatus.period ?? String(new Date().getFullYear());
  await writeReference({
    userId: session.user.id,
    safetyTemplateVersionId: latest?.id ?? null,
    recipients: data.careRecipients.map((r) => ({
      id: r.id,
      reference: r.reference,
      housingType: fromWire(r.housingType),
      serverStatus: r.reviewStatus.status ? fromWire(r.reviewStatus.status) : null,
      performedAt: r.reviewStatus.performedAt ?? null,
    })),
    actions: data.followUpActions.map((a) => ({
      id: a.id,
      reviewId: a.reviewId,
      recipientReference: a.recipient.reference,
      what: a.what,
      actor: fromWire(a.actor),
      dueDate: a.dueDate ?? null,
      fireService: a.fireServiceReferral
        ? {
            outcome: a.fireServiceReferral.outcome ? fromWire(a.fireServiceReferral.outcome) : null,
            withdrawn: a.fireServiceReferral.withdrawnAt !== null && a.fireServiceReferral.withdrawnAt !== undefined,
          }
        : null,
    })),
    fetchedAt,
    period,
  });
  // The routines come after: a failure to fetch them must not cost the phone its recipients and actions,
  // and the next refresh (every minute, and when the network returns) tries again.
  await downloadRoutines(session.user.id, token, fetchedAt).catch(() => undefined);
  await serverContact(session.user.id);
  await forgetReflectedReviews(fetchedAt, new Set(data.careRecipients.map((r) => r.id)), period);
  referenceVersion.set((v) => v + 1);
  // The sync bar says when the list was last updated.
  await refreshSyncState();
}

/** A template version for a draft: from the phone, or fetched once (versions never change). */
export async function templateFor(versionId: string): Promise<TemplateDefinition | null> {
  const cached = await readTemplate(versionId);
  if (cached) return cached.definition;
  try {
    const data = await graphqlRequest(TemplateVersionDocument, { id: versionId }, await accessToken());
    const definition = data.templateVersion.definition as unknown as TemplateDefinition;
    await writeTemplate({ id: versionId, definition });
    return definition;
  } catch {
    return null;
  }
}
