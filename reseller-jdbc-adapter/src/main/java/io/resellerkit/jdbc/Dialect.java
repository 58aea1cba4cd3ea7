package io.resellerkit.jdbc;

import java.util.Locale;
import java.util.Optional;

/**
 * The databases the JDBC adapter speaks to. Read from
 * {@link java.sql.DatabaseMetaData#getDatabaseProductName()} unless set on the builder.
 */
public enum Dialect {
    /** PostgreSQL 12 or later. */
    POSTGRESQL("postgresql"),
    /** H2 2.x, embedded or as a server. */
    H2("h2");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The dialect for a JDBC product name, such as {@code PostgreSQL} or {@code H2}, if supported. */
    public static Optional<Dialect> fromProductName(String productName) {
        if (productName == null) {
            return Optional.empty();
        }
        String p = productName.trim().toLowerCase(Locale.ROOT);
        if (p.equals("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        if (p.equals("h2")) {
            return Optional.of(H2);
        }
        return Optional.empty();
    }

    /** The folder under {@code io/resellerkit/jdbc/schema/} that holds this dialect's scripts. */
    public String schemaFolder() {
        return folder;
    }

    /** The placeholder for a JSON parameter. */
    String jsonParameter() {
        return this == POSTGRESQL ? "CAST(? AS jsonb)" : "?";
    }

    /**
     * What follows an INSERT so that a unique violation inserts nothing instead of failing: on
     * PostgreSQL a failed statement would spoil the rest of its transaction. H2 undoes only the
     * failed statement, so it needs nothing.
     */
    String insertUnlessTaken() {
        return this == POSTGRESQL ? " ON CONFLICT DO NOTHING" : "";
    }

    /**
     * Whether checking a foreign key locks the referenced row until the end of the transaction, so
     * that its concurrent delete waits, and then fails, or has committed, and the check fails.
     * PostgreSQL takes a key-share lock. H2 at read committed only reads: a child's insert and its
     * parent's delete can both commit, so the adapter locks the parent itself.
     */
    boolean foreignKeyChecksLock() {
        return this == POSTGRESQL;
    }

    /**
     * Adds one to a counter if its count is below its cap (or the cap is -1), and returns the new
     * count and the cap in the same statement: no row if the cap refused it or the counter is missing.
     * Parameters: kind, owner id.
     */
    String incrementCounterReturning(String table) {
        String update = "UPDATE " + table + " SET used = used + 1 WHERE kind = ? AND owner_id = ?"
                + " AND (cap = -1 OR used < cap)";
        return this == POSTGRESQL ? update + " RETURNING used, cap" : "SELECT used, cap FROM FINAL TABLE (" + update + ")";
    }

    /**
     * Adds an amount to a counter if the count stays within its cap (a positive amount: at or below
     * the cap, or the cap is -1; a negative one: at or above 0), and returns the new count and the cap
     * in the same statement: no row if refused or missing. An amount of 0 locks the row and reads it.
     * Parameters: amount, kind, owner id, amount, amount, amount.
     */
    String addToCounterReturning(String table) {
        String update = "UPDATE " + table + " SET used = used + ? WHERE kind = ? AND owner_id = ?"
                + " AND (CASE WHEN ? > 0 THEN (cap = -1 OR used + ? <= cap) ELSE used + ? >= 0 END)";
        return this == POSTGRESQL ? update + " RETURNING used, cap" : "SELECT used, cap FROM FINAL TABLE (" + update + ")";
    }
}
