/**
 * Opaque keys (the TypeScript counterparts of `opaque_keys.edx.keys` and
 * friends). They are custom types recognised by name and serialized as
 * Avro `"string"`; they are never data classes.
 */

/** `course-v1:edX+DemoX+Demo_Course` */
export class CourseKey {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}

/** `block-v1:edX+DemoX+Demo_Course+type@problem+block@1234` */
export class UsageKey {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}

/** `ccx-v1:edX+DemoX+Demo_Course+ccx@1` */
export class CCXLocator {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}

/** `lib:edX:demo-library` */
export class LibraryLocatorV2 {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}

/** `lb:edX:demo-library:problem:p1` */
export class LibraryUsageLocatorV2 {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}

/** `lib-collection:edX:demo-library:intro-collection` */
export class LibraryCollectionLocator {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}

/** `lct:edX:demo-library:unit:unit-1` */
export class LibraryContainerLocator {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}

/** An RFC 4122 UUID, e.g. `0f1c2d3e-4a5b-6c7d-8e9f-a0b1c2d3e4f5`. */
export class UUID {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}
