package io.resellerkit.spi;

/** Makes ids for new resources and events. Must be unique across every JVM sharing a store. */
@FunctionalInterface
public interface IdGenerator {
    /** A new id, at most 64 characters. */
    String newId();
}
