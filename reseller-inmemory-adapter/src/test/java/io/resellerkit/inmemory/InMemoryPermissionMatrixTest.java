package io.resellerkit.inmemory;

import io.resellerkit.contract.PermissionMatrixContract;
import io.resellerkit.spi.Storage;

class InMemoryPermissionMatrixTest extends PermissionMatrixContract {
    @Override
    protected Storage emptyStorage() {
        return new InMemoryStorage();
    }
}
