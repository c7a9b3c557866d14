import { writeRoutines } from '../data/routines.js';
import { RoutinesDocument } from './operations.js';
import { graphqlRequest } from './graphql-client.js';

/**
 * Downloads the routines the user reads, whole (text in both languages), so they open with no network.
 * Part of the reference download (reference-sync.ts).
 */
export async function downloadRoutines(userId: string, token: string, fetchedAt: string): Promise<void> {
  const data = await graphqlRequest(RoutinesDocument, {}, token);
  await writeRoutines({
    userId,
    fetchedAt,
    routines: data.routines.map((r) => ({
      id: r.id,
      processName: r.processName,
      activityName: r.activityName,
      unitId: r.unitId ?? null,
      unitName: r.unitName ?? null,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      title: r.title,
      titleEn: r.titleEn ?? null,
      responsible: r.responsible,
      frequency: r.frequency,
      body: r.body,
      bodyEn: r.bodyEn ?? null,
      version: r.version,
      reviewOn: r.reviewOn as string,
      itemKey: r.itemKey ?? null,
      confirmedVersion: r.confirmedVersion ?? null,
    })),
  });
}
