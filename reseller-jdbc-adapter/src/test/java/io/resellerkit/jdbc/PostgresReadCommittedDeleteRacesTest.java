package io.resellerkit.jdbc;

import javax.sql.DataSource;

/** Deletes racing creates on PostgreSQL at read committed, the recommended level. */
class PostgresReadCommittedDeleteRacesTest extends DeleteRaces {
    private static final DataSource DATA_SOURCE = Postgres.pooledDatabase(Postgres.newDatabase(), 20);
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE)
            .writeIsolation(JdbcStorage.Isolation.READ_COMMITTED).build();

    @Override
    DataSource dataSource() {
        return DATA_SOURCE;
    }

    @Override
    JdbcStorage storage() {
        return STORAGE;
    }
}
