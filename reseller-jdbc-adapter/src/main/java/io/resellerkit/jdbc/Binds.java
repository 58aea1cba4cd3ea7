package io.resellerkit.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Typed parameter binding and column reading, the same for every dialect. */
final class Binds {
    private Binds() {
    }

    /** How a value is bound. */
    enum Type { TEXT, INT, LONG, BOOL, TIME, JSON }

    static void bind(PreparedStatement ps, int index, Type type, Object value) throws SQLException {
        switch (type) {
            case TEXT, JSON -> {
                if (value == null) {
                    ps.setNull(index, Types.VARCHAR);
                } else {
                    ps.setString(index, (String) value);
                }
            }
            case INT -> ps.setInt(index, ((Number) value).intValue());
            case LONG -> ps.setLong(index, ((Number) value).longValue());
            case BOOL -> ps.setBoolean(index, (Boolean) value);
            case TIME -> {
                if (value == null) {
                    ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
                }
            }
            default -> throw new IllegalArgumentException("unknown type " + type);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The earliest microsecond at or after {@code t}: what a microsecond column compares like. */
    static Instant ceilMicros(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.MICROS);
        return floor.equals(t) ? t : floor.plus(1, ChronoUnit.MICROS);
    }

    /** True if {@code t} has no digits below the microsecond. */
    static boolean isMicros(Instant t) {
        return t.getNano() % 1_000 == 0;
    }
}
