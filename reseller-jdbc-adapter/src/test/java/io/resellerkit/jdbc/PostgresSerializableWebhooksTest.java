package io.resellerkit.jdbc;

import io.resellerkit.spi.Storage;
import io.resellerkit.testkit.WebhookContract;
import javax.sql.DataSource;

/**
 * The webhook suite on PostgreSQL at serializable, standing in for CockroachDB and YugabyteDB: two
 * senders racing for the same due deliveries end in 40001 refusals that run again, and each
 * delivery is still sent once. Two storages on one database are two nodes.
 */
class PostgresSerializableWebhooksTest extends WebhookContract {
    private static final String DATABASE = Postgres.newDatabase();
    private static final DataSource DATA_SOURCE = Postgres.pooledDatabase(DATABASE, 10);
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
