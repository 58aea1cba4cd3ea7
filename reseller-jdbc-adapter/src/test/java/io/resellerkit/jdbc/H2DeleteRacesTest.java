package io.resellerkit.jdbc;

import javax.sql.DataSource;

/** Deletes racing creates on H2 at its default level (read committed). */
class H2DeleteRacesTest extends DeleteRaces {
    private static final DataSource DATA_SOURCE = H2.newDatabase();
    private static final JdbcStorage STORAGE = JdbcStorage.builder(DATA_SOURCE).build();

    @Override
    DataSource dataSource() {
        return DATA_SOURCE;
    }

    @Override
    JdbcStorage storage() {
        return STORAGE;
    }
}
