package io.resellerkit.jdbc;

import io.resellerkit.testkit.StorageContract;
import io.resellerkit.spi.Storage;
import javax.sql.DataSource;

/** The storage contract on H2, with the shipped H2 scripts. */
class H2StorageContractTest extends StorageContract {
    private static final DataSource DATA_SOURCE = H2.newDatabase();
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE).build();

    @Override
    protected Storage emptyStorage() {
        Tables.deleteAllRows(DATA_SOURCE, STORAGE.tablePrefix());
        return STORAGE;
    }
}
