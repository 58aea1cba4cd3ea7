package io.resellerkit.jdbc;

import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/** In-memory H2 databases for tests, each kept alive until the JVM exits. */
final class H2 {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private H2() {
    }

    static JdbcDataSource newDatabase() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:rk" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }
}
