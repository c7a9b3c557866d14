/*
 * Node module hooks: every phone life gets its own copy of the staff app's modules, as a real phone app
 * has its own JavaScript heap. An import of apps/pwa/src/… with `?phone-life=…` passes that query on to
 * every file of apps/pwa/src it imports, so module state (the open database, the running flush) is per life.
 */
const QUERY = 'phone-life=';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const parent = context.parentURL;
  if (!parent || !parent.includes(QUERY) || !resolved.url.startsWith('file:') || !resolved.url.includes('/apps/pwa/src/')) return resolved;
  if (resolved.url.includes(QUERY)) return resolved;
  const life = parent.slice(parent.indexOf(QUERY));
  return { ...resolved, url: `${resolved.url}${resolved.url.includes('?') ? '&' : '?'}${life}` };
}
