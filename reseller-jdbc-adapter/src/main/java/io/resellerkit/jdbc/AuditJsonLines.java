package io.resellerkit.jdbc;

import com.fasterxml.jackson.core.JsonGenerator;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.ChainLink;
import java.util.Map;
import io.resellerkit.model.FieldChange;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes audit events as JSON lines: one JSON object per event, each on its own line, for
 * export. Pair it with {@code AuditService.export}, which reads the events page by page without holding
 * them in memory:
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(path)) {
 *     kit.audit().export(context, AuditQuery.all(), AuditJsonLines.to(out));
 * }
 * }</pre>
 *
 * Every object has the keys {@code id, occurredAt} (ISO-8601), {@code actorId, actorName,
 * actorEmail, actorRole, actorResellerId, action, resourceType, resourceId, resellerId, changes,
 * requestId, clientIp, userAgent, reason};
 * absent values are {@code null}; {@code changes} is a list of {@code {field, old, new}}.
 * {@link #chained} adds each event's link in its hash chain, {@code chain, seq, prevHash, hash,
 * hashVersion, seals} (all null for an event in no chain), so that an auditor can verify the export
 * offline ({@code AuditVerification.check}):
 *
 * <pre>{@code
 * kit.audit().exportChained(context, AuditQuery.all().withOldestFirst(), AuditJsonLines.chained(out));
 * }</pre>
 * It works for events from any storage adapter; it lives here because this module already
 * depends on Jackson and the core does not.
 */
public final class AuditJsonLines {
    private AuditJsonLines() {
    }

    /**
     * A sink that writes each event it is given to {@code out} as one line. It neither flushes
     * nor closes {@code out}. An {@link IOException} is rethrown as {@link UncheckedIOException}.
     */
    public static Consumer<AuditEvent> to(Writer out) {
        Objects.requireNonNull(out, "out");
        return event -> {
            try {
                write(event, out);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** As {@link #to}, each event with its chain link. */
    public static Consumer<ChainedEvent> chained(Writer out) {
        Objects.requireNonNull(out, "out");
        return chained -> {
            try {
                try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
                    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    g.writeStartObject();
                    fields(chained.event(), g);
                    ChainLink l = chained.link();
                    g.writeStringField("chain", l == null ? null : l.chain());
                    if (l == null) {
                        g.writeNullField("seq");
                        g.writeNullField("prevHash");
                        g.writeNullField("hash");
                        g.writeNullField("hashVersion");
                        g.writeNullField("seals");
                    } else {
                        g.writeNumberField("seq", l.seq());
                        g.writeStringField("prevHash", l.prevHash());
                        g.writeStringField("hash", l.hash());
                        g.writeNumberField("hashVersion", l.version());
                        g.writeObjectFieldStart("seals");
                        for (Map.Entry<String, String> seal : l.seals().entrySet()) {
                            g.writeStringField(seal.getKey(), seal.getValue());
                        }
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** One event as a JSON object on a single line, without the line break. */
    public static String toJson(AuditEvent event) {
        StringWriter w = new StringWriter();
        try {
            write(event, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(AuditEvent e, Writer out) throws IOException {
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            fields(e, g);
            g.writeEndObject();
        }
    }

    private static void fields(AuditEvent e, JsonGenerator g) throws IOException {
        {
            g.writeStringField("id", e.id().value());
            g.writeStringField("occurredAt", e.occurredAt().toString());
            g.writeStringField("actorId", e.actorId().value());
            g.writeStringField("actorName", e.actorName());
            g.writeStringField("actorEmail", e.actorEmail());
            g.writeStringField("actorRole", e.actorRole() == null ? null : e.actorRole().code());
            g.writeStringField("actorResellerId", e.actorResellerId() == null ? null : e.actorResellerId().value());
            g.writeStringField("action", e.action().code());
            g.writeStringField("resourceType", e.resourceType());
            g.writeStringField("resourceId", e.resourceId());
            g.writeStringField("resellerId", e.resellerId() == null ? null : e.resellerId().value());
            g.writeArrayFieldStart("changes");
            for (FieldChange c : e.changes()) {
                g.writeStartObject();
                g.writeStringField("field", c.field());
                g.writeStringField("old", c.oldValue());
                g.writeStringField("new", c.newValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("requestId", e.requestId());
            g.writeStringField("clientIp", e.clientIp());
            g.writeStringField("userAgent", e.userAgent());
            g.writeStringField("reason", e.reason());
        }
    }
}
