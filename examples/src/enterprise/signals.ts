/**
 * Signals of the `enterprise` subdomain, modelled on
 * `openedx_events/enterprise/signals.py`.
 */
import { OpenEdxPublicSignal } from "../tooling";
import { CourseKey, UUID } from "../keys";
import type { Double, Percent } from "../types";
import type { UserData } from "../learning/data.js";
import { LedgerTransaction, SubsidyRedemption } from "./data";

/**
 * An enterprise subsidy was redeemed.
 *
 * Emitted when an enterprise subsidy is redeemed for a course enrollment.
 */
export const SUBSIDY_REDEEMED = new OpenEdxPublicSignal({
  event_type: "org.openedx.enterprise.subsidy.redeemed.v1",
  data: {
    redemption: SubsidyRedemption,
  },
});

/**
 * An enterprise subsidy redemption was reversed.
 *
 * Emitted when a subsidy redemption is reversed (for example on refund).
 */
export const SUBSIDY_REDEMPTION_REVERSED = OpenEdxPublicSignal({
  event_type: "org.openedx.enterprise.subsidy.redemption-reversed.v1",
  data: {
    redemption: SubsidyRedemption,
  },
});

/**
 * A subsidy ledger transaction was created.
 *
 * Emitted when a ledger transaction is created in the enterprise subsidy
 * service.
 */
export const LEDGER_TRANSACTION_CREATED = new OpenEdxPublicSignal({
  event_type: "org.openedx.enterprise.subsidy_ledger_transaction.created.v1",
  data: {
    ledger_transaction: LedgerTransaction,
  },
});

/**
 * A subsidy ledger transaction was reversed.
 *
 * Emitted when a reversal is written for a committed ledger transaction.
 */
export const LEDGER_TRANSACTION_REVERSED = OpenEdxPublicSignal({
  eventType: "org.openedx.enterprise.subsidy_ledger_transaction.reversed.v1",
  data: {
    ledger_transaction: LedgerTransaction,
  },
});

/**
 * An enterprise learner's progress was reported.
 *
 * Emitted when a learner's progress in a course is reported to the
 * enterprise customer's integrated channel (illustrative event, not part of
 * openedx-events). The payload is declared at the type level.
 */
export const LEARNER_PROGRESS_REPORTED = new OpenEdxPublicSignal<{
  enterprise_customer_uuid: UUID;
  learner: UserData;
  course_key: CourseKey;
  progress: Percent;
  score: Double;
  time_spent_seconds: number;
  completed: boolean;
  completed_at: Date | null;
  report_digest: Uint8Array;
}>({
  event_type: "org.openedx.enterprise.learner.progress.reported.v1",
});
