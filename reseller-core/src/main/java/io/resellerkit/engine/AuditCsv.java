package io.resellerkit.engine;

import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.FieldChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.ChainLink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.List;

/** Audit events as CSV rows; see {@link io.resellerkit.AuditService#exportCsv}. */
final class AuditCsv {
    static final List<String> HEADER = List.of("id", "occurredAt", "actorId", "actorName", "actorEmail", "actorRole",
            "actorResellerId", "action", "resourceType", "resourceId", "resellerId", "changes", "requestId", "clientIp",
            "userAgent", "reason", "chain", "seq", "prevHash", "hash", "hashVersion", "seals");

    private final Writer out;

    AuditCsv(Writer out) {
        this.out = out;
    }

    void header() {
        line(HEADER);
    }

    /** One event with its link (empty cells for an event in no chain). */
    void row(ChainedEvent chained) {
        AuditEvent e = chained.event();
        ChainLink l = chained.link();
        List<String> cells = new ArrayList<>(event(e));
        cells.addAll(l == null ? Arrays.asList(null, null, null, null, null, null) : List.of(l.chain(),
                Long.toString(l.seq()), l.prevHash(), l.hash(), Integer.toString(l.version()), seals(l.seals())));
        line(cells);
    }

    private static List<String> event(AuditEvent e) {
        return (Arrays.asList(e.id().value(), e.occurredAt().toString(), e.actorId().value(), e.actorName(),
                e.actorEmail(), e.actorRole() == null ? null : e.actorRole().code(),
                e.actorResellerId() == null ? null : e.actorResellerId().value(), e.action().code(), e.resourceType(),
                e.resourceId(), e.resellerId() == null ? null : e.resellerId().value(), changes(e.changes()),
                e.requestId(), e.clientIp(), e.userAgent(), e.reason()));
    }

    /** The seals as a JSON object, keys in order. */
    static String seals(Map<String, String> seals) {
        StringBuilder sb = new StringBuilder("{");
        seals.forEach((path, seal) -> sb.append(sb.length() == 1 ? "" : ",").append(json(path)).append(':').append(json(seal)));
        return sb.append('}').toString();
    }

    private void line(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        try {
            out.write(sb.append("\r\n").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One cell: empty if absent, defused if a spreadsheet would run it, quoted if RFC 4180 needs it. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        boolean quote = v.isEmpty() || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /** The changes as a JSON array, written here because the core has no JSON library. */
    static String changes(List<FieldChange> changes) {
        StringBuilder sb = new StringBuilder("[");
        for (FieldChange c : changes) {
            sb.append(sb.length() == 1 ? "" : ",").append("{\"field\":").append(json(c.field()))
                    .append(",\"old\":").append(json(c.oldValue())).append(",\"new\":").append(json(c.newValue()))
                    .append('}');
        }
        return sb.append(']').toString();
    }

    private static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
