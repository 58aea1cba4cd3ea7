package io.resellerkit.jdbc;

import io.resellerkit.testkit.HostileInputContract;
import io.resellerkit.spi.Storage;
import javax.sql.DataSource;

/** The HostileInput contract (issue 4's attack suite) on H2. */
class H2HostileInputTest extends HostileInputContract {
    private static final DataSource DATA_SOURCE = H2.newDatabase();
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE).build();

    @Override
    protected Storage emptyStorage() {
        Tables.deleteAllRows(DATA_SOURCE, STORAGE.tablePrefix());
        return STORAGE;
    }
}
