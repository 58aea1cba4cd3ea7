package io.resellerkit.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PermissionPolicyTest {

    /** Red when the table changes and README.md's copy of it does not (or the other way round). */
    @Test
    void readmeShowsThePermissionTableAsThePolicyHoldsIt() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = PermissionPolicy.markdown();
        assertTrue(readme.contains(table), () -> "README.md must hold the permission table as it is now:\n" + table);
    }
}
