package io.resellerkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.command.Constraints;
import io.resellerkit.error.ValidationException;
import io.resellerkit.spi.Keyset;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import java.util.List;

class CursorsTest {
    @Test
    void aCursorDecodesToThePositionItWasMadeFrom() {
        Keyset k = new Keyset(Instant.parse("2026-05-01T12:00:00.123456Z"), "id:with:colons");
        assertEquals(k, Cursors.decode(Cursors.encode(k)));
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertNull(Cursors.decode(null));
    }

    @Test
    void aForgedCursorIsAValidationErrorNamingTheCursor() {
        ValidationException e = assertThrows(ValidationException.class, () -> Cursors.decode("%%%"));
        assertEquals("cursor", e.violations().get(0).field());
    }

    @Test
    void aWellFormedCursorOutsideTheStorableTimesIsAValidationErrorNamingTheCursor() {
        for (Instant t : List.of(Constraints.EARLIEST_TIME.minusNanos(1), Constraints.LATEST_TIME.plusNanos(1),
                Instant.MIN, Instant.MAX)) {
            String forged = Cursors.encode(new Keyset(t, "x"));
            ValidationException e = assertThrows(ValidationException.class, () -> Cursors.decode(forged));
            assertEquals("cursor", e.violations().get(0).field());
        }
        for (Instant t : List.of(Constraints.EARLIEST_TIME, Constraints.LATEST_TIME)) {
            assertEquals(new Keyset(t, "x"), Cursors.decode(Cursors.encode(new Keyset(t, "x"))));
        }
    }

    @Test
    void aPageReadsOneExtraRowToKnowWhetherMoreFollow() {
        List<Integer> rows = List.of(1, 2, 3, 4);
        Page<Integer> full = Cursors.page(PageRequest.first(3), after -> rows, i -> new Keyset(Instant.EPOCH, "" + i));
        assertEquals(List.of(1, 2, 3), full.items());
        assertEquals(new Keyset(Instant.EPOCH, "3"), Cursors.decode(full.nextCursor()));
        Page<Integer> last = Cursors.page(PageRequest.first(4), after -> rows, i -> new Keyset(Instant.EPOCH, "" + i));
        assertNull(last.nextCursor());
    }
}
