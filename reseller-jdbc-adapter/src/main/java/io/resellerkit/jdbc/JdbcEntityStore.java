package io.resellerkit.jdbc;

import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.model.Entity;
import io.resellerkit.spi.EntityStore;
import io.resellerkit.spi.Keyset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One aggregate's table. Every statement is fixed when the store is built; only filters add
 * fragments, and those come from {@link Where}. Each table has the columns {@code id},
 * {@code version}, {@code created_at} and {@code updated_at}.
 *
 * <p>A row may refer to rows of other tables (its references, each under a foreign key). An
 * insert or update whose referenced row is missing, or deleted meanwhile, fails with a
 * {@link NotFoundException} naming it; a delete of a row that others refer to fails with an
 * {@code IN_USE} {@link ConflictException}.
 */
abstract class JdbcEntityStore<I, E extends Entity<I>, Q> implements EntityStore<I, E, Q> {

    /** A column as the store writes it. */
    record Column<E>(String name, Binds.Type type, Function<E, Object> value) {
    }

    /** A row this table's rows may refer to: its resource type, its table, and the id (null for none). */
    record Reference<E>(String resourceType, String table, Function<E, String> id) {
    }

    final Db db;
    private final String resourceType;
    private final String duplicateMessage;
    private final List<Column<E>> columns;
    private final List<Column<E>> updated;
    private final List<Reference<E>> references;
    private final List<String> lockReferenceSql;
    private final String selectSql;
    private final String insertSql;
    /** {@link #insertSql} up to its VALUES, and one row's placeholders: for {@link #insertAll}. */
    private final String insertHead;
    private final String insertRow;
    private final String updateSql;
    private final String deleteSql;
    private final String findByIdSql;

    /**
     * @param columns    every column, {@code id} first; {@code id} and {@code created_at} never change
     * @param references the rows a row may refer to, nearest first (an assignee or organization
     *                   before a reseller): the order in which they are locked where that is needed
     */
    JdbcEntityStore(Db db, String table, String resourceType, String uniqueName, List<Column<E>> columns,
                    List<Reference<E>> references) {
        this.db = db;
        this.resourceType = resourceType;
        this.duplicateMessage = resourceType + " " + (uniqueName == null ? "id" : "id or " + uniqueName) + " is taken";
        this.columns = List.copyOf(columns);
        this.updated = columns.stream().filter(c -> !c.name().equals("id") && !c.name().equals("created_at")).toList();
        String t = db.table(table);
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        this.selectSql = "SELECT " + names + " FROM " + t;
        this.insertHead = "INSERT INTO " + t + " (" + names + ") VALUES ";
        this.insertRow = "(" + columns.stream().map(this::placeholder).collect(Collectors.joining(", ")) + ")";
        this.insertSql = insertHead + insertRow + db.dialect.insertUnlessTaken();
        this.updateSql = "UPDATE " + t + " SET "
                + updated.stream().map(c -> c.name() + " = " + placeholder(c)).collect(Collectors.joining(", "))
                + " WHERE id = ? AND version = ?";
        this.deleteSql = "DELETE FROM " + t + " WHERE id = ? AND version = ?";
        this.findByIdSql = selectSql + " WHERE id = ?";
        this.references = List.copyOf(references);
        this.lockReferenceSql = references.stream()
                .map(r -> "SELECT 1 FROM " + db.table(r.table()) + " WHERE id = ? FOR UPDATE").toList();
    }

    /** Reads the current row. */
    abstract E map(ResultSet rs) throws SQLException;

    /** This table's columns for a select over a join: {@code alias.name AS prefixname, ...}. */
    String columnsAs(String alias, String prefix) {
        return columns.stream().map(c -> alias + "." + c.name() + " AS " + prefix + c.name())
                .collect(Collectors.joining(", "));
    }

    /** Adds the query's filters. */
    abstract void filter(Q query, Where where);

    /** The id as stored. */
    abstract String key(I id);

    @Override
    public void insert(E entity) {
        int rows = db.tx.inWrite("insert " + resourceType, duplicateMessage, c -> {
            try (PreparedStatement ps = db.prepare(c, insertSql)) {
                int i = 1;
                for (Column<E> col : columns) {
                    Binds.bind(ps, i++, col.type(), col.value().apply(entity));
                }
                return writeReferring(c, ps, entity);
            }
        });
        if (rows != 1) {
            // PostgreSQL's ON CONFLICT DO NOTHING: the id or a unique value is taken, and the unit goes on.
            throw new ConflictException(ConflictException.Kind.DUPLICATE, duplicateMessage);
        }
    }

    /**
     * {@link Db#MULTI_ROW} rows per statement ({@code INSERT ... VALUES (...), (...)}: one statement
     * for the server to plan and run, where a JDBC batch is one per row; no driver setting needed).
     * References are checked as {@link #insert} does, each distinct one once.
     */
    @Override
    public void insertAll(List<E> entities) {
        if (entities.isEmpty()) {
            return;
        }
        db.tx.inWrite("insert " + resourceType + "s", duplicateMessage, c -> {
            for (int from = 0; from < entities.size(); from += Db.MULTI_ROW) {
                int rows = Math.min(Db.MULTI_ROW, entities.size() - from);
                int inserted;
                try (PreparedStatement ps = db.prepare(c, db.multiRowInsert(insertHead, insertRow, rows))) {
                    int i = 1;
                    for (E entity : entities.subList(from, from + rows)) {
                        for (Column<E> col : columns) {
                            Binds.bind(ps, i++, col.type(), col.value().apply(entity));
                        }
                    }
                    try {
                        inserted = ps.executeUpdate();
                    } catch (SQLException e) {
                        // The statement does not say which row failed: named after its first row's nearest reference.
                        NotFoundException missing = SqlErrors.isMissingReference(e)
                                ? missingReference(entities.get(from), e) : null;
                        if (missing != null) {
                            throw missing;
                        }
                        throw e;
                    }
                }
                if (inserted != rows) {
                    // PostgreSQL's ON CONFLICT DO NOTHING left a row out: an id or a unique value is taken.
                    throw new ConflictException(ConflictException.Kind.DUPLICATE, duplicateMessage);
                }
            }
            if (!db.dialect.foreignKeyChecksLock()) {
                for (int i = 0; i < references.size(); i++) {
                    Set<String> ids = new LinkedHashSet<>();
                    for (E entity : entities) {
                        String id = references.get(i).id().apply(entity);
                        if (id != null) {
                            ids.add(id);
                        }
                    }
                    for (String id : ids) {
                        if (!lockedRowExists(c, lockReferenceSql.get(i), id)) {
                            throw new NotFoundException(references.get(i).resourceType(), id);
                        }
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void update(E entity) {
        int rows = db.tx.inWrite("update " + resourceType, duplicateMessage, c -> {
            try (PreparedStatement ps = db.prepare(c, updateSql)) {
                int i = 1;
                for (Column<E> col : updated) {
                    Binds.bind(ps, i++, col.type(), col.value().apply(entity));
                }
                ps.setString(i++, key(entity.id()));
                ps.setLong(i, entity.version() - 1);
                return writeReferring(c, ps, entity);
            }
        });
        if (rows != 1) {
            throw stale();
        }
    }

    @Override
    public void delete(I id, long version) {
        int rows = db.tx.inWrite("delete " + resourceType, null, c -> {
            try (PreparedStatement ps = db.prepare(c, deleteSql)) {
                ps.setString(1, key(id));
                ps.setLong(2, version);
                return ps.executeUpdate();
            }
        });
        if (rows != 1) {
            throw stale();
        }
    }

    @Override
    public Optional<E> findById(I id) {
        return db.tx.inRead("read " + resourceType, c -> {
            try (PreparedStatement ps = db.prepare(c, findByIdSql)) {
                ps.setString(1, key(id));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<E> find(Q query, Keyset after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Where where = new Where();
        filter(query, where);
        where.after("created_at", "id", after);
        String sql = selectSql + where.sql() + " ORDER BY created_at, id LIMIT ?";
        return db.tx.inRead("list " + resourceType + "s", c -> {
            try (PreparedStatement ps = db.prepare(c, sql)) {
                int next = where.bind(ps);
                ps.setInt(next, limit);
                List<E> page = new ArrayList<>(Math.min(limit, 128));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(map(rs));
                    }
                }
                return page;
            }
        });
    }

    /**
     * Runs an insert or update of {@code entity}. A foreign key violation means a row it refers to
     * is missing. Where the database's check of a foreign key takes no lock (H2), the written row's
     * references are then locked here, nearest first, so that a concurrent delete of one either
     * waits for this unit or has committed, and then the reference is found missing.
     */
    private int writeReferring(Connection c, PreparedStatement write, E entity) throws SQLException {
        int rows;
        try {
            rows = write.executeUpdate();
        } catch (SQLException e) {
            NotFoundException missing = SqlErrors.isMissingReference(e) ? missingReference(entity, e) : null;
            if (missing != null) {
                throw missing;
            }
            throw e;
        }
        if (rows == 1 && !db.dialect.foreignKeyChecksLock()) {
            for (int i = 0; i < references.size(); i++) {
                String id = references.get(i).id().apply(entity);
                if (id != null && !lockedRowExists(c, lockReferenceSql.get(i), id)) {
                    throw new NotFoundException(references.get(i).resourceType(), id);
                }
            }
        }
        return rows;
    }

    /**
     * The reference a foreign key violation on writing {@code entity} is about. The SQLState does
     * not say which key failed, so this names the nearest row the entity refers to: under the
     * core's rules (a user's reseller is its organization's, a license's assignee belongs to its
     * reseller) the farther ones are held by the nearer one's own foreign keys, so the nearest is
     * the one that went missing.
     */
    private NotFoundException missingReference(E entity, SQLException e) {
        for (Reference<E> r : references) {
            String id = r.id().apply(entity);
            if (id != null) {
                return new NotFoundException(r.resourceType(), id, e);
            }
        }
        return null;
    }

    private boolean lockedRowExists(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private String placeholder(Column<E> c) {
        return c.type() == Binds.Type.JSON ? db.dialect.jsonParameter() : "?";
    }

    private ConflictException stale() {
        return new ConflictException(ConflictException.Kind.STALE_VERSION,
                resourceType + " was changed or deleted by someone else");
    }
}
