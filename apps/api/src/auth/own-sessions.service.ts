import type { AuditService } from '../audit/audit.service.js';
import { badInput, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { LiveSession, OwnSessionRepository } from './session.repository.js';

export interface OwnSession extends LiveSession {
  /** The session of the caller's access token. */
  current: boolean;
}

/**
 * "Mina sessioner": a user's sessions on their devices, and ending one they do not recognise or left
 * signed in elsewhere. Ending works like logout on that device: its access tokens are refused on the next
 * request (AuthService.authenticate) and its refresh token no longer refreshes.
 */
export class OwnSessionService {
  constructor(
    private readonly sessions: OwnSessionRepository,
    private readonly transactions: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller): Promise<OwnSession[]> {
    const live = await this.sessions.live(caller.principal.userId);
    return live.map((s) => ({ ...s, current: s.id === caller.principal.sessionId }));
  }

  /**
   * Ends another session of the caller. This device's session ends with logout instead (which also ends the
   * provider's session). Another user's session, or one already ended, is NOT_FOUND: nothing tells the
   * caller whether a session id exists elsewhere.
   */
  async end(caller: Caller, sessionId: string): Promise<boolean> {
    if (sessionId === caller.principal.sessionId) throw badInput('This is the session you are using: log out instead', 'sessionId');
    return this.transactions.run(async (m) => {
      if (!(await this.sessions.end(m, caller.principal.userId, sessionId))) throw notFound('Session', 'sessionId');
      await this.audit.record(
        caller,
        [{ action: 'logout', entityType: 'user', entityId: caller.principal.userId, details: { change: 'own_session_ended', sessionId } }],
        m,
      );
      return true;
    });
  }
}
