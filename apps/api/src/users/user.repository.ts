import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { named, userScopeCondition } from '../access/scope.js';
import type { ScopedRole } from '@hjulet/domain';
import { User, type Role, type RoleSource } from './user.entity.js';

/** The SQL of accounts, through TypeORM; the scope condition comes from the access module. */
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  byId(id: string): Promise<User | null> {
    return this.dataSource.manager.findOneBy(User, { id });
  }

  /** Users in the principal's scope, in no particular order. */
  inScopeOf(principal: Principal): Promise<User[]> {
    const qb = this.dataSource.manager.createQueryBuilder(User, 'app_user');
    return qb.where(userScopeCondition(principal, named(qb))).getMany();
  }

  hasEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(User, { email });
  }

  async insert(row: User, manager: EntityManager = this.dataSource.manager): Promise<User> {
    const user = manager.create(User, row);
    await manager.insert(User, user);
    return user;
  }
}

/** A user as the admin's account list shows them: the role (null while awaiting one) and their use of the system. */
export interface AccountRow {
  id: string;
  municipalityId: string;
  email: string;
  displayName: string;
  role: Role | null;
  roleSource: RoleSource | null;
  unitId: string | null;
  administrationId: string | null;
  active: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
  lastSignInMethod: 'password' | 'oidc' | null;
}

interface AccountColumns {
  id: string;
  municipality_id: string;
  email: string;
  display_name: string;
  role: Role | null;
  role_source: RoleSource | null;
  unit_id: string | null;
  administration_id: string | null;
  active: boolean;
  created_at: Date;
  last_sign_in_at: Date | null;
  last_sign_in_method: 'password' | 'oidc' | null;
}

const ACCOUNT_COLUMNS = `id, municipality_id, email, display_name, role, role_source, unit_id, administration_id, active, created_at, last_sign_in_at, last_sign_in_method`;

const accountOf = (r: AccountColumns): AccountRow => ({
  id: r.id,
  municipalityId: r.municipality_id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  roleSource: r.role_source,
  unitId: r.unit_id,
  administrationId: r.administration_id,
  active: r.active,
  createdAt: r.created_at,
  lastSignInAt: r.last_sign_in_at,
  lastSignInMethod: r.last_sign_in_method,
});

/** The SQL of accounts as the admin manages them (role, scope, lifecycle), within one municipality. */
export class AccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every account of the municipality, those awaiting a role first, then by name. */
  async accounts(municipalityId: string): Promise<AccountRow[]> {
    const rows: AccountColumns[] = await this.dataSource.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM app_user WHERE municipality_id = $1 ORDER BY role IS NOT NULL, display_name, email`,
      [municipalityId],
    );
    return rows.map(accountOf);
  }

  /** The account, locked until the transaction ends (two role changes in a row both audit the right "before"). */
  async lockAccount(manager: EntityManager, municipalityId: string, id: string): Promise<AccountRow | null> {
    const rows: AccountColumns[] = await manager.query(`SELECT ${ACCOUNT_COLUMNS} FROM app_user WHERE id = $1 AND municipality_id = $2 FOR UPDATE`, [
      id,
      municipalityId,
    ]);
    return rows[0] ? accountOf(rows[0]) : null;
  }

  async setRole(manager: EntityManager, id: string, scoped: ScopedRole | null, source: RoleSource | null): Promise<void> {
    await manager.query(`UPDATE app_user SET role = $2, unit_id = $3, administration_id = $4, role_source = $5 WHERE id = $1`, [
      id,
      scoped?.role ?? null,
      scoped?.unitId ?? null,
      scoped?.administrationId ?? null,
      scoped ? source : null,
    ]);
  }

  /**
   * A person the provider vouches for, created at their first sign-in without a role and without a usable
   * password (`!` is no argon2 hash: a password login always fails). Null when an account with that email or
   * subject appeared meanwhile (two first sign-ins at once): the caller looks it up again.
   */
  async insertProviderUser(
    manager: EntityManager,
    user: { id: string; municipalityId: string; email: string; displayName: string; externalSubject: string | null },
  ): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO app_user (id, municipality_id, email, display_name, password_hash, role, role_source, external_subject)
       VALUES ($1, $2, $3, $4, '!', NULL, NULL, $5) ON CONFLICT DO NOTHING RETURNING id`,
      [user.id, user.municipalityId, user.email, user.displayName, user.externalSubject],
    );
    return rows[0]?.id ?? null;
  }

  /** A user by id, with the columns an ordinary read leaves out; for sign-in through the provider. */
  async byId(manager: EntityManager, id: string): Promise<AccountRow | null> {
    const rows: AccountColumns[] = await manager.query(`SELECT ${ACCOUNT_COLUMNS} FROM app_user WHERE id = $1`, [id]);
    return rows[0] ? accountOf(rows[0]) : null;
  }

  /**
   * The account the provider's identifying claim names, locked: by email when the claim is the email, else
   * by the external subject. Null when none, or when two municipalities' users share the subject.
   */
  async lockByClaim(manager: EntityManager, claim: 'email' | 'external_subject', value: string): Promise<AccountRow | null> {
    const rows: AccountColumns[] = await manager.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM app_user WHERE ${claim === 'email' ? 'email' : 'external_subject'} = $1 LIMIT 2 FOR UPDATE`,
      [value],
    );
    return rows.length === 1 && rows[0] ? accountOf(rows[0]) : null;
  }

  async recordSignInWithoutSession(manager: EntityManager, id: string, method: 'password' | 'oidc'): Promise<void> {
    await manager.query(`UPDATE app_user SET last_sign_in_at = now(), last_sign_in_method = $2 WHERE id = $1`, [id, method]);
  }

  /** The id of the only municipality, when there is exactly one (the provider's municipality by default). */
  async soleMunicipality(manager: EntityManager): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM municipality LIMIT 2`);
    return rows.length === 1 ? (rows[0]?.id ?? null) : null;
  }

  async municipalityByCode(manager: EntityManager, code: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM municipality WHERE kommunkod = $1`, [code]);
    return rows[0]?.id ?? null;
  }
}
