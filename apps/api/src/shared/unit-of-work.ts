import type { DataSource, EntityManager } from 'typeorm';

/**
 * The transaction boundary, for services: a change and its audit row commit together or not at all.
 * `run` hands the work the transaction's EntityManager, which the service passes on to repository
 * methods and to `AuditService.record`; a service never needs the DataSource itself.
 */
export interface UnitOfWork {
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}

export function unitOfWork(dataSource: DataSource): UnitOfWork {
  return { run: (work) => dataSource.transaction(work) };
}

/**
 * Runs `work` inside a savepoint of the transaction `manager` belongs to: when it throws, only its own
 * writes are rolled back, and the transaction goes on (a batch whose one bad part must not cost the rest).
 */
export async function inSavepoint<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  await manager.query('SAVEPOINT unit_of_work_part');
  try {
    const result = await work();
    await manager.query('RELEASE SAVEPOINT unit_of_work_part');
    return result;
  } catch (error) {
    await manager.query('ROLLBACK TO SAVEPOINT unit_of_work_part');
    throw error;
  }
}
