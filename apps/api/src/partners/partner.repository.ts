import type { DataSource, EntityManager } from 'typeorm';
import { queryRow, queryRows } from '../shared/sql.js';
import { PartnerClientAreaRow, PartnerClientRow } from './partner-client.entity.js';
import { isPartnerScope, type PartnerScope } from './partner-principal.js';

/** A partner client as services see it: never its secret hash. */
export interface PartnerClientRecord {
  id: string;
  municipalityId: string;
  name: string;
  organisationNumber: string;
  scopes: PartnerScope[];
  areas: Array<{ id: string; code: string; name: string }>;
  secretVersion: number;
  createdAt: Date;
  revokedAt: Date | null;
}

/** What the token endpoint checks a client secret against. */
export interface PartnerCredentialRecord {
  id: string;
  municipalityId: string;
  scopes: PartnerScope[];
  secretHash: string;
  secretVersion: number;
  revoked: boolean;
}

interface ClientColumns {
  id: string;
  municipality_id: string;
  name: string;
  organisation_number: string;
  scopes: string[];
  secret_version: number;
  created_at: Date;
  revoked_at: Date | null;
  areas: Array<{ id: string; code: string; name: string }>;
}

const SELECT_CLIENT = `
  SELECT c.id, c.municipality_id, c.name, c.organisation_number, c.scopes, c.secret_version, c.created_at, c.revoked_at,
         COALESCE((SELECT json_agg(json_build_object('id', a.id, 'code', a.code, 'name', a.name) ORDER BY a.code)
                   FROM partner_client_area pa JOIN area a ON a.id = pa.area_id WHERE pa.partner_client_id = c.id), '[]'::json) AS areas
  FROM partner_client c`;

const toRecord = (r: ClientColumns): PartnerClientRecord => ({
  id: r.id,
  municipalityId: r.municipality_id,
  name: r.name,
  organisationNumber: r.organisation_number,
  scopes: r.scopes.filter(isPartnerScope),
  areas: r.areas,
  secretVersion: r.secret_version,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/** The SQL of partner clients and the areas they cover. */
export class PartnerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(row: Omit<PartnerClientRow, 'createdAt' | 'revokedAt' | 'secretVersion'>, areaIds: readonly string[], manager: EntityManager): Promise<void> {
    await manager.insert(PartnerClientRow, row);
    await manager.insert(
      PartnerClientAreaRow,
      areaIds.map((areaId) => ({ partnerClientId: row.id, areaId })),
    );
  }

  /** How many of `areaIds` are areas of the municipality. */
  async countAreasIn(municipalityId: string, areaIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<number> {
    const row = await queryRow<{ n: number }>(manager, `SELECT count(*)::int AS n FROM area WHERE municipality_id = $1 AND id = ANY($2::uuid[])`, [
      municipalityId,
      areaIds,
    ]);
    return row?.n ?? 0;
  }

  async listOf(municipalityId: string): Promise<PartnerClientRecord[]> {
    const rows = await queryRows<ClientColumns>(this.dataSource, `${SELECT_CLIENT} WHERE c.municipality_id = $1 ORDER BY c.name, c.id`, [municipalityId]);
    return rows.map(toRecord);
  }

  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<PartnerClientRecord | null> {
    const row = await queryRow<ClientColumns>(manager, `${SELECT_CLIENT} WHERE c.id = $1`, [id]);
    return row && toRecord(row);
  }

  async credentials(id: string): Promise<PartnerCredentialRecord | null> {
    const row = await queryRow<{ id: string; municipality_id: string; scopes: string[]; secret_hash: string; secret_version: number; revoked: boolean }>(
      this.dataSource,
      `SELECT id, municipality_id, scopes, secret_hash, secret_version, revoked_at IS NOT NULL AS revoked FROM partner_client WHERE id = $1`,
      [id],
    );
    return (
      row && {
        id: row.id,
        municipalityId: row.municipality_id,
        scopes: row.scopes.filter(isPartnerScope),
        secretHash: row.secret_hash,
        secretVersion: row.secret_version,
        revoked: row.revoked,
      }
    );
  }

  /** A new secret: the version goes up, so every token issued under the old one stops working. */
  async rotate(id: string, secretHash: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE partner_client SET secret_hash = $2, secret_version = secret_version + 1 WHERE id = $1 AND revoked_at IS NULL`, [
      id,
      secretHash,
    ]);
  }

  async revoke(id: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE partner_client SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  }
}
