/** ResellerKit's JDBC storage on the host's DataSource: {@link io.resellerkit.jdbc.JdbcStorage}. */
module io.resellerkit.jdbc {
    requires transitive io.resellerkit.core;
    requires transitive java.sql;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;

    exports io.resellerkit.jdbc;
}
