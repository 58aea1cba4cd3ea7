package io.resellerkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import io.resellerkit.model.FieldChange;
import org.junit.jupiter.api.Test;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class AuditorTest {
    @Test
    void diffListsOnlyChangedFieldsInTheEntitysOrderWithNullsForAddedAndRemoved() {
        Map<String, String> before = new LinkedHashMap<>();
        before.put("name", "Acme");
        before.put("phone", null);
        before.put("metadata.region", "emea");
        Map<String, String> after = new LinkedHashMap<>();
        after.put("name", "Acme");
        after.put("phone", "+1");
        after.put("metadata.tier", "gold");
        assertEquals(List.of(new FieldChange("phone", null, "+1"), new FieldChange("metadata.region", "emea", null),
                new FieldChange("metadata.tier", null, "gold")), Auditor.diff(before, after));
    }

    @Test
    void diffOfACreateHasEveryNonNullField() {
        assertEquals(List.of(new FieldChange("name", null, "Acme")),
                Auditor.diff(Map.of(), new LinkedHashMap<>(Map.of("name", "Acme"))));
    }
}
