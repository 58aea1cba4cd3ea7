package io.resellerkit.inmemory;

import io.resellerkit.spi.Storage;
import io.resellerkit.testkit.AdapterContract;
import io.resellerkit.testkit.AuditTampering;

/** The in-memory adapter against every contract suite: the worked example of ADAPTERS.md. */
class InMemoryStorageTest extends AdapterContract {
    @Override
    protected Storage emptyStorage() {
        return new InMemoryStorage();
    }

    @Override
    protected AuditTampering auditTampering(Storage storage) {
        return new InMemoryTampering((InMemoryAuditTrail) storage.auditTrail());
    }
}
