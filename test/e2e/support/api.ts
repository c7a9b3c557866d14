/*
 * The API asked directly over HTTP, the way a manager's or admin's client would: what the server holds
 * after a phone synced, independent of anything the phone shows.
 */

export const DEMO_PASSWORD = 'hjulet-demo-2026';
export const DEMO = {
  staff: 'personal@demo.hjulet.se',
  staff2: 'personal2@demo.hjulet.se',
  manager: 'enhetschef@demo.hjulet.se',
  managerSoder: 'enhetschef.soder@demo.hjulet.se',
  coordinator: 'kvalitet@demo.hjulet.se',
  admin: 'admin@demo.hjulet.se',
} as const;

export interface ApiReview {
  id: string;
  clientId: string;
  status: string;
  recipientId: string;
  performedById: string;
  consentToShareWithFireService: boolean;
  answers: Array<{ itemKey: string; value: string | null; number: number | null }>;
  risks: Array<{ itemKey: string; severity: string; category: string }>;
  actions: Array<{ id: string; what: string; actor: string; status: string }>;
}

export interface ApiSession {
  token: string;
  userId: string;
  unitId: string | null;
}

export class Api {
  private readonly sessions = new Map<string, ApiSession>();

  constructor(private readonly baseUrl: string) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL ${response.status}: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  /** Logs in once per email (the login mutation), as any client does. */
  async as(email: string): Promise<ApiSession> {
    const known = this.sessions.get(email);
    if (known) return known;
    const data = await this.request<{ login: { accessToken: string; user: { id: string; unitId: string | null } } }>(
      'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken user { id unitId } } }',
      { email, password: DEMO_PASSWORD },
    );
    const session = { token: data.login.accessToken, userId: data.login.user.id, unitId: data.login.user.unitId };
    this.sessions.set(email, session);
    return session;
  }

  async recipientByReference(email: string, reference: string): Promise<{ id: string; unitId: string }> {
    const { token } = await this.as(email);
    const data = await this.request<{ careRecipients: Array<{ id: string; reference: string; unitId: string }> }>(
      '{ careRecipients { id reference unitId } }',
      {},
      token,
    );
    const recipient = data.careRecipients.find((r) => r.reference === reference);
    if (!recipient) throw new Error(`${email} cannot see care recipient ${reference}`);
    return recipient;
  }

  /** Every review of a recipient the caller may see, with answers, risks and actions. */
  async reviewsOf(email: string, recipientId: string): Promise<ApiReview[]> {
    const { token } = await this.as(email);
    const data = await this.request<{ reviews: { edges: Array<{ node: ApiReview }>; pageInfo: { hasNextPage: boolean } } }>(
      `query Reviews($filter: ReviewFilter) {
        reviews(filter: $filter, first: 50) {
          pageInfo { hasNextPage }
          edges { node {
            id clientId status recipientId performedById consentToShareWithFireService
            answers { itemKey value number }
            risks { itemKey severity category }
            actions { id what actor status }
          } }
        }
      }`,
      { filter: { recipientId } },
      token,
    );
    if (data.reviews.pageInfo.hasNextPage) throw new Error(`More than 50 reviews of ${recipientId}: page through them`);
    return data.reviews.edges.map((e) => e.node);
  }

  /** A recipient's reviews with how the server links a repeat to the period's original. */
  async repeatsOf(email: string, recipientId: string): Promise<Array<{ id: string; clientId: string; repeatOf: string | null; repeatReason: string | null }>> {
    const { token } = await this.as(email);
    const data = await this.request<{
      reviews: { edges: Array<{ node: { id: string; clientId: string; repeatOf: string | null; repeatReason: string | null } }> };
    }>(
      'query Repeats($filter: ReviewFilter) { reviews(filter: $filter, first: 50) { edges { node { id clientId repeatOf repeatReason } } } }',
      { filter: { recipientId } },
      token,
    );
    return data.reviews.edges.map((e) => e.node);
  }

  async unitIdByName(email: string, name: string): Promise<string> {
    const { token } = await this.as(email);
    const data = await this.request<{ organisation: { units: Array<{ id: string; name: string }> } }>('{ organisation { units { id name } } }', {}, token);
    const unit = data.organisation.units.find((u) => u.name === name);
    if (!unit) throw new Error(`No unit ${name}`);
    return unit.id;
  }

  async moveRecipient(email: string, recipientId: string, unitId: string): Promise<void> {
    const { token } = await this.as(email);
    const data = await this.request<{ updateCareRecipient: { unitId: string } }>(
      'mutation Move($id: UUID!, $input: UpdateCareRecipientInput!) { updateCareRecipient(id: $id, input: $input) { unitId } }',
      { id: recipientId, input: { unitId } },
      token,
    );
    if (data.updateCareRecipient.unitId !== unitId) throw new Error('The recipient did not move');
  }

  /**
   * A new care recipient, never reviewed, for a test that reviews or changes them (moves, ends their care):
   * the demo recipients are shared by every browser test of the run. In the caller's own unit unless a unit
   * is named.
   */
  async createRecipient(email: string, reference: string, unitName?: string): Promise<{ id: string; reference: string; unitId: string }> {
    const { token, unitId: ownUnitId } = await this.as(email);
    const org = await this.request<{ organisation: { units: Array<{ id: string; name: string }>; areas: Array<{ id: string }> } }>(
      '{ organisation { units { id name } areas { id } } }',
      {},
      token,
    );
    const unitId = unitName === undefined ? ownUnitId : org.organisation.units.find((u) => u.name === unitName)?.id;
    const areaId = org.organisation.areas[0]?.id;
    if (!unitId || !areaId) throw new Error(`No unit ${unitName ?? '(own)'} or no area`);
    const data = await this.request<{ createCareRecipient: { id: string; unitId: string } }>(
      'mutation New($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id unitId } }',
      { input: { reference, unitId, areaId, housingType: 'RENTED_FLAT' } },
      token,
    );
    return { ...data.createCareRecipient, reference };
  }

  /** Care ends: the recipient is no longer active. */
  async deactivateRecipient(email: string, recipientId: string): Promise<void> {
    const { token } = await this.as(email);
    await this.request('mutation End($id: UUID!) { updateCareRecipient(id: $id, input: { active: false }) { id } }', { id: recipientId }, token);
  }

  /** Where a review is stored and where it was handed over from, as a manager of the unit sees it. */
  async placementOf(email: string, recipientId: string, clientId: string): Promise<{ unitId: string; handedOverFromUnitId: string | null } | null> {
    const { token } = await this.as(email);
    const data = await this.request<{ reviews: { edges: Array<{ node: { clientId: string; unitId: string; handedOverFromUnitId: string | null } }> } }>(
      'query Placed($filter: ReviewFilter) { reviews(filter: $filter, first: 50) { edges { node { clientId unitId handedOverFromUnitId } } } }',
      { filter: { recipientId } },
      token,
    );
    const node = data.reviews.edges.find((e) => e.node.clientId === clientId)?.node;
    return node ? { unitId: node.unitId, handedOverFromUnitId: node.handedOverFromUnitId } : null;
  }

  /** The audit log about one recipient, newest first, as an admin reads it. */
  async auditOf(email: string, careRecipientId: string): Promise<Array<{ action: string; entityId: string | null; details: Record<string, unknown> | null }>> {
    const { token } = await this.as(email);
    const data = await this.request<{ auditEvents: Array<{ action: string; entityId: string | null; details: Record<string, unknown> | null }> }>(
      'query Audit($r: UUID) { auditEvents(careRecipientId: $r, first: 200) { action entityId details } }',
      { r: careRecipientId },
      token,
    );
    return data.auditEvents;
  }

  /** A manager gives an action an owner, who then sees it under "Mina åtgärder". */
  async assignAction(email: string, actionId: string, ownerId: string): Promise<void> {
    const { token } = await this.as(email);
    await this.request(
      'mutation Assign($id: UUID!, $owner: UUID!) { assignFollowUpAction(id: $id, ownerId: $owner) { id } }',
      { id: actionId, owner: ownerId },
      token,
    );
  }

  async templateItemTexts(email: string): Promise<Map<string, string>> {
    const { token } = await this.as(email);
    const data = await this.request<{
      templates: Array<{ key: string; latestPublished: { definition: { sections: Array<{ items: Array<{ key: string; text: { sv: string } }> }> } } | null }>;
    }>('{ templates { key latestPublished { definition } } }', {}, token);
    const definition = data.templates.find((t) => t.key === 'sakerhet-hjalpbehov')?.latestPublished?.definition;
    if (!definition) throw new Error('No published safety checklist');
    return new Map(definition.sections.flatMap((s) => s.items.map((i) => [i.key, i.text.sv] as const)));
  }
}
