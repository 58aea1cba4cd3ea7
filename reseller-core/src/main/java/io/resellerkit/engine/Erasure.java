package io.resellerkit.engine;

import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.FieldChange;
import io.resellerkit.model.UserId;
import io.resellerkit.spi.ChainLink;
import io.resellerkit.spi.PersonalSeals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One person's erasure from the audit trail: which personal values of an event are theirs, and
 * the event and seals with those values replaced by a pseudonym. A value is the person's if the
 * person acted (the actor's name and email), if the event is about their user (its first and last
 * name and email changes), or if it is their email (in any change of an {@code email} field).
 *
 * @param userId    the person's user id, or null
 * @param email     their email, lower-case, or null
 * @param pseudonym what replaces each of their values: {@code erased:<id>}, the same in every event
 */
record Erasure(UserId userId, String email, String pseudonym) {
    /** The paths of the event's values that are this person's and not erased yet, in path order. */
    Set<String> paths(AuditEvent e) {
        Set<String> paths = new TreeSet<>();
        boolean acted = e.actorId().equals(userId) || isEmail(e.actorEmail());
        if (acted) {
            addIfPlain(paths, "actorName", e.actorName());
            addIfPlain(paths, "actorEmail", e.actorEmail());
        }
        boolean aboutThem = "user".equals(e.resourceType()) && (userId != null && userId.value().equals(e.resourceId())
                || e.changes().stream().anyMatch(c -> c.field().equals("email")
                        && (isEmail(c.oldValue()) || isEmail(c.newValue()))));
        List<FieldChange> changes = e.changes();
        for (int i = 0; i < changes.size(); i++) {
            FieldChange c = changes.get(i);
            if (PersonalSeals.PERSONAL_FIELDS.contains(c.field())) {
                boolean email = c.field().equals("email");
                if (aboutThem || email && isEmail(c.oldValue())) {
                    addIfPlain(paths, "changes/" + i + "/old", c.oldValue());
                }
                if (aboutThem || email && isEmail(c.newValue())) {
                    addIfPlain(paths, "changes/" + i + "/new", c.newValue());
                }
            }
        }
        return paths;
    }

    /** The event with the values at {@code paths} replaced by the pseudonym. */
    AuditEvent pseudonymized(AuditEvent e, Set<String> paths) {
        List<FieldChange> changes = new ArrayList<>(e.changes());
        for (int i = 0; i < changes.size(); i++) {
            FieldChange c = changes.get(i);
            changes.set(i, new FieldChange(c.field(), paths.contains("changes/" + i + "/old") ? pseudonym : c.oldValue(),
                    paths.contains("changes/" + i + "/new") ? pseudonym : c.newValue()));
        }
        return new AuditEvent(e.id(), e.occurredAt(), e.actorId(), e.actorRole(), e.actorResellerId(),
                paths.contains("actorName") ? pseudonym : e.actorName(),
                paths.contains("actorEmail") ? pseudonym : e.actorEmail(), e.action(), e.resourceType(),
                e.resourceId(), e.resellerId(), changes, e.requestId(), e.clientIp(), e.userAgent(), e.reason());
    }

    /**
     * The link's seals after the erasure: a version-2 link's salts become digests, so its hash
     * still holds; a version-1 link (written before schema version 10) hashed the values
     * themselves, so it is marked as erased, and its content is no longer checked.
     */
    Map<String, String> seals(AuditEvent before, ChainLink link, Set<String> paths) {
        if (link == null) {
            return Map.of();
        }
        return link.version() == 1 ? PersonalSeals.V1_ERASED : PersonalSeals.erase(before, link.seals(), paths);
    }

    private boolean isEmail(String value) {
        return email != null && value != null && value.equalsIgnoreCase(email);
    }

    private static void addIfPlain(Set<String> paths, String path, String value) {
        if (value != null && !value.startsWith(PersonalSeals.PSEUDONYM_PREFIX)) {
            paths.add(path);
        }
    }
}
