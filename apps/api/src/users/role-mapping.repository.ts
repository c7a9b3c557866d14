import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_IDENTITY_SETTINGS, IdentitySettingRow, RoleMappingRow } from './role-mapping.entities.js';

export interface IdentitySettings {
  roleClaim: string;
  autoCreate: boolean;
}

/** SQL of the mapping table and the identity settings, always within one municipality. */
export class RoleMappingRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(municipalityId: string, manager: EntityManager = this.dataSource.manager): Promise<RoleMappingRow[]> {
    return manager.getRepository(RoleMappingRow).find({ where: { municipalityId }, order: { claimValue: 'ASC' } });
  }

  hasClaimValue(municipalityId: string, claimValue: string, manager: EntityManager): Promise<boolean> {
    return manager.existsBy(RoleMappingRow, { municipalityId, claimValue });
  }

  async insert(row: RoleMappingRow, manager: EntityManager): Promise<RoleMappingRow> {
    const entity = manager.create(RoleMappingRow, row);
    await manager.insert(RoleMappingRow, entity);
    return entity;
  }

  /** Removes the row of the municipality; the removed row, or null when it has none of that id. */
  async remove(municipalityId: string, id: string, manager: EntityManager): Promise<RoleMappingRow | null> {
    const row = await manager.getRepository(RoleMappingRow).findOneBy({ id, municipalityId });
    if (row) await manager.delete(RoleMappingRow, { id, municipalityId });
    return row;
  }

  async settings(municipalityId: string, manager: EntityManager = this.dataSource.manager): Promise<IdentitySettings> {
    const row = await manager.getRepository(IdentitySettingRow).findOneBy({ municipalityId });
    return row ? { roleClaim: row.roleClaim, autoCreate: row.autoCreate } : { ...DEFAULT_IDENTITY_SETTINGS };
  }

  async saveSettings(municipalityId: string, settings: IdentitySettings, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO identity_setting (municipality_id, role_claim, auto_create, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (municipality_id) DO UPDATE SET role_claim = EXCLUDED.role_claim, auto_create = EXCLUDED.auto_create, updated_at = now()`,
      [municipalityId, settings.roleClaim, settings.autoCreate],
    );
  }
}
