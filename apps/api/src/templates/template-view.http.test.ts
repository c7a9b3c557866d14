import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conditionsOf, type AnswerCondition, type AnswerTest, type RiskRule, type TemplateItem as DomainItem } from '@hjulet/domain';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';

interface Range {
  from: number;
  to: number;
}
interface ConditionView {
  itemKey: string;
  equals: string[] | null;
  notEquals: string[] | null;
  atLeast: number | null;
  atMost: number | null;
  between: Range | null;
}
interface ItemView {
  key: string;
  integer: boolean;
  options: Array<{ value: string; label: { sv: string; en: string } }> | null;
  showWhen: { itemKey: string; equals: string[] } | null;
  showWhenAll: ConditionView[];
  risk: { when: string[]; atLeast: number | null; atMost: number | null; between: Range | null } | null;
}
interface VersionView {
  sections: Array<{ items: ItemView[] }>;
  definition: { sections: Array<{ items: DomainItem[] }> };
}

const CONDITION = 'itemKey equals notEquals atLeast atMost between { from to }';
const VERSION = `sections { items { key integer options { value label { sv en } } showWhen { itemKey equals }
  showWhenAll { ${CONDITION} } risk { when atLeast atMost between { from to } } } } definition`;
const IMPORT = `mutation Import($d: JSONObject!) { importTemplate(definition: $d, publish: true) { ${VERSION} } }`;
const SEEDED = `query Seeded($id: UUID!) { templateVersion(id: $id) { ${VERSION} } }`;

const require = createRequire(import.meta.url);
const fallPreventionFile = () => JSON.parse(readFileSync(require.resolve('@hjulet/domain/templates/fallprevention.v1.json'), 'utf8')) as unknown;

const noCondition = { equals: null, notEquals: null, atLeast: null, atMost: null, between: null };
const noNumberTest = { atLeast: null, atMost: null, between: null };

let server: TestServer;
let fallPrevention: VersionView;
const itemsOf = (version: VersionView) => version.sections.flatMap((s) => s.items);
const item = (key: string) => itemsOf(fallPrevention).find((i) => i.key === key);

beforeAll(async () => {
  server = await startTestServer({ recipientCount: 4 });
  const admin = await server.tokenFor(DEMO.admin);
  const res = await server.gql<{ importTemplate: VersionView }>(IMPORT, { d: fallPreventionFile() }, admin);
  expect(res.errors).toBeUndefined();
  fallPrevention = res.data?.importTemplate as VersionView;
});
afterAll(() => server?.close());

describe('the typed view of the fall-prevention checklist, imported by an admin', () => {
  it('shows the numeric risk rule on falls_last_year as "two falls or more", not as an empty `when`', () => {
    expect(item('falls_last_year')?.risk).toEqual({ when: [], atLeast: 2, atMost: null, between: null });
  });

  it('shows a `when` rule as before, with no number test', () => {
    expect(item('walking')?.risk).toEqual({ when: ['unsteady'], ...noNumberTest });
  });

  it('shows the notEquals condition of aid_always_used, which the old `showWhen` cannot say', () => {
    expect(item('aid_always_used')).toMatchObject({
      showWhen: null,
      showWhenAll: [{ ...noCondition, itemKey: 'walking', notEquals: ['steady', 'does_not_walk'] }],
    });
  });

  it('shows both conditions of the allOf on alarm_worn', () => {
    expect(item('alarm_worn')?.showWhenAll).toEqual([
      { ...noCondition, itemKey: 'lives_alone', equals: ['yes'] },
      { ...noCondition, itemKey: 'safety_alarm', equals: ['yes'] },
    ]);
  });

  it('shows the number condition of fall_injury ("fallen at least once")', () => {
    expect(item('fall_injury')?.showWhenAll).toEqual([{ ...noCondition, itemKey: 'falls_last_year', atLeast: 1 }]);
  });

  it('shows an item without a condition as always shown', () => {
    expect(item('lives_alone')).toMatchObject({ showWhen: null, showWhenAll: [] });
  });

  it('shows the options written without a label with their value as the label', () => {
    expect(item('night_toilet_visits')?.options).toEqual(['0', '1', '2', '3+'].map((value) => ({ value, label: { sv: value, en: value } })));
  });

  it('says which number items take whole numbers only', () => {
    expect(
      itemsOf(fallPrevention)
        .filter((i) => i.integer)
        .map((i) => i.key),
    ).toEqual(['falls_last_year', 'medicines_count']);
  });
});

/** A condition as the typed view says it, read back into the domain's form (numbers compared as strings). */
function conditionFromView(view: ConditionView): AnswerCondition {
  const { itemKey } = view;
  if (view.equals) return { itemKey, equals: view.equals };
  if (view.notEquals) return { itemKey, notEquals: view.notEquals };
  if (view.atLeast !== null) return { itemKey, atLeast: view.atLeast };
  if (view.atMost !== null) return { itemKey, atMost: view.atMost };
  if (view.between) return { itemKey, between: [view.between.from, view.between.to] };
  throw new Error(`the typed view of a condition on ${itemKey} holds no test`);
}

function conditionAsStrings(condition: AnswerCondition): AnswerCondition {
  if ('equals' in condition) return { itemKey: condition.itemKey, equals: condition.equals.map(String) };
  if ('notEquals' in condition) return { itemKey: condition.itemKey, notEquals: condition.notEquals.map(String) };
  return condition;
}

type RiskView = NonNullable<ItemView['risk']>;

/** The one test of a risk rule as the typed view says it; fails when it says none, or more than one. */
function riskTestFromView(view: RiskView): AnswerTest {
  const given = [view.when.length > 0, view.atLeast !== null, view.atMost !== null, view.between !== null];
  if (given.filter(Boolean).length !== 1) throw new Error(`a risk rule in the typed view has ${given.filter(Boolean).length} tests`);
  if (view.atLeast !== null) return { atLeast: view.atLeast };
  if (view.atMost !== null) return { atMost: view.atMost };
  if (view.between) return { between: [view.between.from, view.between.to] };
  return { when: view.when };
}

function riskTestOf(rule: RiskRule): AnswerTest {
  if ('when' in rule) return { when: rule.when.map(String) };
  if ('atLeast' in rule) return { atLeast: rule.atLeast };
  if ('atMost' in rule) return { atMost: rule.atMost };
  return { between: rule.between };
}

describe('every item of both shipped templates (fall prevention, and the seeded safety checklist)', () => {
  it('has the same conditions and risk test in the typed view as in `definition`', async () => {
    const staff = await server.tokenFor(DEMO.staff);
    const seeded = await server.gql<{ templateVersion: VersionView }>(SEEDED, { id: server.seed.templateVersionId }, staff);
    expect(seeded.errors).toBeUndefined();
    for (const version of [fallPrevention, seeded.data?.templateVersion as VersionView]) {
      const typed = itemsOf(version);
      const documented = version.definition.sections.flatMap((s) => s.items);
      expect(typed.map((i) => i.key)).toEqual(documented.map((i) => i.key));
      documented.forEach((doc, index) => {
        const view = typed[index] as ItemView;
        const conditions = doc.showWhen ? conditionsOf(doc.showWhen).map(conditionAsStrings) : [];
        expect(view.showWhenAll.map(conditionFromView), doc.key).toEqual(conditions);
        if (doc.risk) expect(riskTestFromView(view.risk as RiskView), doc.key).toEqual(riskTestOf(doc.risk));
        else expect(view.risk, doc.key).toBeNull();
      });
    }
  });
});
