import { allItems, isRoutineReviewOverdue, routineReading, swedishDateOf, type RoutineReading } from '@hjulet/domain';
import { useAsync, useStore, type AsyncState } from '../../app/hooks.js';
import type { CachedRoutine } from '../../data/db.js';
import { readRoutines, waitingConfirmations } from '../../data/routines.js';
import { readReference, readTemplate } from '../../data/session-store.js';
import { referenceVersion } from '../../sync/reference-sync.js';
import { syncStore } from '../../sync/sync-engine.js';

/** A routine as the screens show it: what the phone keeps, the user's reading of it and the owner's flag. */
export interface ShownRoutine extends CachedRoutine {
  reading: RoutineReading;
  /** The version confirmed, on the server or waiting on the phone. */
  latestConfirmed: number | null;
  /** Past its review date, and the user owns it. */
  flagged: boolean;
}

export interface RoutineLibraryView {
  routines: ShownRoutine[];
  fetchedAt: string | null;
}

/** The user's routines from the phone, re-read when a download or a sync changes them. */
export function useRoutineLibrary(userId: string): AsyncState<RoutineLibraryView> {
  const downloads = useStore(referenceVersion);
  const waitingCount = useStore(syncStore).waiting;
  return useAsync(async () => {
    const [library, waiting] = await Promise.all([readRoutines(userId), waitingConfirmations(userId)]);
    const today = swedishDateOf(new Date());
    const routines = (library?.routines ?? []).map((r) => {
      const waitingVersion = waiting.get(r.id) ?? null;
      return {
        ...r,
        reading: routineReading(r.version, r.confirmedVersion, waitingVersion),
        latestConfirmed: Math.max(r.confirmedVersion ?? 0, waitingVersion ?? 0) || null,
        flagged: r.ownerId === userId && isRoutineReviewOverdue(r.reviewOn, today),
      };
    });
    return { routines, fetchedAt: library?.fetchedAt ?? null };
  }, [userId, downloads, waitingCount]);
}

/** The title and text in the user's language, Swedish when there is no English. */
export function inLanguage(r: CachedRoutine, locale: 'sv' | 'en'): { title: string; body: string; lang: 'sv' | 'en' } {
  return locale === 'en' && r.bodyEn !== null
    ? { title: r.titleEn ?? r.title, body: r.bodyEn, lang: 'en' }
    : { title: locale === 'en' ? (r.titleEn ?? r.title) : r.title, body: r.body, lang: 'sv' };
}

/**
 * The question of the safety checklist a routine belongs to, as the phone's copy of the checklist words it;
 * null when the routine names none, or another checklist (then the screen shows the item's key).
 */
export async function checklistQuestion(userId: string, itemKey: string | null, locale: 'sv' | 'en'): Promise<string | null> {
  if (itemKey === null) return null;
  const versionId = (await readReference(userId))?.safetyTemplateVersionId;
  const template = versionId ? await readTemplate(versionId) : undefined;
  const item = template ? allItems(template.definition).find((i) => i.key === itemKey) : undefined;
  return item ? item.text[locale] : null;
}
