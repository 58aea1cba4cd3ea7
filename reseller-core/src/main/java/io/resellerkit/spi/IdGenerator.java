package io.resellerkit.spi;

/** Makes ids for new resources and events. Must be unique across every JVM sharing a store. */
@FunctionalInterface
public interface IdGenerator {
    /** A new id: 1 to 64 visible ASCII characters, as every id is ({@link io.resellerkit.model.Ids}). */
    String newId();
}
