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
