import type { AnswerCondition, AnswerValue, NumberTest, RiskRule, ShowWhen } from '@hjulet/domain';

/*
 * The small part of ODK's XPath that a template's conditions need, both ways: `relevant` (shown when) and
 * Hjulet's own `hjulet::risk` column (a risk when), which uses `.` for the item's own answer as ODK's
 * `constraint` does. Anything outside this subset is refused with a message, never guessed at: a form
 * whose logic we cannot keep exactly must not be imported as if we had.
 *
 *   ${k} = 'v'                          equals [v]             (also selected(${k}, 'v'))
 *   (${k} = 'a' or ${k} = 'b')          equals [a, b]
 *   (${k} != '' and ${k} != 'a')        notEquals [a]          (answered, and not a; a bare `${k} != 'a'` is read so too)
 *   ${k} >= 2, ${k} <= 0                atLeast, atMost
 *   (${k} >= 1 and ${k} <= 3)           between [1, 3]
 *   c1 and c2 and ...                   allOf [c1, c2, ...]
 */

type Operator = '=' | '!=' | '>=' | '<=' | '>' | '<';

interface Comparison {
  kind: 'cmp';
  /** An item's name, or '.' for the item itself. */
  ref: string;
  op: Operator;
  value: AnswerValue;
}

interface Junction {
  kind: 'and' | 'or';
  parts: Expression[];
  /** Written in parentheses: a group is one condition, never split into the conditions of an `allOf`. */
  grouped: boolean;
}

type Expression = Comparison | Junction;

export class ExpressionError extends Error {}

type Token =
  { t: 'ref'; v: string } | { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'op'; v: Operator } | { t: 'word'; v: string } | { t: '(' | ')' | ',' };

const TOKEN = /\s*(?:\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}|'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?)|(!=|>=|<=|=|>|<)|([A-Za-z][A-Za-z0-9_-]*)|(\.)|([(),]))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) {
      if (source.slice(start).trim() === '') break;
      throw new ExpressionError(`Cannot read "${source.slice(start, start + 20)}"`);
    }
    const [, ref, single, double, num, op, word, dot, punct] = match;
    if (ref !== undefined) tokens.push({ t: 'ref', v: ref });
    else if (single !== undefined || double !== undefined) tokens.push({ t: 'str', v: (single ?? double) as string });
    else if (num !== undefined) tokens.push({ t: 'num', v: Number(num) });
    else if (op !== undefined) tokens.push({ t: 'op', v: op as Operator });
    else if (word !== undefined) tokens.push({ t: 'word', v: word });
    else if (dot !== undefined) tokens.push({ t: 'ref', v: '.' });
    else tokens.push({ t: punct as '(' | ')' | ',' });
  }
  return tokens;
}

/** Recursive descent over `or` / `and` / comparisons, keeping parentheses as groups. */
class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expression {
    const expression = this.junction('or');
    if (this.position < this.tokens.length) throw new ExpressionError('Unexpected text after the expression');
    return expression;
  }

  private junction(kind: 'or' | 'and'): Expression {
    const parts = [kind === 'or' ? this.junction('and') : this.primary()];
    while (this.peekWord(kind)) {
      this.position++;
      parts.push(kind === 'or' ? this.junction('and') : this.primary());
    }
    return parts.length === 1 ? (parts[0] as Expression) : { kind, parts, grouped: false };
  }

  private primary(): Expression {
    const token = this.next();
    if (token.t === '(') {
      const inner = this.junction('or');
      this.expect(')');
      return inner.kind === 'cmp' ? inner : { ...inner, grouped: true };
    }
    if (token.t === 'word' && token.v === 'selected') {
      this.expect('(');
      const ref = this.next();
      this.expect(',');
      const value = this.next();
      this.expect(')');
      if (ref.t !== 'ref' || value.t !== 'str') throw new ExpressionError("selected() takes an item and a choice: selected(${item}, 'value')");
      return { kind: 'cmp', ref: ref.v, op: '=', value: value.v };
    }
    if (token.t !== 'ref') throw new ExpressionError(token.t === 'word' ? `The function or word "${token.v}" is not supported` : 'Expected ${item}');
    const op = this.next();
    if (op.t !== 'op') throw new ExpressionError('Expected a comparison such as = or >=');
    const value = this.next();
    if (value.t !== 'str' && value.t !== 'num') throw new ExpressionError('Expected a quoted value or a number');
    return { kind: 'cmp', ref: token.v, op: op.v, value: value.v };
  }

  private peekWord(word: string): boolean {
    const token = this.tokens[this.position];
    return token?.t === 'word' && token.v === word;
  }

  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new ExpressionError('The expression ends too early');
    return token;
  }

  private expect(t: '(' | ')' | ','): void {
    if (this.next().t !== t) throw new ExpressionError(`Expected "${t}"`);
  }
}

function parseExpression(source: string): Expression {
  return new Parser(tokenize(source)).parse();
}

/** One test of one reference, read from a comparison or a group of comparisons of the same reference. */
function testOf(expression: Expression): { ref: string; test: AnswerCondition | RiskTest } {
  if (expression.kind === 'cmp') {
    const { ref, op, value } = expression;
    if (op === '=') return { ref, test: { itemKey: ref, equals: [value] } };
    if (op === '!=' && value !== '') return { ref, test: { itemKey: ref, notEquals: [value] } };
    if (op === '>=' && typeof value === 'number') return { ref, test: { itemKey: ref, atLeast: value } };
    if (op === '<=' && typeof value === 'number') return { ref, test: { itemKey: ref, atMost: value } };
    throw new ExpressionError(`"${op} ${typeof value === 'string' ? `'${value}'` : value}" is not supported; use = != >= <= with a value`);
  }
  const parts = expression.parts.map((part) => {
    if (part.kind !== 'cmp') throw new ExpressionError('Nested groups are not supported');
    return part;
  });
  const ref = parts[0]?.ref as string;
  if (parts.some((part) => part.ref !== ref)) throw new ExpressionError('A group in parentheses must test one item');
  if (expression.kind === 'or' && parts.every((part) => part.op === '=')) {
    return { ref, test: { itemKey: ref, equals: parts.map((part) => part.value) } };
  }
  if (expression.kind === 'and' && parts.every((part) => part.op === '!=')) {
    const values = parts.map((part) => part.value).filter((value) => value !== '');
    if (values.length > 0) return { ref, test: { itemKey: ref, notEquals: values } };
  }
  const [low, high] = parts;
  if (
    expression.kind === 'and' &&
    parts.length === 2 &&
    low?.op === '>=' &&
    high?.op === '<=' &&
    typeof low.value === 'number' &&
    typeof high.value === 'number'
  ) {
    return { ref, test: { itemKey: ref, between: [low.value, high.value] } };
  }
  throw new ExpressionError('Only "or" of = tests, "and" of != tests, or ">= and <=" can be grouped');
}

type RiskTest = { itemKey: string } & ({ when: AnswerValue[] } | NumberTest);

/** Reads a `relevant` expression into a `showWhen`; throws ExpressionError outside the subset. */
export function readRelevant(source: string): ShowWhen {
  const expression = parseExpression(source);
  const conjuncts = expression.kind === 'and' && !expression.grouped ? expression.parts : [expression];
  const conditions = conjuncts.map((conjunct) => {
    const { ref, test } = testOf(conjunct);
    if (ref === '.') throw new ExpressionError('relevant refers to other items as ${name}, not to "."');
    return test as AnswerCondition;
  });
  return conditions.length === 1 ? (conditions[0] as AnswerCondition) : { allOf: conditions };
}

/** Reads a `hjulet::risk` expression (on `.`) into the test part of a risk rule. */
export function readRiskTest(source: string): { when: AnswerValue[] } | NumberTest {
  const { ref, test } = testOf(parseExpression(source));
  if (ref !== '.') throw new ExpressionError('hjulet::risk tests the item\'s own answer, written "."');
  const { itemKey: _itemKey, ...rest } = test as AnswerCondition;
  if ('equals' in rest) return { when: rest.equals };
  if ('notEquals' in rest) throw new ExpressionError('A risk names the answers that mean a risk (=), not the ones that do not');
  return rest;
}

function literal(value: AnswerValue): string {
  if (typeof value === 'number') return String(value);
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new ExpressionError(`The value ${value} holds both kinds of quote and cannot be written in XPath 1.0`);
}

function writeTest(ref: string, test: { equals: AnswerValue[] } | { notEquals: AnswerValue[] } | NumberTest): string {
  if ('equals' in test) {
    const parts = test.equals.map((value) => `${ref} = ${literal(value)}`);
    return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' or ')})`;
  }
  if ('notEquals' in test) return `(${[`${ref} != ''`, ...test.notEquals.map((value) => `${ref} != ${literal(value)}`)].join(' and ')})`;
  if ('atLeast' in test) return `${ref} >= ${test.atLeast}`;
  if ('atMost' in test) return `${ref} <= ${test.atMost}`;
  return `(${ref} >= ${test.between[0]} and ${ref} <= ${test.between[1]})`;
}

/** Writes a `showWhen` as an ODK `relevant` expression. */
export function writeRelevant(showWhen: ShowWhen): string {
  const conditions = 'allOf' in showWhen ? showWhen.allOf : [showWhen];
  return conditions.map(({ itemKey, ...test }) => writeTest(`\${${itemKey}}`, test)).join(' and ');
}

/** Writes the test of a risk rule as a `hjulet::risk` expression on `.`. */
export function writeRiskTest(rule: RiskRule): string {
  if ('when' in rule) return writeTest('.', { equals: rule.when });
  if ('atLeast' in rule) return writeTest('.', { atLeast: rule.atLeast });
  if ('atMost' in rule) return writeTest('.', { atMost: rule.atMost });
  return writeTest('.', { between: rule.between });
}
