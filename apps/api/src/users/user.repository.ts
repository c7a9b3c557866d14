import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { named, userScopeCondition } from '../access/scope.js';
import { User } from './user.entity.js';

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
