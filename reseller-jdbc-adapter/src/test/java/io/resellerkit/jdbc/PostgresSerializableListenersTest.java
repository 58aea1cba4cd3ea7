package io.resellerkit.jdbc;

import io.resellerkit.spi.Storage;
import io.resellerkit.testkit.ListenerContract;
import javax.sql.DataSource;

/**
 * The listener suite on PostgreSQL at serializable, standing in for CockroachDB and YugabyteDB:
 * lease and checkpoint races end in 40001 refusals that run again, and the tail still sees every
 * event once. Two storages on one database are two nodes.
 */
class PostgresSerializableListenersTest extends ListenerContract {
    private static final String DATABASE = Postgres.newDatabase();
    private static final DataSource DATA_SOURCE = Postgres.pooledDatabase(DATABASE, 20);
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE)
            .writeIsolation(JdbcStorage.Isolation.SERIALIZABLE).build();
    private static final JdbcStorage SECOND_NODE = JdbcStorage.builder(Postgres.pooledDatabase(DATABASE, 10))
            .writeIsolation(JdbcStorage.Isolation.SERIALIZABLE).installSchema(false).build();

    @Override
    protected Storage emptyStorage() {
        Tables.deleteAllRows(DATA_SOURCE, STORAGE.tablePrefix());
        return STORAGE;
    }

    @Override
    protected Storage anotherNode(Storage storage) {
        return SECOND_NODE;
    }
}
