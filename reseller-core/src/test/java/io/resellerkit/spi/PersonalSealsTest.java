package io.resellerkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.FieldChange;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A version-2 link hashes personal values through their seals: erasure keeps it, every edit breaks it. */
class PersonalSealsTest {
    private static final ChainHead HEAD = ChainHead.empty("reseller/r1");

    private static AuditEvent event(String actorEmail, String newEmail, String requestId) {
        return new AuditEvent(AuditEventId.of("e1"), Instant.parse("2026-03-01T10:15:30.123456Z"), UserId.of("u1"),
                Role.RESELLER_ADMIN, ResellerId.of("r1"), "Ann Example", actorEmail, AuditAction.USER_UPDATED, "user",
                "u2", ResellerId.of("r1"), List.of(new FieldChange("email", "old@x.example", newEmail),
                        new FieldChange("role", "user", "organization-admin")), requestId, null, null, null);
    }

    private final AuditEvent event = event("ann@x.example", "new@x.example", "req");
    private final Map<String, String> seals = PersonalSeals.seal(event);
    private final ChainLink link = ChainLink.after(HEAD, event, seals);

    @Test
    void everyPersonalValueIsSealedAndTheHashedTextHoldsNoneOfThem() {
        assertEquals(Set.of("actorName", "actorEmail", "changes/0/old", "changes/0/new"), seals.keySet());
        String hashed = event.canonical(PersonalSeals.digests(event, seals).orElseThrow());
        for (String value : List.of("Ann Example", "ann@x.example", "old@x.example", "new@x.example")) {
            assertFalse(hashed.contains(value), hashed);
        }
        assertTrue(hashed.contains("\"organization-admin\""), "other values are hashed as they are: " + hashed);
        assertEquals(2, link.version());
        assertEquals(link.hash(), link.hashOf(event));
    }

    @Test
    void aPersonalValueEditedWhileItsSaltIsKeptBreaksTheLink() {
        assertNotEquals(link.hash(), link.hashOf(event("eve@x.example", "new@x.example", "req")));
        assertNotEquals(link.hash(), link.hashOf(event("ann@x.example", "eve@x.example", "req")));
    }

    @Test
    void erasureKeepsTheLinkAndLeavesNoSaltOfAnErasedValue() {
        Set<String> paths = Set.of("actorName", "actorEmail", "changes/0/new");
        Map<String, String> erasedSeals = PersonalSeals.erase(event, seals, paths);
        AuditEvent erased = new AuditEvent(event.id(), event.occurredAt(), event.actorId(), event.actorRole(),
                event.actorResellerId(), "erased:p1", "erased:p1", event.action(), event.resourceType(),
                event.resourceId(), event.resellerId(), List.of(new FieldChange("email", "old@x.example", "erased:p1"),
                        event.changes().get(1)), event.requestId(), null, null, null);
        ChainLink after = link.withSeals(erasedSeals);
        assertEquals(link.hash(), after.hashOf(erased));
        paths.forEach(p -> assertTrue(PersonalSeals.erased(erasedSeals, p), p));
        assertFalse(PersonalSeals.erased(erasedSeals, "changes/0/old"), "the old address was someone else's");
    }

    @Test
    void anErasedEventWithAnotherFieldEditedOrARealValuePutBackBreaksTheLink() {
        Map<String, String> erasedSeals = PersonalSeals.erase(event, seals, Set.of("actorEmail"));
        ChainLink after = link.withSeals(erasedSeals);
        assertNotEquals(link.hash(), after.hashOf(event("erased:p1", "new@x.example", "forged")));
        assertNull(after.hashOf(event("someone@x.example", "new@x.example", "req")), "not a pseudonym");
    }

    @Test
    void aSealRemovedAddedOrMangledBreaksTheLink() {
        Map<String, String> fewer = new TreeMap<>(seals);
        fewer.remove("actorName");
        assertNull(link.withSeals(fewer).hashOf(event));
        Map<String, String> more = new TreeMap<>(seals);
        more.put("changes/1/new", seals.get("actorName"));
        assertNull(link.withSeals(more).hashOf(event));
        Map<String, String> mangled = new TreeMap<>(seals);
        mangled.put("actorName", "salt:" + "0".repeat(31));
        assertNull(link.withSeals(mangled).hashOf(event));
    }

    @Test
    void aVersionOneLinkHashesThePlainValuesAndStillVerifies() {
        ChainLink v1 = ChainLink.after(HEAD, event);
        assertEquals(1, v1.version());
        assertEquals(ChainLink.hash(event, ChainLink.GENESIS), v1.hash());
        assertEquals(v1.hash(), v1.hashOf(event));
        assertNotEquals(v1.hash(), v1.hashOf(event("eve@x.example", "new@x.example", "req")));
    }
}
