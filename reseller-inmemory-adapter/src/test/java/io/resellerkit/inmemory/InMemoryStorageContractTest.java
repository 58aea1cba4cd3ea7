package io.resellerkit.inmemory;

import io.resellerkit.contract.StorageContract;
import io.resellerkit.spi.Storage;

class InMemoryStorageContractTest extends StorageContract {
    @Override
    protected Storage emptyStorage() {
        return new InMemoryStorage();
    }
}
