package io.resellerkit.inmemory;

import io.resellerkit.contract.HostileInputContract;
import io.resellerkit.spi.Storage;

class InMemoryHostileInputTest extends HostileInputContract {
    @Override
    protected Storage emptyStorage() {
        return new InMemoryStorage();
    }
}
