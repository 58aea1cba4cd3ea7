package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PostgresStartsTest {
    @Test
    void embeddedPostgresStartsAndAnswers() {
        String db = Postgres.newDatabase();
        assertEquals(1, Tables.number(Postgres.sharedDataSource(db), "SELECT 1"));
    }
}
