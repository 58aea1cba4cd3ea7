package io.resellerkit.jdbc;

import io.resellerkit.testkit.StorageContract;
import io.resellerkit.spi.Storage;
import javax.sql.DataSource;

/** The storage contract on PostgreSQL, with the shipped PostgreSQL scripts. */
class PostgresStorageContractTest extends StorageContract {
    private static final DataSource DATA_SOURCE = Postgres.pooledDatabase(Postgres.newDatabase(), 16);
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE).build();

    @Override
    protected Storage emptyStorage() {
        Tables.deleteAllRows(DATA_SOURCE, STORAGE.tablePrefix());
        return STORAGE;
    }
}
