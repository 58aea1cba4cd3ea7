package io.resellerkit.jdbc;

import io.resellerkit.testkit.HostileInputContract;
import io.resellerkit.spi.Storage;
import javax.sql.DataSource;

/** The HostileInput contract (issue 4's attack suite) on Postgres. */
class PostgresHostileInputTest extends HostileInputContract {
    private static final DataSource DATA_SOURCE = Postgres.pooledDatabase(Postgres.newDatabase(), 16);
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE).build();

    @Override
    protected Storage emptyStorage() {
        Tables.deleteAllRows(DATA_SOURCE, STORAGE.tablePrefix());
        return STORAGE;
    }
}
