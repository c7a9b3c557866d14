import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { AccessRefused, badInput } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { normaliseOrganisationNumber } from './organisation-number.js';
import { isPartnerScope, type PartnerPrincipal, type PartnerScope } from './partner-principal.js';
import type { PartnerClientRecord, PartnerRepository } from './partner.repository.js';
import type { PartnerTokenIssuer } from './partner-token.js';

export interface RegisterPartnerClient {
  name: string;
  organisationNumber: string;
  areaIds: string[];
  scopes: PartnerScope[];
}

/** A client with its secret in clear: answered once, at registration and at each rotation, never stored. */
export interface PartnerClientCredentials {
  client: PartnerClientRecord;
  clientId: string;
  clientSecret: string;
}

/** The token endpoint's outcomes, named by RFC 6749 §5.2. */
export type TokenOutcome =
  { ok: true; accessToken: string; expiresIn: number; scope: string } | { ok: false; error: 'invalid_client' | 'invalid_scope'; description: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 256 random bits: guessing is hopeless, and the argon2id hash keeps a stolen table from being replayed. */
const newSecret = () => `hjs_${randomBytes(32).toString('base64url')}`;

/**
 * Partner clients: the admin registers, rotates and revokes them; the token endpoint authenticates them;
 * each partner request is checked against the client's current state (partnerFor), which is what makes a
 * revocation or a rotation stop every token at once.
 */
export class PartnerService {
  constructor(
    private readonly repo: PartnerRepository,
    private readonly transactions: UnitOfWork,
    private readonly tokens: PartnerTokenIssuer,
    private readonly audit: AuditService,
  ) {}

  list(caller: Caller): Promise<PartnerClientRecord[]> {
    return this.repo.listOf(caller.principal.municipalityId);
  }

  async register(caller: Caller, input: RegisterPartnerClient): Promise<PartnerClientCredentials> {
    const organisationNumber = normaliseOrganisationNumber(input.organisationNumber);
    if (!organisationNumber) throw badInput('Not a valid Swedish organisation number (NNNNNN-NNNN, Luhn check digit)', 'organisationNumber');
    const scopes = [...new Set(input.scopes)];
    if (scopes.length === 0) throw badInput('Give the client at least one scope', 'scopes');
    const areaIds = [...new Set(input.areaIds)];
    if (areaIds.length === 0) throw badInput('Give the client at least one area', 'areaIds');
    const municipalityId = caller.principal.municipalityId;
    const clientSecret = newSecret();
    const secretHash = await hashPassword(clientSecret);
    const id = randomUUID();
    const client = await this.transactions.run(async (m) => {
      if ((await this.repo.countAreasIn(municipalityId, areaIds, m)) !== areaIds.length) {
        throw new AccessRefused('NOT_FOUND', 'Area not found', 'areaIds', { entityType: 'area', entityId: null, args: {} });
      }
      await this.repo.insert({ id, municipalityId, name: input.name, organisationNumber, scopes, secretHash, createdBy: caller.principal.userId }, areaIds, m);
      await this.audit.record(
        caller,
        [{ action: 'create', entityType: 'partner_client', entityId: id, details: { name: input.name, organisationNumber, scopes, areaIds } }],
        m,
      );
      return this.mustFind(id, m);
    });
    return { client, clientId: id, clientSecret };
  }

  async rotate(caller: Caller, id: string): Promise<PartnerClientCredentials> {
    const clientSecret = newSecret();
    const secretHash = await hashPassword(clientSecret);
    const client = await this.transactions.run(async (m) => {
      const current = await this.reachable(caller, id, m);
      if (current.revokedAt) throw badInput('A revoked client cannot be given a new secret', 'id');
      await this.repo.rotate(id, secretHash, m);
      await this.audit.record(caller, [{ action: 'update', entityType: 'partner_client', entityId: id, details: { change: 'secret_rotated' } }], m);
      return this.mustFind(id, m);
    });
    return { client, clientId: id, clientSecret };
  }

  async revoke(caller: Caller, id: string): Promise<PartnerClientRecord> {
    return this.transactions.run(async (m) => {
      const current = await this.reachable(caller, id, m);
      if (current.revokedAt) return current;
      await this.repo.revoke(id, m);
      await this.audit.record(caller, [{ action: 'update', entityType: 'partner_client', entityId: id, details: { change: 'revoked' } }], m);
      return this.mustFind(id, m);
    });
  }

  /**
   * The client-credentials grant (RFC 6749 §4.4): the secret checked against its argon2id hash (a dummy
   * hash for an unknown client, so the answer takes as long), the scope narrowed to what the client holds.
   * Every attempt for a known client is audited.
   */
  async issueToken(source: AuditSource, clientId: string, clientSecret: string, requestedScope: string | undefined): Promise<TokenOutcome> {
    const client = UUID.test(clientId) ? await this.repo.credentials(clientId.toLowerCase()) : null;
    const secretOk = await verifyPassword(client && !client.revoked ? client.secretHash : undefined, clientSecret);
    const refuse = async (error: 'invalid_client' | 'invalid_scope', description: string): Promise<TokenOutcome> => {
      if (client) await this.audit.record({ ...source, partner: { clientId: client.id } }, [tokenAudit(client.id, error)]);
      return { ok: false, error, description };
    };
    if (!client || client.revoked || !secretOk) return refuse('invalid_client', 'Client authentication failed');
    let scopes: PartnerScope[] = client.scopes;
    if (requestedScope !== undefined) {
      const asked = requestedScope.split(' ').filter((s) => s.length > 0);
      const unknown = asked.filter((s) => !isPartnerScope(s) || !client.scopes.includes(s));
      if (asked.length === 0 || unknown.length > 0) return refuse('invalid_scope', `Scope not granted to this client: ${unknown.join(' ') || '(empty)'}`);
      scopes = client.scopes.filter((s) => asked.includes(s));
    }
    const accessToken = await this.tokens.sign({ clientId: client.id, municipalityId: client.municipalityId, secretVersion: client.secretVersion, scopes });
    await this.audit.record({ ...source, partner: { clientId: client.id } }, [tokenAudit(client.id, 'issued', scopes)]);
    return { ok: true, accessToken, expiresIn: this.tokens.ttlSeconds, scope: scopes.join(' ') };
  }

  /**
   * The partner behind a bearer token, checked against the client as it is now: not revoked, the secret
   * version the token was issued under, the scopes it still holds and the areas it covers today. One query.
   */
  async partnerFor(token: string): Promise<{ partner: PartnerPrincipal } | { refused: 'invalid_token'; clientId: string | null }> {
    const claims = await this.tokens.verify(token);
    if (!claims) return { refused: 'invalid_token', clientId: null };
    const client = await this.repo.byId(claims.clientId);
    if (!client || client.revokedAt || client.secretVersion !== claims.secretVersion || client.municipalityId !== claims.municipalityId) {
      return { refused: 'invalid_token', clientId: client?.id ?? null };
    }
    return {
      partner: {
        clientId: client.id,
        municipalityId: client.municipalityId,
        name: client.name,
        scopes: claims.scopes.filter((s) => client.scopes.includes(s)),
        areaIds: client.areas.map((a) => a.id),
      },
    };
  }

  /** What a partner token may see of its own client: the whoami of the partner API. */
  async self(partner: PartnerPrincipal): Promise<{ clientId: string; name: string; scopes: PartnerScope[]; areas: PartnerClientRecord['areas'] }> {
    const client = await this.mustFind(partner.clientId);
    return { clientId: client.id, name: client.name, scopes: partner.scopes, areas: client.areas };
  }

  private async reachable(caller: Caller, id: string, manager: EntityManager): Promise<PartnerClientRecord> {
    const client = await this.repo.byId(id, manager);
    if (!client || client.municipalityId !== caller.principal.municipalityId) {
      throw new AccessRefused('NOT_FOUND', 'Partner client not found', 'id', { entityType: 'partner_client', entityId: id });
    }
    return client;
  }

  private async mustFind(id: string, manager?: EntityManager): Promise<PartnerClientRecord> {
    const client = await this.repo.byId(id, manager);
    if (!client) throw new Error(`partner client ${id} vanished`);
    return client;
  }
}

const tokenAudit = (clientId: string, outcome: string, scopes?: PartnerScope[]) => ({
  action: 'partner_token' as const,
  entityType: 'partner_client',
  entityId: clientId,
  details: { outcome, ...(scopes ? { scopes } : {}) },
});
