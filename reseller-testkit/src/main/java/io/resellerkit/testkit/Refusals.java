package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.resellerkit.error.ResellerKitException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.spi.Storage;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Assertions about refused calls, shared by the attack suites. */
final class Refusals {
    private Refusals() {
    }

    /** The call is refused with {@code type}, changes nothing, and leaves exactly the events it should. */
    static <T extends ResellerKitException> T assertRefusedLeavingOnly(Storage storage, Class<T> type, AuditAction action,
                                                                      Executable call) {
        Snapshot before = Snapshot.of(storage);
        T e = assertThrows(type, call);
        Snapshot after = Snapshot.of(storage);
        assertEquals(before.withoutEvents(), after.withoutEvents(), "a refusal changes nothing");
        List<AuditEvent> added = after.eventsSince(before);
        if (action == null) {
            assertEquals(List.of(), added, "no event");
        } else {
            assertEquals(1, added.size(), () -> "one event: " + added);
            assertEquals(action, added.get(0).action());
        }
        return e;
    }

    /** Refused by the permission policy, with its one access.denied event. */
    static void assertDenied(Storage storage, Executable call) {
        assertRefusedLeavingOnly(storage, io.resellerkit.error.AccessDeniedException.class, AuditAction.ACCESS_DENIED,
                call);
    }
}
