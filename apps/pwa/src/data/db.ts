import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Actor, Answers, ReferralOutcome, TemplateDefinition } from '@hjulet/domain';
import type { ActionOutcome, AgreedActionInput, HousingType, ReviewInput, ReviewStatus, Role, SubmittedReviewStatus } from '../gql/graphql.js';

/*
 * The only module that knows IndexedDB's layout. Everything the phone must not lose lives here:
 * reviews in progress (drafts), finished results waiting to sync (outbox), results the server refused
 * (attention), plus the session and the reference data cached for offline use.
 * Every record of a person's work carries their userId: phones are shared, and the next person to log
 * in sees only their own.
 */

export interface StoredUser {
  id: string;
  displayName: string;
  role: Lowercase<Role>;
  unitId: string | null;
  email: string;
}

/** A session the server issued at login. */
export interface ServerSession {
  key: 'current';
  localOnly?: undefined;
  user: StoredUser;
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  /** 'provider': begun at the identity provider, so logout ends the provider's session too; absent: a password. */
  signIn?: SignInMethod;
}

/** How a session began, where it matters: at the identity provider (issue 12). Absent means a local password. */
export type SignInMethod = 'provider';

/**
 * A session unlocked offline with the local verifier: the user works and queues results, and sync waits
 * for a server session. It carries the refresh token of the user's own earlier session when that session
 * was ended offline and never revoked (see EndedSession), to be used when the network is back.
 */
export interface LocalSession {
  key: 'current';
  localOnly: true;
  user: StoredUser;
  unlockedAt: string;
  refreshToken: string | null;
  refreshTokenExpiresAt: string | null;
  /** 'provider': unlocked with a PIN; the server session comes back through the provider, not a password. */
  signIn?: SignInMethod;
}

export type StoredSession = ServerSession | LocalSession;

/** What the phone keeps to let a user it knows unlock offline: never the password (docs/security.md). */
export interface OfflineVerifier {
  /** The normalised email (trimmed, lower case): what the user types to unlock. */
  email: string;
  userId: string;
  /** The profile shown while unlocked offline, as the server last sent it. */
  user: StoredUser;
  /** What the verifier was derived from: the local password (absent, as before issue 12) or a PIN. */
  secret?: 'pin';
  kdf: 'PBKDF2-SHA-256';
  salt: string;
  iterations: number;
  hash: string;
  /** The last successful server call in this user's session (login, refresh, sync, download). */
  lastServerContactAt: string;
  /** Failed offline tries in a row, and when the next may be made. */
  failures: number;
  retryAt: string | null;
}

/** A refresh token whose session was ended while offline: revoked at the next contact with the server. */
export interface EndedSession {
  userId: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  endedAt: string;
  /** Begun at the identity provider: revoked through endSession, whose provider logout URL is kept to show. */
  signIn?: SignInMethod;
}

export interface AgreedAction {
  clientId: string;
  itemKey: string | null;
  what: string;
  actor: string;
  dueDate: string | null;
  declinedByClient: boolean;
}

export interface ReviewDraft {
  clientId: string;
  userId: string;
  recipientId: string;
  recipientReference: string;
  templateVersionId: string;
  answers: Answers;
  sectionIndex: number;
  consentToShare: boolean;
  actions: AgreedAction[];
  /** Item keys of the risks the worker folded away on the summary (handled ones); absent on older drafts. */
  collapsedRisks?: string[];
  offeredAt: string;
  updatedAt: string;
  /** Why the worker started another review in a period that has one already; absent for a first review. */
  repeatReason?: string;
}

/**
 * A finished review as the phone keeps it: the `submitReviews` input with the domain's lower-case enum
 * values (sync/enum-casing.ts converts at the transport boundary).
 */
export type ReviewPayload = Omit<ReviewInput, 'status' | 'actions'> & {
  status: Lowercase<SubmittedReviewStatus>;
  actions?: Array<Omit<AgreedActionInput, 'actor'> & { actor: Actor }>;
};

export interface OutboxReview {
  id: string;
  kind: 'review';
  userId: string;
  recipientReference: string;
  payload: ReviewPayload;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

export interface OutboxCloseAction {
  id: string;
  kind: 'close_action';
  userId: string;
  recipientReference: string;
  payload: { actionId: string; outcome: Lowercase<ActionOutcome>; note: string | null };
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

/**
 * A "read and understood" of one version of a routine, made on the phone (offline too) and sent through
 * `confirmRoutine`; the server stores it once by `payload.clientId`. `recipientReference` holds the
 * routine's title, for the sync screens.
 */
export interface OutboxRoutineConfirmation {
  id: string;
  kind: 'confirm_routine';
  userId: string;
  recipientReference: string;
  payload: { clientId: string; routineId: string; version: number; confirmedAt: string };
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

/**
 * A deviation (avvikelse) reported on the phone, offline too, and sent through `reportDeviation`; the
 * server stores it once by `payload.clientId`. `recipientReference` holds the person's reference, or the
 * kind of deviation when it concerns no one, for the sync screens. Once the server has it, the phone keeps
 * nothing of it: a lex Sarah report is not even for its reporter to read back.
 */
export interface OutboxDeviationReport {
  id: string;
  kind: 'report_deviation';
  userId: string;
  recipientReference: string;
  payload: {
    clientId: string;
    kind: 'missed_visit' | 'fall' | 'medication' | 'missforhallande' | 'other';
    lexSarah: boolean;
    occurredAt: string;
    description: string;
    immediateAction: string | null;
    recipientId: string | null;
  };
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

/** A result of a worker's: what the server stores, or refuses into "needs attention". */
export type ResultItem = OutboxReview | OutboxCloseAction | OutboxRoutineConfirmation | OutboxDeviationReport;

/**
 * What a worker decided about a refused result, waiting for the server: a review handed over to its
 * recipient's new unit (handOverReview), or a result discarded with a reason (discardResult). It carries
 * the refused entry, which goes back under "needs attention" if the server does not take the decision, and
 * leaves the phone only once the server acknowledged it.
 */
export interface OutboxDecision {
  id: string;
  kind: 'hand_over' | 'discard';
  userId: string;
  recipientReference: string;
  entry: AttentionItem;
  /** The worker's reason, kept in the server's audit log. */
  reason: string;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

export type OutboxItem = ResultItem | OutboxDecision;

export interface AttentionItem {
  id: string;
  userId: string;
  item: ResultItem;
  code: string;
  /** The server's kind of refusal (RefusalReason); absent on entries from before it sent one, and on failures of a whole request. */
  reason?: string | null;
  field: string | null;
  message: string;
  /** The request the server refused or failed on, for support; absent on entries older than this field. */
  requestId?: string | null;
  refusedAt: string;
}

/**
 * A finished review this phone sent and the server acknowledged, kept until reference data fetched after
 * it arrives: so the recipient goes from "waiting to sync" straight to done, and another user of the phone
 * sees it too. Only what the recipient list needs: no answers, no actions.
 */
export interface SyncedReview {
  clientId: string;
  userId: string;
  recipientId: string;
  /** The period the server counts it in: the calendar year of `offeredAt`. */
  period: string;
  /** As the server stored it. */
  status: 'completed' | 'declined';
  offeredAt: string;
  performedAt: string;
  /** When the phone received the server's acknowledgement. */
  syncedAt: string;
}

export interface CachedRecipient {
  id: string;
  reference: string;
  housingType: Lowercase<HousingType>;
  serverStatus: Lowercase<ReviewStatus> | null;
  performedAt: string | null;
}

export interface CachedAction {
  id: string;
  reviewId: string;
  /** Whose home the action is about; absent in reference data cached before it was fetched. */
  recipientReference?: string;
  what: string;
  actor: Actor;
  dueDate: string | null;
  /** Its risk was shared with the fire service (a referral): the fire service's outcome, or whether consent was withdrawn. */
  fireService?: { outcome: ReferralOutcome | null; withdrawn: boolean } | null;
}

export interface ReferenceData {
  userId: string;
  safetyTemplateVersionId: string | null;
  recipients: CachedRecipient[];
  actions: CachedAction[];
  /** When the phone asked the server for it: everything the server had stored by then is in it. */
  fetchedAt: string;
  /** The period the recipients' statuses are for (e.g. 2026); absent in data fetched by older versions. */
  period?: string;
}

/** A routine as the phone keeps it to read offline (docs/routines.md). */
export interface CachedRoutine {
  id: string;
  processName: string;
  activityName: string;
  /** Null: the whole municipality's. Absent in routines downloaded before it was fetched. */
  unitId?: string | null;
  unitName: string | null;
  ownerId: string;
  ownerName: string;
  title: string;
  titleEn: string | null;
  responsible: string;
  frequency: string;
  /** Markdown; rendered without raw HTML. */
  body: string;
  bodyEn: string | null;
  version: number;
  reviewOn: string;
  itemKey: string | null;
  /** The latest version this user had confirmed when it was downloaded. */
  confirmedVersion: number | null;
}

/** The routines a user reads, as last downloaded. */
export interface RoutineLibrary {
  userId: string;
  routines: CachedRoutine[];
  fetchedAt: string;
}

export interface CachedTemplate {
  id: string;
  definition: TemplateDefinition;
}

export interface HjuletSchema extends DBSchema {
  session: { key: 'current'; value: StoredSession };
  drafts: { key: string; value: ReviewDraft; indexes: { byUser: string } };
  outbox: { key: string; value: OutboxItem; indexes: { byUser: string } };
  attention: { key: string; value: AttentionItem; indexes: { byUser: string } };
  reference: { key: string; value: ReferenceData };
  templates: { key: string; value: CachedTemplate };
  meta: { key: string; value: { key: string; value: string } };
  verifiers: { key: string; value: OfflineVerifier; indexes: { byUser: string } };
  endedSessions: { key: string; value: EndedSession; indexes: { byUser: string } };
  synced: { key: string; value: SyncedReview };
  routines: { key: string; value: RoutineLibrary };
}

export type HjuletDb = IDBPDatabase<HjuletSchema>;

export const DB_NAME = 'hjulet';

/**
 * What each version of the database adds, in order: step N (from 0) upgrades version N to N + 1. Tests
 * build an older phone's database from the first steps, so the upgrade they test is the app's own.
 */
export const UPGRADE_STEPS: ReadonlyArray<(db: IDBPDatabase<HjuletSchema>) => void> = [
  (db) => {
    db.createObjectStore('session', { keyPath: 'key' });
    db.createObjectStore('drafts', { keyPath: 'clientId' }).createIndex('byUser', 'userId');
    db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byUser', 'userId');
    db.createObjectStore('attention', { keyPath: 'id' }).createIndex('byUser', 'userId');
    db.createObjectStore('reference', { keyPath: 'userId' });
    db.createObjectStore('templates', { keyPath: 'id' });
    db.createObjectStore('meta', { keyPath: 'key' });
  },
  // Version 2: offline unlock (verifiers) and sessions ended offline, waiting to be revoked.
  (db) => {
    db.createObjectStore('verifiers', { keyPath: 'email' }).createIndex('byUser', 'userId');
    db.createObjectStore('endedSessions', { keyPath: 'refreshToken' }).createIndex('byUser', 'userId');
  },
  // Version 3: reviews the server acknowledged, until the reference data shows them.
  (db) => {
    db.createObjectStore('synced', { keyPath: 'clientId' });
  },
  // Version 4: the routines a user reads, kept to read offline.
  (db) => {
    db.createObjectStore('routines', { keyPath: 'userId' });
  },
];
export const DB_VERSION = UPGRADE_STEPS.length;

let opening: Promise<HjuletDb> | undefined;

export function openHjuletDb(): Promise<HjuletDb> {
  opening ??= openDB<HjuletSchema>(DB_NAME, DB_VERSION, {
    // Each step creates what its version added; existing stores and their records are left as they are.
    upgrade(db, oldVersion) {
      for (const step of UPGRADE_STEPS.slice(oldVersion)) step(db);
    },
    // A newer version of the app (another tab, or after an update) wants to upgrade: let it.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
      opening = undefined;
    },
  });
  return opening;
}

/**
 * Whether this browser profile has the app's database at all: false on a phone where no one has logged
 * in yet, so the login screen can show without creating it first (opening with its upgrade costs a
 * quarter of a second on a slow phone). Where the browser cannot tell, it is assumed to exist.
 */
export async function databaseExists(): Promise<boolean> {
  if (opening) return true;
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((db) => db.name === DB_NAME);
  } catch {
    return true;
  }
}

/** For tests: forget the open connection so the next call opens a fresh database. */
export function resetDbConnection(): void {
  opening = undefined;
}
