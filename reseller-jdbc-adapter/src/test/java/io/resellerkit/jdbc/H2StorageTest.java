package io.resellerkit.jdbc;

import io.resellerkit.spi.Storage;
import io.resellerkit.testkit.AdapterContract;
import io.resellerkit.testkit.AuditTampering;
import javax.sql.DataSource;

/** Every JUnit contract suite on H2 at its default level (read committed), with the shipped H2 scripts. */
class H2StorageTest extends AdapterContract {
    private static final DataSource DATA_SOURCE = H2.newDatabase();
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE).build();
    /** Another node on the same database: a storage of its own. */
    private static final JdbcStorage SECOND_NODE = JdbcStorage.builder(DATA_SOURCE).installSchema(false).build();

    @Override
    protected Storage emptyStorage() {
        Tables.deleteAllRows(DATA_SOURCE, STORAGE.tablePrefix());
        return STORAGE;
    }

    @Override
    protected AuditTampering auditTampering(Storage storage) {
        return new SqlTampering(DATA_SOURCE, STORAGE.tablePrefix());
    }

    @Override
    protected Storage anotherNode(Storage storage) {
        return SECOND_NODE;
    }
}
