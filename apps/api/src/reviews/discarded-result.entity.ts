import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { FollowUpAction } from '../followup/follow-up-action.entity.js';
import { CareRecipient } from '../recipients/care-recipient.entity.js';
import { User } from '../users/user.entity.js';

/**
 * A result a phone discarded after the server refused it, with the worker's reason (discardResult): one row
 * per client id, so a discard sent twice is recorded once. Ids only, besides the reason.
 */
@Entity('discarded_result')
@Check('discarded_result_kind_check', "kind IN ('review', 'action_closing')")
@Check('discarded_result_reason_check', 'length(btrim(reason)) BETWEEN 1 AND 500')
@Check('discarded_result_refusal_code_check', "refusal_code ~ '^[A-Z_]{1,40}$'")
@Check('discarded_result_subject_check', "(kind = 'review' AND action_id IS NULL) OR (kind = 'action_closing' AND recipient_id IS NULL)")
export class DiscardedResultRow {
  /** The review's client id, or the phone's id for an action closing. */
  @PrimaryColumn({ type: 'uuid', name: 'client_id' })
  clientId: string;

  @Column({ type: 'text' })
  kind: 'review' | 'action_closing';

  /** The recipient of a discarded review, when the municipality has it. */
  @Column({ type: 'uuid', name: 'recipient_id', nullable: true })
  @ForeignKey(() => CareRecipient, { name: 'discarded_result_recipient_id_fkey' })
  recipientId: string | null;

  /** The action of a discarded closing, when the municipality has it. */
  @Column({ type: 'uuid', name: 'action_id', nullable: true })
  @ForeignKey(() => FollowUpAction, { name: 'discarded_result_action_id_fkey' })
  actionId: string | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', name: 'refusal_code', nullable: true })
  refusalCode: string | null;

  @Column({ type: 'uuid', name: 'discarded_by' })
  @ForeignKey(() => User, { name: 'discarded_result_discarded_by_fkey' })
  discardedById: string;

  @Column({ type: 'timestamptz', name: 'discarded_at', default: () => 'now()' })
  discardedAt: Date;
}
