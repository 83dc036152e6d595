/**
 * Data classes of the `enterprise` subdomain, modelled on
 * `openedx_events/enterprise/data.py`.
 */
import type { Long, UserId } from "../types";
import { CourseKey, UUID } from "../keys.js";

/** A redemption of an enterprise subsidy. */
export class SubsidyRedemption {
  readonly subsidy_identifier!: string;
  readonly content_key!: string;
  readonly lms_user_id!: UserId;
}

/** Fields shared by every ledger transaction. */
export class BaseLedgerTransaction {
  readonly uuid!: UUID;
  readonly created!: Date;
  readonly modified!: Date;
  readonly idempotency_key!: string;
  /** Amount in cents (USD) or seats. */
  readonly quantity!: bigint;
  readonly state!: string;
}

/** A reversal: exactly the inherited fields. */
export class LedgerTransactionReversal extends BaseLedgerTransaction {}

/** A ledger transaction, with its (optional) reversal. */
export class LedgerTransaction extends BaseLedgerTransaction {
  readonly ledger_uuid!: UUID;
  readonly subsidy_access_policy_uuid!: UUID;
  readonly lms_user_id!: Long;
  readonly content_key!: CourseKey;
  readonly parent_content_key: string | null = null;
  readonly fulfillment_identifier: string | null = null;
  readonly reversal: LedgerTransactionReversal | null = null;
}
