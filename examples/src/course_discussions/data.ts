/**
 * Data classes of the course discussions (forum) area. Events keep the
 * `org.openedx.learning` namespace, as in openedx-events; the classes reuse
 * the `learning` user and course data classes.
 */
import type { Int } from "../types";
import { CourseKey, UsageKey } from "../keys";
import { LearningCourseData, UserData } from "../learning";

/** Alias of a data class: the record is still `UserData`. */
export type ForumAuthor = UserData;

/** A chained alias: `TopicPath` → `TopicSegments` → `string[]`. */
export type TopicPath = TopicSegments;
export type TopicSegments = string[];

/** A discussion topic context (a unit, a general topic, …). */
export class DiscussionTopicContext {
  readonly title!: string;
  readonly usage_key: UsageKey | null = null;
  readonly group_id: Int | null = null;
  readonly external_id: string | null = null;
  readonly ordering: Int | null = null;
}

/** Discussion configuration of a course. */
export class CourseDiscussionConfigurationData {
  readonly course_key!: CourseKey;
  readonly provider_type!: string;
  readonly enable_in_context: boolean = true;
  readonly enable_graded_units: boolean = false;
  readonly unit_level_visibility: boolean = false;
  readonly contexts: DiscussionTopicContext[] | null = null;
  readonly restricted_topics!: TopicPath;
  readonly unit_groups!: string[][];
}

/** A file attached to a forum post. */
export class DiscussionAttachmentData {
  readonly file_name!: string;
  readonly content_type!: string;
  readonly content!: Buffer;
}

/** A forum thread. */
export class DiscussionThreadData {
  readonly id!: string;
  readonly user!: ForumAuthor;
  readonly course!: LearningCourseData;
  public readonly anonymous!: boolean;
  public readonly anonymous_to_peers!: boolean;
  readonly title!: string;
  readonly body!: string;
  readonly thread_type!: string;
  readonly category_id!: string;
  readonly group_id: Int | null = null;
  readonly team_id: Int | null = null;
  readonly url!: string;
  readonly user_course_roles!: readonly string[];
  readonly user_forums_roles!: readonly string[];
  readonly mentioned_usernames: null | string[] = null;
  readonly attachments!: DiscussionAttachmentData[];
  readonly created_at!: Date;

  static readonly MAX_TITLE_LENGTH = 255;
  #draft = false;
  get isDraft(): boolean {
    return this.#draft;
  }
}

/** Any forum post: an `interface` data class. */
export interface DiscussionPostData {
  id: string;
  author: UserData;
  body: string;
  created_at: Date;
}

/** A response to a thread: an `interface` that `extends` another (inherited fields first). */
export interface DiscussionResponseData extends DiscussionPostData {
  thread_id: string;
  endorsed: boolean;
}
