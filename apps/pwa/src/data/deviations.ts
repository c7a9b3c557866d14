import { openHjuletDb, type OutboxDeviationReport } from './db.js';

/**
 * A deviation report made on the phone: into the outbox in one write, before the screen says it is saved,
 * and sent by the sync engine like any result. The phone makes the id, so the server stores the report
 * once however often it is sent.
 */
export async function reportDeviationOnPhone(
  userId: string,
  report: OutboxDeviationReport['payload'],
  label: string,
  now = new Date(),
): Promise<OutboxDeviationReport> {
  const at = now.toISOString();
  const item: OutboxDeviationReport = {
    id: report.clientId,
    kind: 'report_deviation',
    userId,
    recipientReference: label,
    payload: report,
    createdAt: at,
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
  };
  await (await openHjuletDb()).put('outbox', item);
  return item;
}
