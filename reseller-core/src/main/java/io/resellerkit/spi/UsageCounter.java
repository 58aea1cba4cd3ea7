package io.resellerkit.spi;

import java.util.Objects;

/**
 * One usage counter: how many of something an owner holds, kept beside the rows so that a
 * quota can be checked and taken in one atomic step. Counters are taken in the order of their
 * kinds, so that concurrent units lock them alike.
 *
 * @param kind    what is counted
 * @param ownerId the id of the reseller or organization that owns the count
 */
public record UsageCounter(Kind kind, String ownerId) {

    /** What a counter counts. */
    public enum Kind {
        /** The vendor's admins (owner {@code vendor}); at least one is kept. */
        ADMINS,
        /** A reseller's live customer users (staff excluded). */
        RESELLER_USERS,
        /** A reseller's live organizations. */
        RESELLER_ORGANIZATIONS,
        /** An organization's live users. */
        ORGANIZATION_USERS,
        /** The licenses a reseller issued itself (revoked ones too); not carried up to a parent. */
        RESELLER_LICENSES
    }

    public UsageCounter {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ownerId, "ownerId");
    }
}
