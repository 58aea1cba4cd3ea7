package io.resellerkit.jdbc;

import io.resellerkit.testkit.RandomUseContract;
import io.resellerkit.spi.Storage;
import javax.sql.DataSource;

/** The RandomUse contract (random sequences, and random steps on four threads at once) on H2. */
class H2RandomUseTest extends RandomUseContract {
    private static final DataSource DATA_SOURCE = H2.newDatabase();
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE).build();

    @Override
    protected Storage emptyStorage() {
        Tables.deleteAllRows(DATA_SOURCE, STORAGE.tablePrefix());
        return STORAGE;
    }
}
