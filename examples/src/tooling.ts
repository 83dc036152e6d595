/**
 * A tiny stand-in for `openedx_events.tooling.OpenEdxPublicSignal`.
 *
 * The schema generator recognises signals purely by the callee name
 * `OpenEdxPublicSignal`, so this module only has to make the catalog
 * type-check. The exported value is both constructable and callable because
 * the catalog uses both `new OpenEdxPublicSignal({...})` and
 * `OpenEdxPublicSignal({...})` (a plain `class` cannot be called without `new`).
 */

/** Anything that can appear as a value in `data`: a data class or a custom-type class. */
export type PayloadClass = abstract new (...args: never) => unknown;

/** Constructor argument: `event_type` (or `eventType`) and an optional `data` map. */
export type SignalInit =
  | { event_type: string; data?: Record<string, PayloadClass> }
  | { eventType: string; data?: Record<string, PayloadClass> };

class PublicSignal<T = unknown> {
  readonly event_type: string;
  readonly init_data: Readonly<Record<string, PayloadClass>>;
  /** Phantom member carrying the type-level payload `T`. */
  declare readonly payload?: T;

  constructor(init: SignalInit) {
    this.event_type = "event_type" in init ? init.event_type : init.eventType;
    this.init_data = { ...(init.data ?? {}) };
  }

  toString(): string {
    return `<OpenEdxPublicSignal: ${this.event_type}>`;
  }
}

/** The signal type: `OpenEdxPublicSignal<T>`. */
export type OpenEdxPublicSignal<T = unknown> = PublicSignal<T>;

export interface OpenEdxPublicSignalConstructor {
  new <T = unknown>(init: SignalInit): OpenEdxPublicSignal<T>;
  <T = unknown>(init: SignalInit): OpenEdxPublicSignal<T>;
  readonly prototype: OpenEdxPublicSignal;
}

/** The signal constructor; `new` is optional. */
export const OpenEdxPublicSignal = function createSignal<T = unknown>(
  init: SignalInit,
): OpenEdxPublicSignal<T> {
  return new PublicSignal<T>(init);
} as unknown as OpenEdxPublicSignalConstructor;
