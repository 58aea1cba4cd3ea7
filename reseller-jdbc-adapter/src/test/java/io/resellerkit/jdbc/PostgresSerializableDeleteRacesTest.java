package io.resellerkit.jdbc;

import javax.sql.DataSource;

/**
 * Deletes racing creates on PostgreSQL at serializable: the loser of a race is refused by the
 * database, runs again, and then finds the parent gone or the child there.
 */
class PostgresSerializableDeleteRacesTest extends DeleteRaces {
    private static final DataSource DATA_SOURCE = Postgres.pooledDatabase(Postgres.newDatabase(), 20);
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE)
            .writeIsolation(JdbcStorage.Isolation.SERIALIZABLE).maxAttempts(50).build();

    @Override
    DataSource dataSource() {
        return DATA_SOURCE;
    }

    @Override
    JdbcStorage storage() {
        return STORAGE;
    }
}
