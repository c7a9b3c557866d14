import { In, type DataSource, type EntityManager } from 'typeorm';
import type { OrgPlacement } from '../auth/principal.js';
import { queryRow } from '../shared/sql.js';
import { Administration, Area, Municipality, Unit } from './organisation.entities.js';

interface PlacementRow {
  administration_id: string;
  municipality_id: string;
}

/**
 * The SQL of the organisation tree. Reads and writes go through TypeORM; a unit's placement is one join.
 * Methods that may take part in a service's transaction take its EntityManager.
 */
export class OrganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  municipality(id: string): Promise<Municipality | null> {
    return this.dataSource.manager.findOneBy(Municipality, { id });
  }

  administrationsOf(municipalityId: string): Promise<Administration[]> {
    return this.dataSource.manager.find(Administration, { where: { municipalityId }, order: { name: 'ASC' } });
  }

  unitsOf(municipalityId: string): Promise<Unit[]> {
    return this.dataSource.manager
      .createQueryBuilder(Unit, 'u')
      .innerJoin(Administration, 'a', 'a.id = u.administration_id')
      .where('a.municipality_id = :municipalityId', { municipalityId })
      .orderBy('u.name')
      .getMany();
  }

  areasOf(municipalityId: string): Promise<Area[]> {
    return this.dataSource.manager.find(Area, { where: { municipalityId }, order: { code: 'ASC' } });
  }

  unitsByIds(ids: readonly string[]): Promise<Unit[]> {
    return this.dataSource.manager.findBy(Unit, { id: In([...ids]) });
  }

  async placementOfUnit(unitId: string): Promise<OrgPlacement | null> {
    const row = await queryRow<PlacementRow>(
      this.dataSource,
      `SELECT u.administration_id, a.municipality_id FROM unit u JOIN administration a ON a.id = u.administration_id WHERE u.id = $1`,
      [unitId],
    );
    return row && { unitId, administrationId: row.administration_id, municipalityId: row.municipality_id };
  }

  administrationIn(municipalityId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Administration | null> {
    return manager.findOneBy(Administration, { id, municipalityId });
  }

  hasAdministration(municipalityId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(Administration, { id, municipalityId });
  }

  hasAdministrationNamed(municipalityId: string, name: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(Administration, { municipalityId, name });
  }

  hasUnitNamed(administrationId: string, name: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(Unit, { administrationId, name });
  }

  hasArea(municipalityId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(Area, { id, municipalityId });
  }

  hasAreaCoded(municipalityId: string, code: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(Area, { municipalityId, code });
  }

  async insertAdministration(row: Administration, manager: EntityManager = this.dataSource.manager): Promise<Administration> {
    const administration = manager.create(Administration, row);
    await manager.insert(Administration, administration);
    return administration;
  }

  async insertUnit(row: Unit, manager: EntityManager = this.dataSource.manager): Promise<Unit> {
    const unit = manager.create(Unit, row);
    await manager.insert(Unit, unit);
    return unit;
  }

  async insertArea(row: Area, manager: EntityManager = this.dataSource.manager): Promise<Area> {
    const area = manager.create(Area, row);
    await manager.insert(Area, area);
    return area;
  }
}
