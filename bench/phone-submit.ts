import { reviewInput } from '@hjulet/api/test-support/factories.js';

/** The staff app's own operation (apps/pwa/src/sync/operations.ts): it asks only what the outbox needs. */
export const PHONE_SUBMIT = `mutation Submit($input: [ReviewInput!]!) {
  submitReviews(input: $input) { clientId index outcome review { id status } error { code field message } }
}`;

/** A batch of finished reviews; 25 answered items each (every item but the conditional stove guard and the optional notes). */
export function batchOf(size: number, recipients: string[], templateVersionId: string) {
  return Array.from({ length: size }, (_, i) => reviewInput(recipients[i % recipients.length] as string, templateVersionId));
}

/** As the staff app sends a batch: each review's answers as one object (`answerValues`). */
export function asPhoneSends(batch: ReturnType<typeof batchOf>) {
  return batch.map(({ answers, ...review }) => ({
    ...review,
    answerValues: Object.fromEntries(answers.map((a) => [a.itemKey, 'value' in a ? a.value : a.number])),
  }));
}
