package io.resellerkit.jdbc;

import io.resellerkit.spi.Storage;
import io.resellerkit.testkit.ConcurrencyContract;
import javax.sql.DataSource;

/** The races of the concurrency contract on H2 at its default level (read committed). */
class H2ConcurrencyTest extends ConcurrencyContract {
    private static final DataSource DATA_SOURCE = H2.newDatabase();
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE).build();

    @Override
    protected Storage emptyStorage() {
        Tables.deleteAllRows(DATA_SOURCE, STORAGE.tablePrefix());
        return STORAGE;
    }
}
