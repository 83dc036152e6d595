/**
 * Signals of the `content_authoring` subdomain, modelled on
 * `openedx_events/content_authoring/signals.py`.
 */
import { OpenEdxPublicSignal } from "../tooling.js";
import {
  CertificateConfigData,
  ContentLibraryData,
  ContentObjectChangedData,
  CourseCatalogData,
  CourseData,
  DuplicatedXBlockData,
  LibraryBlockData,
  LibraryCollectionData,
  LibraryContainerData,
  XBlockData,
} from "./data.ts";

/**
 * Catalog information of a course changed.
 *
 * Emitted when the catalog info of a course (name, schedule, visibility)
 * changes in Studio.
 */
export const COURSE_CATALOG_INFO_CHANGED = new OpenEdxPublicSignal({
  event_type: "org.openedx.content_authoring.course.catalog_info.changed.v1",
  data: {
    catalog_info: CourseCatalogData,
  },
});

/**
 * An XBlock was published.
 *
 * Emitted when an XBlock is published; if a parent block is published, the
 * signal is emitted for the parent only.
 */
export const XBLOCK_PUBLISHED = new OpenEdxPublicSignal({
  event_type: "org.openedx.content_authoring.xblock.published.v1",
  data: {
    xblock_info: XBlockData,
  },
});

/**
 * An XBlock was deleted.
 *
 * Emitted when an XBlock is deleted from a course in Studio.
 */
export const XBLOCK_DELETED = new OpenEdxPublicSignal({
  event_type: "org.openedx.content_authoring.xblock.deleted.v1",
  data: {
    xblock_info: XBlockData,
  },
});

/**
 * An XBlock was duplicated.
 *
 * Emitted when an XBlock is duplicated in Studio.
 */
export const XBLOCK_DUPLICATED = new OpenEdxPublicSignal({
  eventType: "org.openedx.content_authoring.xblock.duplicated.v1",
  data: {
    xblock_info: DuplicatedXBlockData,
  },
});

/**
 * A course certificate configuration changed.
 *
 * Emitted when a certificate configuration (title, signatories, …) is
 * created or updated in Studio.
 */
export const COURSE_CERTIFICATE_CONFIG_CHANGED = new OpenEdxPublicSignal({
  event_type: "org.openedx.content_authoring.course.certificate_config.changed.v1",
  data: {
    certificate_config: CertificateConfigData,
  },
});

/**
 * A course was created.
 *
 * Emitted when a new course run is created in Studio. `CourseData` here is
 * the Studio class (a single `course_key`), not the `learning` one.
 */
export const COURSE_CREATED = new OpenEdxPublicSignal({
  event_type: "org.openedx.content_authoring.course.created.v1",
  data: {
    course: CourseData,
  },
});

/**
 * A content library was created.
 *
 * Emitted when a v2 content library is created.
 */
export const CONTENT_LIBRARY_CREATED = new OpenEdxPublicSignal({
  event_type: "org.openedx.content_authoring.content_library.created.v1",
  data: {
    content_library: ContentLibraryData,
  },
});

/**
 * A library block was created.
 *
 * Emitted when a block is added to a v2 content library.
 */
export const LIBRARY_BLOCK_CREATED = OpenEdxPublicSignal({
  event_type: "org.openedx.content_authoring.library_block.created.v1",
  data: {
    library_block: LibraryBlockData,
  },
});

/**
 * The associations of a content object changed.
 *
 * Emitted when the associations (tags, collections, …) of a content object
 * change; `changes` names the kinds of associations that changed.
 */
export const CONTENT_OBJECT_ASSOCIATIONS_CHANGED = new OpenEdxPublicSignal({
  event_type: "org.openedx.content_authoring.content.object.associations.changed.v1",
  data: {
    content_object: ContentObjectChangedData,
  },
});

/**
 * A library collection was created.
 *
 * Emitted when a collection is created inside a v2 content library.
 */
export const LIBRARY_COLLECTION_CREATED = new OpenEdxPublicSignal({
  event_type: "org.openedx.content_authoring.content_library.collection.created.v1",
  data: {
    library_collection: LibraryCollectionData,
  },
});

/**
 * A library container was created.
 *
 * Emitted when a container (unit, subsection, section) is created inside a
 * v2 content library.
 */
export const LIBRARY_CONTAINER_CREATED = new OpenEdxPublicSignal({
  event_type: "org.openedx.content_authoring.content_library.container.created.v1",
  data: {
    library_container: LibraryContainerData,
  },
});
