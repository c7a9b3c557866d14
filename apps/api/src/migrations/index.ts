import { InitialSchema1764100000000 } from './1764100000000-initial-schema.js';

/** Every migration, oldest first. PGlite and PostgreSQL run the same list. */
export const MIGRATIONS = [InitialSchema1764100000000];
