package io.resellerkit.inmemory;

import io.resellerkit.testkit.RandomUseContract;
import io.resellerkit.spi.Storage;

class InMemoryRandomUseTest extends RandomUseContract {
    @Override
    protected Storage emptyStorage() {
        return new InMemoryStorage();
    }
}
