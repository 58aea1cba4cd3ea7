package io.resellerkit.jdbc;

import io.resellerkit.spi.Storage;
import io.resellerkit.testkit.AdapterContract;
import io.resellerkit.testkit.AuditTampering;
import javax.sql.DataSource;

/**
 * Every JUnit contract suite on PostgreSQL at read committed, the recommended level, with the
 * shipped PostgreSQL scripts. The races at serializable run in {@link PostgresSerializableConcurrencyTest}.
 */
class PostgresStorageTest extends AdapterContract {
    // The races use 16 threads at once, each with a connection of its own.
    private static final String DATABASE = Postgres.newDatabase();
    private static final DataSource DATA_SOURCE = Postgres.pooledDatabase(DATABASE, 20);
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE)
            .writeIsolation(JdbcStorage.Isolation.READ_COMMITTED).build();
    /** Another node on the same database: a storage of its own, on connections of its own. */
    private static final JdbcStorage SECOND_NODE = JdbcStorage.builder(Postgres.pooledDatabase(DATABASE, 10))
            .writeIsolation(JdbcStorage.Isolation.READ_COMMITTED).installSchema(false).build();

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
