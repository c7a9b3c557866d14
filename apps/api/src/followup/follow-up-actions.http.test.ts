import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { reviewInput } from '../../test/support/factories.js';

interface Action {
  id: string;
  clientId: string;
  reviewId: string;
  riskId: string | null;
  unitId: string;
  what: string;
  actor: string;
  ownerId: string | null;
  dueDate: string | null;
  status: 'OPEN' | 'DONE' | 'NOT_NEEDED' | 'DECLINED';
  closingNote: string | null;
  closedById: string | null;
  closedAt: string | null;
}

const ACTION = `id clientId reviewId riskId unitId what actor ownerId dueDate status closingNote closedById closedAt`;
const CREATE = `mutation Create($input: CreateFollowUpActionInput!) { createFollowUpAction(input: $input) { ${ACTION} } }`;
const ASSIGN = `mutation Assign($id: UUID!, $ownerId: UUID!, $due: LocalDate) { assignFollowUpAction(id: $id, ownerId: $ownerId, dueDate: $due) { ${ACTION} } }`;
const CLOSE = `mutation Close($id: UUID!, $input: CloseFollowUpActionInput!) { closeFollowUpAction(id: $id, input: $input) { ${ACTION} } }`;
const LIST = `query List($filter: FollowUpActionFilter) { followUpActions(filter: $filter) { ${ACTION} } }`;

let server: TestServer;
const token: Record<'staff' | 'staff2' | 'staffSoder' | 'manager', string> = { staff: '', staff2: '', staffSoder: '', manager: '' };
const userId: Record<keyof typeof token, string> = { staff: '', staff2: '', staffSoder: '', manager: '' };
let review: { id: string; risks: Array<{ id: string; itemKey: string }> };

beforeAll(async () => {
  server = await startTestServer();
  for (const who of Object.keys(token) as Array<keyof typeof token>) {
    token[who] = await server.tokenFor(DEMO[who]);
    userId[who] = (await server.gql<{ me: { id: string } }>(`{ me { id } }`, {}, token[who])).data?.me.id as string;
  }
  const recipient = server.seed.recipients.find((r) => r.unitId === server.seed.unitIds[0]);
  const input = reviewInput(recipient?.id as string, server.seed.templateVersionId);
  const res = await server.gql<{ submitReviews: Array<{ review: { id: string; risks: Array<{ id: string; itemKey: string }> } }> }>(
    `mutation($input: [ReviewInput!]!) { submitReviews(input: $input) { review { id risks { id itemKey } } } }`,
    { input: [input] },
    token.staff,
  );
  review = res.data?.submitReviews[0]?.review as typeof review;
  expect(review.risks.map((r) => r.itemKey).sort()).toEqual(['alarm_present', 'trip_hazards']);
});
afterAll(() => server?.close());

const create = async (overrides: Record<string, unknown> = {}, as = token.staff) => {
  const input = {
    clientId: randomUUID(),
    reviewId: review.id,
    itemKey: 'alarm_present',
    what: 'Hyresvärden sätter upp brandvarnare',
    actor: 'HOME_CARE_CONTACTS_LANDLORD',
    ...overrides,
  };
  return server.gql<{ createFollowUpAction: Action }>(CREATE, { input }, as);
};
const riskOf = (itemKey: string) => review.risks.find((r) => r.itemKey === itemKey)?.id;
const actionsAs = async (who: keyof typeof token, filter: Record<string, unknown>) =>
  (await server.gql<{ followUpActions: Action[] }>(LIST, { filter }, token[who])).data?.followUpActions ?? [];

describe('a follow-up action on a risk', () => {
  let action: Action;

  it('is created open on the risk of a completed review, once per client id', async () => {
    const clientId = randomUUID();
    const first = await create({ clientId });
    expect(first.errors).toBeUndefined();
    action = first.data?.createFollowUpAction as Action;
    expect(action).toMatchObject({
      clientId,
      reviewId: review.id,
      riskId: riskOf('alarm_present'),
      unitId: server.seed.unitIds[0],
      status: 'OPEN',
      ownerId: null,
    });

    const again = await create({ clientId });
    expect(again.data?.createFollowUpAction.id).toBe(action.id);
    const rows: unknown[] = await server.dataSource.query(`SELECT id FROM follow_up_action WHERE client_id = $1`, [clientId]);
    expect(rows).toHaveLength(1);
  });

  it('is refused for an item the review found no risk in', async () => {
    const res = await create({ itemKey: 'call_112' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemKey' });
  });

  it('is given an owner in the unit and a due date by the unit manager', async () => {
    const res = await server.gql<{ assignFollowUpAction: Action }>(ASSIGN, { id: action.id, ownerId: userId.staff, due: '2026-12-31' }, token.manager);
    expect(res.errors).toBeUndefined();
    expect(res.data?.assignFollowUpAction).toMatchObject({ id: action.id, ownerId: userId.staff, dueDate: '2026-12-31', status: 'OPEN' });
  });

  it('cannot be given an owner from another unit (BAD_USER_INPUT), and keeps its owner', async () => {
    const res = await server.gql(ASSIGN, { id: action.id, ownerId: userId.staffSoder }, token.manager);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ownerId' });
    const [stored] = (await server.dataSource.query(`SELECT owner_id FROM follow_up_action WHERE id = $1`, [action.id])) as Array<{ owner_id: string }>;
    expect(stored?.owner_id).toBe(userId.staff);
  });

  it('cannot be assigned by staff (FORBIDDEN)', async () => {
    const res = await server.gql(ASSIGN, { id: action.id, ownerId: userId.staff2 }, token.staff);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('is closed as done with a note, recording who closed it and when', async () => {
    const before = Date.now();
    const res = await server.gql<{ closeFollowUpAction: Action }>(
      CLOSE,
      { id: action.id, input: { outcome: 'DONE', note: 'Brandvarnare uppsatt och provad' } },
      token.staff,
    );
    expect(res.errors).toBeUndefined();
    const closed = res.data?.closeFollowUpAction as Action;
    expect(closed).toMatchObject({ status: 'DONE', closingNote: 'Brandvarnare uppsatt och provad', closedById: userId.staff });
    expect(new Date(closed.closedAt as string).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('cannot be closed twice (CONFLICT), and keeps its first closing', async () => {
    const res = await server.gql(CLOSE, { id: action.id, input: { outcome: 'NOT_NEEDED', note: 'Ångrat' } }, token.staff2);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    const [stored] = (await server.dataSource.query(`SELECT status, closing_note FROM follow_up_action WHERE id = $1`, [action.id])) as Array<
      Record<string, string>
    >;
    expect(stored).toEqual({ status: 'done', closing_note: 'Brandvarnare uppsatt och provad' });
  });

  it('cannot be created by the unit manager of another unit (FORBIDDEN)', async () => {
    const soderManager = await server.tokenFor(DEMO.managerSoder);
    const res = await create({}, soderManager);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the list of follow-up actions', () => {
  let mineOpen: Action;
  let othersOpen: Action;

  beforeAll(async () => {
    const create2 = async (ownerId: string) =>
      (await create({ itemKey: 'trip_hazards', what: 'Ta bort lösa mattor', actor: 'RELATIVE', ownerId }, token.manager)).data?.createFollowUpAction as Action;
    mineOpen = await create2(userId.staff);
    othersOpen = await create2(userId.staff2);
  });

  it('shows with `mine` only the actions the caller owns, open and closed', async () => {
    const mine = await actionsAs('staff', { mine: true });
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.every((a) => a.ownerId === userId.staff)).toBe(true);
    expect(mine.map((a) => a.id)).toContain(mineOpen.id);
    expect(mine.map((a) => a.id)).not.toContain(othersOpen.id);
    // Open and closed alike (the demo's reviews also left actions the client declined, owned by their performer).
    expect([...new Set(mine.map((a) => a.status))]).toEqual(expect.arrayContaining(['OPEN', 'DONE']));
  });

  it('shows with `mine` and a status only those of that status', async () => {
    // The demo's reviews agreed open actions too, owned by the staff member who submitted them.
    const mineOpenOnly = await actionsAs('staff', { mine: true, status: 'OPEN' });
    expect(mineOpenOnly.map((a) => a.id)).toContain(mineOpen.id);
    expect(mineOpenOnly.every((a) => a.status === 'OPEN' && a.ownerId === userId.staff)).toBe(true);
    const mineDone = await actionsAs('staff', { mine: true, status: 'DONE' });
    expect(mineDone.length).toBeGreaterThan(0);
    expect(mineDone.every((a) => a.status === 'DONE' && a.ownerId === userId.staff)).toBe(true);
  });

  it('filters by status across the unit', async () => {
    const open = await actionsAs('manager', { status: 'OPEN' });
    expect(open.every((a) => a.status === 'OPEN' && a.unitId === server.seed.unitIds[0])).toBe(true);
    expect(open.map((a) => a.id)).toEqual(expect.arrayContaining([mineOpen.id, othersOpen.id]));
    const done = await actionsAs('manager', { status: 'DONE' });
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((a) => a.status === 'DONE')).toBe(true);
  });

  it('shows nothing with `mine` to a manager who owns no action', async () => {
    expect(await actionsAs('manager', { mine: true })).toEqual([]);
  });
});

describe('an action agreed during a review', () => {
  const submit = (recipientId: string, actions: unknown[], as: string) =>
    server.gql<{ submitReviews: Array<{ outcome: string; review: { id: string; actions: Array<Action & { recipient: { reference: string } }> } | null }> }>(
      `mutation($input: [ReviewInput!]!) { submitReviews(input: $input) { outcome review { id actions { ${ACTION} recipient { reference } } } } }`,
      { input: [reviewInput(recipientId, server.seed.templateVersionId, { actions })] },
      as,
    );
  const agreed = (what: string, declinedByClient = false) => ({
    clientId: randomUUID(),
    itemKey: 'alarm_present',
    what,
    actor: 'HOME_CARE_CONTACTS_LANDLORD',
    dueDate: '2026-12-31',
    declinedByClient,
  });

  it('is owned by the staff member who agreed it, and is on their list with whose home it is about', async () => {
    const recipient = server.seed.recipients.filter((r) => r.unitId === server.seed.unitIds[0])[3] as { id: string; reference: string };
    const res = await submit(recipient.id, [agreed('Hyresvärden sätter upp en brandvarnare'), agreed('Den boende köper en brandvarnare', true)], token.staff2);
    expect(res.errors).toBeUndefined();
    const actions = res.data?.submitReviews[0]?.review?.actions ?? [];
    expect(actions.map((a) => [a.what, a.status, a.ownerId, a.recipient.reference]).sort()).toEqual([
      ['Den boende köper en brandvarnare', 'DECLINED', userId.staff2, recipient.reference],
      ['Hyresvärden sätter upp en brandvarnare', 'OPEN', userId.staff2, recipient.reference],
    ]);
    const open = actions.find((a) => a.status === 'OPEN') as Action;
    const mine = (
      await server.gql<{ followUpActions: Array<Action & { recipient: { reference: string } }> }>(
        `query { followUpActions(filter: { mine: true, status: OPEN }) { id recipient { reference } } }`,
        {},
        token.staff2,
      )
    ).data?.followUpActions;
    expect(mine?.find((a) => a.id === open.id)?.recipient.reference).toBe(recipient.reference);
    expect((await actionsAs('staff', { mine: true })).map((a) => a.id)).not.toContain(open.id);
  });
});
