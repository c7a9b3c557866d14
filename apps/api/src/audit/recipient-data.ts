import { getNamedType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

/**
 * Field names that, on an object type, mean the type holds a care recipient's data: the person's id, the
 * person, or their home address. A new type that names a recipient this way is caught without a list.
 */
const RECIPIENT_FIELD_NAMES = new Set(['recipientId', 'careRecipientId', 'recipient', 'address']);

/**
 * The object types that carry a care recipient's data: `CareRecipient` itself, any type with a field named
 * as above, and any type with a field whose type carries it (a connection of reviews, a work list entry).
 * Computed from the schema, so a field added later is covered by the rule, not by remembering a list.
 */
export function recipientDataTypes(schema: GraphQLSchema): Set<string> {
  const objects = Object.values(schema.getTypeMap()).filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'));
  const carrying = new Set<string>(['CareRecipient']);
  for (const type of objects) {
    if (Object.keys(type.getFields()).some((name) => RECIPIENT_FIELD_NAMES.has(name))) carrying.add(type.name);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const type of objects) {
      if (carrying.has(type.name)) continue;
      if (Object.values(type.getFields()).some((f) => carrying.has(getNamedType(f.type).name))) {
        carrying.add(type.name);
        grew = true;
      }
    }
  }
  return carrying;
}

/** The root fields (queries, or mutations) whose answer can carry a care recipient's data: each must audit. */
export function recipientDataRootFields(schema: GraphQLSchema, root: 'query' | 'mutation'): string[] {
  const type = root === 'query' ? schema.getQueryType() : schema.getMutationType();
  if (!type) return [];
  const carrying = recipientDataTypes(schema);
  const carries = (field: GraphQLField<unknown, unknown>) => carrying.has(getNamedType(field.type).name);
  return Object.values(type.getFields())
    .filter(carries)
    .map((f) => f.name)
    .sort();
}
