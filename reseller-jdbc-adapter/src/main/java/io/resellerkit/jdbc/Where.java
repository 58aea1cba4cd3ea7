package io.resellerkit.jdbc;

import io.resellerkit.query.TextMatch;
import io.resellerkit.query.TimeRange;
import io.resellerkit.spi.Keyset;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A WHERE clause compiled from a query record: fixed SQL fragments with {@code ?} parameters.
 * Nothing a caller passes becomes SQL text. Each method reproduces the reference semantics of
 * {@code io.resellerkit.query}: a null filter is no filter, an empty set matches nothing
 * ({@code 1=0}), a null column never matches a present filter.
 */
final class Where {
    private record Param(Binds.Type type, Object value) {
    }

    private final List<String> clauses = new ArrayList<>();
    private final List<Param> params = new ArrayList<>();

    /** {@code column IN (...)}: null is no filter, empty matches nothing. */
    <T> Where in(String column, Set<T> values, Function<T, String> text) {
        if (values == null) {
            return this;
        }
        if (values.isEmpty()) {
            clauses.add("1=0");
            return this;
        }
        StringBuilder sb = new StringBuilder(column).append(" IN (");
        boolean first = true;
        for (T v : values) {
            sb.append(first ? "?" : ", ?");
            first = false;
            params.add(new Param(Binds.Type.TEXT, text.apply(v)));
        }
        clauses.add(sb.append(')').toString());
        return this;
    }

    /** {@code column = value}, unless value is null. */
    Where equalTo(String column, String value) {
        if (value != null) {
            clauses.add(column + " = ?");
            params.add(new Param(Binds.Type.TEXT, value));
        }
        return this;
    }

    /** A flag filter, unless null. */
    Where flag(String column, Boolean wanted) {
        if (wanted != null) {
            clauses.add(column + " = ?");
            params.add(new Param(Binds.Type.BOOL, wanted));
        }
        return this;
    }

    /**
     * A case-insensitive text filter on a column that holds the value lower-cased with
     * {@code Locale.ROOT}, compared with {@link TextMatch#normalizedValue()}; LIKE wildcards in
     * the value match only themselves.
     */
    Where text(String lowerCaseColumn, TextMatch match) {
        if (match == null) {
            return this;
        }
        String v = match.normalizedValue();
        switch (match.operator()) {
            case EQUALS -> {
                clauses.add(lowerCaseColumn + " = ?");
                params.add(new Param(Binds.Type.TEXT, v));
            }
            case STARTS_WITH -> {
                clauses.add(lowerCaseColumn + " LIKE ? ESCAPE '\\'");
                params.add(new Param(Binds.Type.TEXT, escapeLike(v) + "%"));
            }
            case CONTAINS -> {
                clauses.add(lowerCaseColumn + " LIKE ? ESCAPE '\\'");
                params.add(new Param(Binds.Type.TEXT, "%" + escapeLike(v) + "%"));
            }
            default -> throw new IllegalArgumentException("unknown operator " + match.operator());
        }
        return this;
    }

    /** From inclusive, to exclusive; a null time never matches a present range. */
    Where time(String column, TimeRange range) {
        if (range == null) {
            return this;
        }
        clauses.add(column + " IS NOT NULL");
        // Stored times have microseconds; comparing with the next whole microsecond is exact.
        if (range.from() != null) {
            clauses.add(column + " >= ?");
            params.add(new Param(Binds.Type.TIME, Binds.ceilMicros(range.from())));
        }
        if (range.to() != null) {
            clauses.add(column + " < ?");
            params.add(new Param(Binds.Type.TIME, Binds.ceilMicros(range.to())));
        }
        return this;
    }

    /** Rows after {@code after} in ascending (time, id) order. */
    Where after(String timeColumn, String idColumn, Keyset after) {
        if (after == null) {
            return this;
        }
        if (Binds.isMicros(after.time())) {
            clauses.add("(" + timeColumn + ", " + idColumn + ") > (?, ?)");
            params.add(new Param(Binds.Type.TIME, after.time()));
            params.add(new Param(Binds.Type.TEXT, after.id()));
        } else {
            // No stored time equals it, so the id cannot break a tie.
            clauses.add(timeColumn + " > ?");
            params.add(new Param(Binds.Type.TIME, after.time().truncatedTo(ChronoUnit.MICROS)));
        }
        return this;
    }

    /** Rows after {@code after} in descending (time, id) order. */
    Where afterDescending(String timeColumn, String idColumn, Keyset after) {
        if (after == null) {
            return this;
        }
        if (Binds.isMicros(after.time())) {
            clauses.add("(" + timeColumn + ", " + idColumn + ") < (?, ?)");
            params.add(new Param(Binds.Type.TIME, after.time()));
            params.add(new Param(Binds.Type.TEXT, after.id()));
        } else {
            clauses.add(timeColumn + " < ?");
            params.add(new Param(Binds.Type.TIME, Binds.ceilMicros(after.time())));
        }
        return this;
    }

    /** The clause with its leading {@code WHERE}, or empty. */
    String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** Binds the parameters from index 1; returns the next free index. */
    int bind(PreparedStatement ps) throws SQLException {
        int i = 1;
        for (Param p : params) {
            Binds.bind(ps, i++, p.type(), p.value());
        }
        return i;
    }

    static String escapeLike(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
