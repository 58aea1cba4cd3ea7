/** ResellerKit's thread-safe in-memory storage: {@link io.resellerkit.inmemory.InMemoryStorage}. */
module io.resellerkit.inmemory {
    requires transitive io.resellerkit.core;

    exports io.resellerkit.inmemory;
}
