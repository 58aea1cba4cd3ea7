package io.resellerkit.jdbc;

import io.resellerkit.testkit.ResellerKitContract;
import io.resellerkit.spi.Storage;
import javax.sql.DataSource;

/** The ResellerKit contract, through the public API, on H2. */
class H2ResellerKitContractTest extends ResellerKitContract {
    private static final DataSource DATA_SOURCE = H2.newDatabase();
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE).build();

    @Override
    protected Storage emptyStorage() {
        Tables.deleteAllRows(DATA_SOURCE, STORAGE.tablePrefix());
        return STORAGE;
    }
}
