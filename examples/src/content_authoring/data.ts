/**
 * Data classes of the `content_authoring` subdomain, modelled on
 * `openedx_events/content_authoring/data.py`.
 */
import {
  CourseKey,
  LibraryCollectionLocator,
  LibraryContainerLocator,
  LibraryLocatorV2,
  LibraryUsageLocatorV2,
  UsageKey,
} from "../keys.ts";

/** Schedule of a course run. */
export class CourseScheduleData {
  readonly start!: Date;
  readonly pacing!: string;
  readonly end: Date | null = null;
  readonly enrollment_start: Date | null = null;
  readonly enrollment_end: Date | null = null;
}

/** Catalog information of a course run. */
export class CourseCatalogData {
  static readonly SOURCE = "studio";

  readonly course_key!: CourseKey;
  readonly name!: string;
  readonly schedule_data!: CourseScheduleData;
  readonly hidden: boolean = false;
  readonly invitation_only: boolean = false;
}

/** An XBlock. `block_type` is a `declare` field: still a field. */
export class XBlockData {
  readonly usage_key!: UsageKey;
  declare readonly block_type: string;
  readonly version: UsageKey | null = null;
}

/** A duplicated XBlock: the inherited fields first, then `source_usage_key`. */
export class DuplicatedXBlockData extends XBlockData {
  readonly source_usage_key!: UsageKey;
}

/** A certificate signatory. */
export class CertificateSignatoryData {
  readonly image!: Uint8Array;
  readonly name!: string;
  readonly organization!: string;
  readonly title!: string;
}

/** A course certificate configuration. */
export class CertificateConfigData {
  readonly certificate_type!: string;
  readonly course_key!: CourseKey;
  readonly title!: string;
  readonly signatories!: CertificateSignatoryData[];
  readonly is_active: boolean = false;
}

/**
 * A course as Studio sees it. It shares its bare name with the `learning`
 * `CourseData`; a snapshot carries whichever class its signal reaches.
 */
export class CourseData {
  readonly course_key!: CourseKey;
}

/** A content library (v2). */
export class ContentLibraryData {
  readonly library_key!: LibraryLocatorV2;
  readonly update_blocks: boolean = false;
}

/** A block inside a content library (v2). */
export class LibraryBlockData {
  readonly library_key!: LibraryLocatorV2;
  readonly usage_key!: LibraryUsageLocatorV2;
}

/** A content object whose associations changed. */
export class ContentObjectChangedData {
  readonly object_id!: string;
  readonly changes: ReadonlyArray<string> = [];
}

/** A collection inside a content library. */
export class LibraryCollectionData {
  readonly collection_key!: LibraryCollectionLocator;
  readonly background: boolean = false;
}

/** A container (unit, subsection, …) inside a content library. */
export class LibraryContainerData {
  readonly container_key!: LibraryContainerLocator;
  readonly background: boolean = false;
}
