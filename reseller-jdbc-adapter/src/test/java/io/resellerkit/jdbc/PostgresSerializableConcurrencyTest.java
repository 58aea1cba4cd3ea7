package io.resellerkit.jdbc;

import io.resellerkit.spi.Storage;
import io.resellerkit.testkit.ConcurrencyContract;
import javax.sql.DataSource;

/**
 * The races of the concurrency contract on PostgreSQL at serializable: the loser of a race is
 * refused by the database and runs again (within the default retry budget), then finds the
 * state the winner left.
 */
class PostgresSerializableConcurrencyTest extends ConcurrencyContract {
    private static final DataSource DATA_SOURCE = Postgres.pooledDatabase(Postgres.newDatabase(), 20);
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE)
            .writeIsolation(JdbcStorage.Isolation.SERIALIZABLE).build();

    @Override
    protected Storage emptyStorage() {
        Tables.deleteAllRows(DATA_SOURCE, STORAGE.tablePrefix());
        return STORAGE;
    }
}
