import { randomUUID } from 'node:crypto';
import { PLACES, type Caller, type Place, type Vars, type World } from './authorization-matrix.world.js';
import type { MatrixCase, Outcome, Target } from './authorization-matrix.cases.js';

/* Data protection (issue 11 §5–6): erasure and the loggutdrag are the admin's; the log review is the admin's and the coordinators'. */

/** An admin reaches any recipient of the municipality; another municipality's is unknown. */
const ADMIN_REACH: Record<Place, Outcome> = { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'NOT_FOUND' };

const adminAtPlaces = (vars: (w: World, place: Place) => Promise<Vars> | Vars): Target[] =>
  PLACES.map((place) => ({ label: `in ${place}`, vars: async (w: World) => vars(w, place), reach: { admin: ADMIN_REACH[place] } }));

const both = (outcome: Outcome): Partial<Record<Caller, Outcome>> => ({ admin: outcome, quality_coordinator: outcome });

export const PRIVACY_CASES: MatrixCase[] = [
  {
    operation: 'eraseCareRecipient',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($id: UUID!) { eraseCareRecipient(careRecipientId: $id, reason: "Begäran om radering") { careRecipientId reviews } }`,
    targets: adminAtPlaces(async (w, place) => ({ id: await w.recipient(place) })),
  },
  {
    operation: 'careRecipientLogExtract',
    kind: 'query',
    roles: ['admin'],
    document: `query($id: UUID!) { careRecipientLogExtract(careRecipientId: $id) { fileName contentBase64 } }`,
    targets: adminAtPlaces((w, place) => ({ id: w.places[place].recipientId })),
  },
  {
    operation: 'accessReviewFlags',
    kind: 'query',
    roles: ['admin', 'quality_coordinator'],
    document: `{ accessReviewFlags { id kind } }`,
    targets: [{ label: '', vars: async () => ({}), reach: both('ok') }],
  },
  {
    operation: 'markAccessReviewFlagReviewed',
    kind: 'mutation',
    roles: ['admin', 'quality_coordinator'],
    document: `mutation($id: UUID!) { markAccessReviewFlagReviewed(id: $id, note: "Kontrollerad") { id } }`,
    targets: [{ label: 'an unknown flag', vars: async () => ({ id: randomUUID() }), reach: both('NOT_FOUND') }],
  },
];
