package io.resellerkit.inmemory;

import io.resellerkit.contract.ResellerKitContract;
import io.resellerkit.spi.Storage;

class InMemoryResellerKitContractTest extends ResellerKitContract {
    @Override
    protected Storage emptyStorage() {
        return new InMemoryStorage();
    }
}
