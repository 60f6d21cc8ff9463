package io.tagprocessor.tagging;

/**
 * Every size limit of the service, named once. Validators, the read API, the outcome rows and the
 * relay take them from here; the migrations' CHECK constraints repeat them in SQL, and
 * {@code LimitsTest} fails when the two disagree. Lengths count characters (code points), sizes bytes.
 */
public final class Limits {

    /** A tag name, displayed or normalized. */
    public static final int TAG_NAME_CHARS = 64;

    /** An entity type ({@code [a-z0-9_.-]}). */
    public static final int ENTITY_TYPE_CHARS = 64;

    /** An entity id (printable characters). */
    public static final int ENTITY_ID_CHARS = 128;

    /** Other free text of a command: who issued it, from which service, its correlation id. */
    public static final int COMMAND_TEXT_CHARS = 128;

    /** A tag's description. */
    public static final int DESCRIPTION_CHARS = 500;

    /** Tags one entity carries. */
    public static final int TAGS_PER_ENTITY = 100;

    /** Names one command may list; a longer list is refused unread, whatever it would collapse to. */
    public static final int LISTED_TAGS = 10 * TAGS_PER_ENTITY;

    /** Items in one page of the read API. */
    public static final int PAGE_ITEMS = 500;

    /** A claim key in {@code processed_events}: a UUID, or a record's topic/partition/offset/timestamp. */
    public static final int CLAIM_KEY_CHARS = 300;

    /** Why a record was dead-lettered, as {@code processed_events.reason} keeps it. */
    public static final int REASON_CHARS = 300;

    /** The exception message a dead letter's header carries. */
    public static final int EXCEPTION_MESSAGE_CHARS = 1000;

    /** The error kept with a parked outbox row. */
    public static final int PARKED_ERROR_CHARS = 1000;

    /** A record key echoed into a dead letter or a rejection (longer keys are cut). */
    public static final int ECHOED_KEY_BYTES = 16 * 1024;

    private Limits() {}
}
