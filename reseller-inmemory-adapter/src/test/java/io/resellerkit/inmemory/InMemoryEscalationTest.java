package io.resellerkit.inmemory;

import io.resellerkit.contract.EscalationContract;
import io.resellerkit.spi.Storage;

class InMemoryEscalationTest extends EscalationContract {
    @Override
    protected Storage emptyStorage() {
        return new InMemoryStorage();
    }
}
