import type { TemplateDefinition, TemplateItem } from '@hjulet/domain';

/** A template's items by key, with each item's position in template order. */
export type ItemIndex = ReadonlyMap<string, { position: number; item: TemplateItem }>;

const indexes = new WeakMap<TemplateDefinition, ItemIndex>();

/**
 * The items of a template version by key, built once per stored definition (published versions are
 * cached and immutable): a page of 50 reviews asks it for every review and every risk, and walking the
 * sections each time was most of the work of ordering answers and finding suggested actions.
 */
export function itemIndexOf(definition: TemplateDefinition): ItemIndex {
  let index = indexes.get(definition);
  if (!index) {
    index = new Map(definition.sections.flatMap((s) => s.items).map((item, position) => [item.key, { position, item }]));
    indexes.set(definition, index);
  }
  return index;
}
