package io.resellerkit.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.resellerkit.error.StorageException;
import io.resellerkit.model.FieldChange;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Metadata and audit changes as JSON text, with Jackson's streaming API. */
final class Json {
    static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    static String ofMetadata(Map<String, String> metadata) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new StorageException("could not write metadata as JSON", e);
        }
        return w.toString();
    }

    static Map<String, String> metadata(String json) {
        Map<String, String> map = new TreeMap<>();
        if (json == null) {
            return map;
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                map.put(key, value == JsonToken.VALUE_NULL ? null : p.getValueAsString());
            }
        } catch (IOException e) {
            throw new StorageException("stored metadata is not valid JSON", e);
        }
        return map;
    }

    static String ofChanges(List<FieldChange> changes) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartArray();
            for (FieldChange c : changes) {
                g.writeStartObject();
                g.writeStringField("field", c.field());
                g.writeStringField("old", c.oldValue());
                g.writeStringField("new", c.newValue());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new StorageException("could not write audit changes as JSON", e);
        }
        return w.toString();
    }

    static List<FieldChange> changes(String json) {
        List<FieldChange> list = new ArrayList<>();
        if (json == null) {
            return list;
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String field = null;
                String oldValue = null;
                String newValue = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    String v = t == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    switch (name) {
                        case "field" -> field = v;
                        case "old" -> oldValue = v;
                        case "new" -> newValue = v;
                        default -> p.skipChildren();
                    }
                }
                list.add(new FieldChange(field, oldValue, newValue));
            }
        } catch (IOException | NullPointerException e) {
            throw new StorageException("stored audit changes are not valid JSON", e);
        }
        return list;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
