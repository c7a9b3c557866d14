/** The supervisor's list as the load test asks it (test/load/world.ts): every nested field a dashboard shows. */
export const LIST_REVIEWS = `query List($first: Int!) { reviews(first: $first) { edges { node { id status answers { itemKey value }
  recipient { id reference } unit { id name } risks { itemKey severity suggestedActions { actor } } actions { id status } } } } }`;
