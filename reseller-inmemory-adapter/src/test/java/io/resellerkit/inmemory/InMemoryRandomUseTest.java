package io.resellerkit.inmemory;

import io.resellerkit.contract.RandomUseContract;
import io.resellerkit.spi.Storage;

class InMemoryRandomUseTest extends RandomUseContract {
    @Override
    protected Storage emptyStorage() {
        return new InMemoryStorage();
    }
}
