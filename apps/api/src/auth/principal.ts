import type { Role } from '../users/user.entity.js';

/** Who is calling, as read from a verified access token. */
export interface Principal {
  userId: string;
  role: Role;
  municipalityId: string;
  unitId: string | null;
  administrationId: string | null;
  /** The login session the access token belongs to (its refresh-token family); checked on every request. */
  sessionId?: string | undefined;
}

/** Where a record lives in the organisation, enough to decide whether a principal may touch it. */
export interface OrgPlacement {
  unitId: string;
  administrationId: string;
  municipalityId: string;
}
