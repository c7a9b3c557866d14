import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';

/*
 * Processes and routines over HTTP (docs/routines.md): the demo register as each role reads it, writing and
 * revising with versions, "read and understood" stored once however often the phone sends it, who has
 * confirmed, the review flag for owners, and refusals that change nothing.
 */

let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const [name, email] of Object.entries({
    staff: DEMO.staff,
    staff2: DEMO.staff2,
    staffSoder: DEMO.staffSoder,
    staffKolmarden: DEMO.staffKolmarden,
    manager: DEMO.manager,
    managerSoder: DEMO.managerSoder,
    coordinator: DEMO.coordinator,
    admin: DEMO.admin,
  }))
    tokens[name] = await server.tokenFor(email);
});
afterAll(() => server?.close());

interface RoutineView {
  id: string;
  title: string;
  unitId: string | null;
  version: number;
  reviewOverdue: boolean;
  confirmedVersion: number | null;
  confirmedCurrent: boolean;
  ownerName: string;
  itemKey: string | null;
  activityId: string;
}

const ROUTINE_FIELDS = 'id title unitId version reviewOverdue confirmedVersion confirmedCurrent ownerName itemKey activityId';
const ROUTINES = `query($f: RoutineFilter) { routines(filter: $f) { ${ROUTINE_FIELDS} } }`;
const CONFIRM = `mutation($input: RoutineConfirmationInput!) { confirmRoutine(input: $input) { clientId routineId version confirmedAt } }`;
const CREATE = `mutation($input: RoutineInput!) { createRoutine(input: $input) { ${ROUTINE_FIELDS} } }`;
const REVISE = `mutation($id: UUID!, $input: RoutineInput!) { reviseRoutine(id: $id, input: $input) { ${ROUTINE_FIELDS} } }`;
const READERS = `query($r: UUID!) { routineReaders(routineId: $r) { displayName unitName confirmedVersion confirmedCurrent } }`;

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code ?? 'ok';
const fieldOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.field;
const count = async (table: string) => Number(((await server.dataSource.query(`SELECT count(*) AS n FROM ${table}`)) as Array<{ n: string }>)[0]?.n);

async function routinesAs(who: string, filter?: Record<string, unknown>): Promise<RoutineView[]> {
  const res = await server.gql<{ routines: RoutineView[] }>(ROUTINES, filter ? { f: filter } : {}, tokens[who]);
  expect(res.errors).toBeUndefined();
  return res.data?.routines ?? [];
}
const byTitle = async (who: string, title: string) => (await routinesAs(who)).find((r) => r.title === title) as RoutineView;

async function anActivity(): Promise<string> {
  const res = await server.gql<{ routineProcesses: Array<{ activities: Array<{ id: string }> }> }>(
    `query { routineProcesses { activities { id } } }`,
    {},
    tokens['staff'],
  );
  return res.data?.routineProcesses[0]?.activities[0]?.id as string;
}

const content = (activityId: string, extra: Record<string, unknown> = {}) => ({
  activityId,
  title: 'Nyckelhantering',
  responsible: 'Den som hämtar nyckeln',
  frequency: 'Vid varje besök',
  body: 'Kvittera nyckeln i nyckelskåpet.',
  reviewOn: '2030-01-31',
  ...extra,
});

describe('the register as each role reads it', () => {
  it("shows staff the municipality's routines and their own unit's, not another unit's", async () => {
    const norr = (await routinesAs('staff')).map((r) => r.title);
    expect(norr).toEqual(expect.arrayContaining(['Provning av brandvarnare', 'Erbjuda säkerhetsgenomgång', 'Kontakt med hyresvärd vid brister']));
    expect(norr).not.toContain('Signering av överlämnat läkemedel');
    const soder = (await routinesAs('staffSoder')).map((r) => r.title);
    expect(soder).toContain('Signering av överlämnat läkemedel');
    expect(soder).not.toContain('Erbjuda säkerhetsgenomgång');
  });

  it('shows a coordinator the routines of every unit of the administration, and an admin all of them', async () => {
    expect((await routinesAs('coordinator')).map((r) => r.title)).toEqual(
      expect.arrayContaining(['Erbjuda säkerhetsgenomgång', 'Signering av överlämnat läkemedel', 'Provning av brandvarnare']),
    );
    expect(await routinesAs('admin')).toHaveLength(4);
  });

  it('lists the processes with their activities for everyone in the municipality', async () => {
    const res = await server.gql<{ routineProcesses: Array<{ name: string; activities: Array<{ name: string }> }> }>(
      `query { routineProcesses { name activities { name } } }`,
      {},
      tokens['staffKolmarden'],
    );
    expect(res.data?.routineProcesses.map((p) => p.name)).toEqual(['Förebyggande av olycksfall i hemmet', 'Läkemedelshantering']);
    expect(res.data?.routineProcesses[0]?.activities).toHaveLength(2);
  });

  it('links the smoke-alarm routine to the alarm-testing checklist item, at version 2, confirmed by Sara', async () => {
    const smoke = await byTitle('staff', 'Provning av brandvarnare');
    expect(smoke).toMatchObject({ itemKey: 'alarm_tested', version: 2, confirmedVersion: 2, confirmedCurrent: true });
    expect(await byTitle('staff2', 'Provning av brandvarnare')).toMatchObject({ confirmedVersion: 1, confirmedCurrent: false });
  });

  it('refuses anonymous callers and reports one routine out of scope as FORBIDDEN', async () => {
    expect(codeOf(await server.gql(ROUTINES, {}))).toBe('UNAUTHENTICATED');
    const signing = await byTitle('admin', 'Signering av överlämnat läkemedel');
    expect(codeOf(await server.gql(`query($id: UUID!) { routine(id: $id) { id } }`, { id: signing.id }, tokens['staff']))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(`query($id: UUID!) { routine(id: $id) { id } }`, { id: randomUUID() }, tokens['staff']))).toBe('NOT_FOUND');
  });
});

describe('read and understood', () => {
  it('stores a confirmation once however often the phone sends it, and audits it once', async () => {
    const routine = await byTitle('staffKolmarden', 'Kontakt med hyresvärd vid brister');
    const input = { clientId: randomUUID(), routineId: routine.id, version: routine.version, confirmedAt: '2026-11-20T09:30:00.000Z' };
    const before = await count('routine_confirmation');
    const first = await server.gql<{ confirmRoutine: { clientId: string; version: number } }>(CONFIRM, { input }, tokens['staffKolmarden']);
    const again = await server.gql<{ confirmRoutine: { clientId: string; version: number } }>(CONFIRM, { input }, tokens['staffKolmarden']);
    expect(first.data?.confirmRoutine).toEqual(again.data?.confirmRoutine);
    // A second tap on another phone (a new client id) of the same version is the same fact.
    const other = await server.gql(CONFIRM, { input: { ...input, clientId: randomUUID() } }, tokens['staffKolmarden']);
    expect(other.errors).toBeUndefined();
    expect(await count('routine_confirmation')).toBe(before + 1);
    const audit: unknown[] = await server.dataSource.query(
      `SELECT 1 FROM audit_event WHERE entity_type = 'routine_confirmation' AND details->>'routineId' = $1`,
      [routine.id],
    );
    expect(audit).toHaveLength(1);
    expect(await byTitle('staffKolmarden', 'Kontakt med hyresvärd vid brister')).toMatchObject({ confirmedCurrent: true });
  });

  it('refuses a client id reused for other content, a version the routine never had, and a routine out of scope, storing nothing', async () => {
    const routine = await byTitle('staff', 'Erbjuda säkerhetsgenomgång');
    const clientId = randomUUID();
    expect(
      codeOf(await server.gql(CONFIRM, { input: { clientId, routineId: routine.id, version: 1, confirmedAt: new Date().toISOString() } }, tokens['staff2'])),
    ).toBe('ok');
    const before = await count('routine_confirmation');
    const reused = await server.gql(
      CONFIRM,
      { input: { clientId, routineId: routine.id, version: 1, confirmedAt: new Date().toISOString() } },
      tokens['staff'],
    );
    expect([codeOf(reused), fieldOf(reused)]).toEqual(['CONFLICT', 'input.clientId']);
    const future = await server.gql(
      CONFIRM,
      { input: { clientId: randomUUID(), routineId: routine.id, version: 9, confirmedAt: new Date().toISOString() } },
      tokens['staff'],
    );
    expect([codeOf(future), fieldOf(future)]).toEqual(['BAD_USER_INPUT', 'input.version']);
    const outside = await server.gql(
      CONFIRM,
      { input: { clientId: randomUUID(), routineId: routine.id, version: 1, confirmedAt: new Date().toISOString() } },
      tokens['staffSoder'],
    );
    expect([codeOf(outside), fieldOf(outside)]).toEqual(['FORBIDDEN', 'input.routineId']);
    expect(await count('routine_confirmation')).toBe(before);
  });

  it('shows the unit manager who of the unit has confirmed the current version, and refuses staff the list', async () => {
    const smoke = await byTitle('manager', 'Provning av brandvarnare');
    const res = await server.gql<{
      routineReaders: Array<{ displayName: string; unitName: string; confirmedVersion: number | null; confirmedCurrent: boolean }>;
    }>(READERS, { r: smoke.id }, tokens['manager']);
    const readers = res.data?.routineReaders ?? [];
    expect(readers.every((r) => r.unitName === 'Hemtjänst Norr')).toBe(true);
    expect(readers.find((r) => r.displayName === 'Sara Personal')).toMatchObject({ confirmedVersion: 2, confirmedCurrent: true });
    expect(readers.find((r) => r.displayName === 'Ali Personal')).toMatchObject({ confirmedVersion: 1, confirmedCurrent: false });
    // The coordinator sees the administration's units; Kolmården is another administration's.
    const wide = await server.gql<{ routineReaders: Array<{ unitName: string }> }>(READERS, { r: smoke.id }, tokens['coordinator']);
    const units = new Set(wide.data?.routineReaders.map((r) => r.unitName));
    expect(units).toEqual(new Set(['Hemtjänst Norr', 'Hemtjänst Söder', 'Hemtjänst Centrum']));
    expect(codeOf(await server.gql(READERS, { r: smoke.id }, tokens['staff']))).toBe('FORBIDDEN');
  });
});

describe('writing routines', () => {
  it('lets a unit manager write a routine for the unit, and makes a new version only when what staff read changes', async () => {
    const activityId = await anActivity();
    const created = await server.gql<{ createRoutine: RoutineView }>(
      CREATE,
      { input: content(activityId, { unitId: server.seed.unitIds[0] }) },
      tokens['manager'],
    );
    expect(created.data?.createRoutine).toMatchObject({ version: 1, ownerName: 'Eva Enhetschef', reviewOverdue: false });
    const id = created.data?.createRoutine.id as string;
    const later = await server.gql<{ reviseRoutine: RoutineView }>(
      REVISE,
      { id, input: content(activityId, { unitId: server.seed.unitIds[0], reviewOn: '2031-01-31' }) },
      tokens['manager'],
    );
    expect(later.data?.reviseRoutine.version).toBe(1);
    const changed = await server.gql<{ reviseRoutine: RoutineView }>(
      REVISE,
      { id, input: content(activityId, { unitId: server.seed.unitIds[0], body: 'Kvittera nyckeln och lägg tillbaka den samma dag.' }) },
      tokens['manager'],
    );
    expect(changed.data?.reviseRoutine.version).toBe(2);
    const audit: Array<{ action: string }> = await server.dataSource.query(
      `SELECT action FROM audit_event WHERE entity_type = 'routine' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
  });

  it('links a routine to a whole checklist template, without an item', async () => {
    const res = await server.gql<{ createRoutine: { itemKey: string | null; templateKey: string | null } }>(
      `mutation($input: RoutineInput!) { createRoutine(input: $input) { itemKey templateKey } }`,
      { input: content(await anActivity(), { templateKey: 'sakerhet-hjalpbehov' }) },
      tokens['coordinator'],
    );
    expect(res.data?.createRoutine).toEqual({ itemKey: null, templateKey: 'sakerhet-hjalpbehov' });
  });

  it("refuses staff, another unit's manager, and a unit manager writing for the whole municipality", async () => {
    const activityId = await anActivity();
    const before = await count('routine');
    expect(codeOf(await server.gql(CREATE, { input: content(activityId, { unitId: server.seed.unitIds[0] }) }, tokens['staff']))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(CREATE, { input: content(activityId, { unitId: server.seed.unitIds[0] }) }, tokens['managerSoder']))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(CREATE, { input: content(activityId) }, tokens['manager']))).toBe('FORBIDDEN');
    const smoke = await byTitle('admin', 'Provning av brandvarnare');
    expect(codeOf(await server.gql(REVISE, { id: smoke.id, input: content(smoke.activityId) }, tokens['manager']))).toBe('FORBIDDEN');
    expect(await count('routine')).toBe(before);
  });

  it('answers bad input with a coded error naming the field, and stores nothing', async () => {
    const activityId = await anActivity();
    const before = await count('routine');
    const empty = await server.gql(CREATE, { input: content(activityId, { title: '   ' }) }, tokens['coordinator']);
    expect([codeOf(empty), fieldOf(empty)]).toEqual(['BAD_USER_INPUT', 'input.title']);
    const half = await server.gql(CREATE, { input: content(activityId, { itemKey: 'alarm_tested' }) }, tokens['coordinator']);
    expect([codeOf(half), fieldOf(half)]).toEqual(['BAD_USER_INPUT', 'input.templateKey']);
    const noTemplate = await server.gql(CREATE, { input: content(activityId, { templateKey: 'fallrisk' }) }, tokens['coordinator']);
    expect([codeOf(noTemplate), fieldOf(noTemplate)]).toEqual(['NOT_FOUND', 'input.templateKey']);
    const noItem = await server.gql(
      CREATE,
      { input: content(activityId, { templateKey: 'sakerhet-hjalpbehov', itemKey: 'no_such_item' }) },
      tokens['coordinator'],
    );
    expect([codeOf(noItem), fieldOf(noItem)]).toEqual(['BAD_USER_INPUT', 'input.itemKey']);
    const noActivity = await server.gql(CREATE, { input: content(randomUUID()) }, tokens['coordinator']);
    expect([codeOf(noActivity), fieldOf(noActivity)]).toEqual(['NOT_FOUND', 'input.activityId']);
    expect(await count('routine')).toBe(before);
  });

  it('lays out processes and activities for coordinators and admins only', async () => {
    const process = await server.gql<{ createRoutineProcess: { id: string } }>(
      `mutation { createRoutineProcess(name: "Nattpatrull") { id } }`,
      {},
      tokens['coordinator'],
    );
    const processId = process.data?.createRoutineProcess.id as string;
    expect(
      codeOf(
        await server.gql(`mutation($p: UUID!) { createProcessActivity(processId: $p, name: "Larmutryckning") { id } }`, { p: processId }, tokens['admin']),
      ),
    ).toBe('ok');
    expect(codeOf(await server.gql(`mutation { createRoutineProcess(name: "X") { id } }`, {}, tokens['manager']))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(`mutation { createRoutineProcess(name: "") { id } }`, {}, tokens['admin']))).toBe('BAD_USER_INPUT');
  });
});

describe('review dates', () => {
  it('flags a routine past its review date to its owner, and to no one else', async () => {
    const mine = await routinesAs('coordinator', { dueForReview: true });
    expect(mine.map((r) => r.title)).toEqual(['Kontakt med hyresvärd vid brister']);
    expect(mine[0]?.reviewOverdue).toBe(true);
    expect(await routinesAs('manager', { dueForReview: true })).toEqual([]);
  });
});
