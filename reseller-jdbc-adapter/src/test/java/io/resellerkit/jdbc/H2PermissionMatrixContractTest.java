package io.resellerkit.jdbc;

import io.resellerkit.testkit.PermissionMatrixContract;
import io.resellerkit.spi.Storage;
import javax.sql.DataSource;

/** The permission matrix contract, through the public API, on H2. */
class H2PermissionMatrixContractTest extends PermissionMatrixContract {
    private static final DataSource DATA_SOURCE = H2.newDatabase();
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE).build();

    @Override
    protected Storage emptyStorage() {
        Tables.deleteAllRows(DATA_SOURCE, STORAGE.tablePrefix());
        return STORAGE;
    }
}
