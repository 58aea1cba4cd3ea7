package io.resellerkit.testkit;

import io.resellerkit.spi.Storage;
import org.junit.jupiter.api.Nested;

/**
 * Every JUnit contract suite at once, for an adapter's tests: extend it with one method that
 * hands over an empty storage. The random-use suite runs on jqwik's engine and is extended
 * apart ({@link RandomUseContract}).
 *
 * <pre>{@code
 * class MyStorageTest extends AdapterContract {
 *     @Override protected Storage emptyStorage() { return new MyStorage(); }
 * }
 * }</pre>
 */
public abstract class AdapterContract {

    /** A storage with nothing in it; called before every test. */
    protected abstract Storage emptyStorage();

    /**
     * How to tamper with {@code storage}'s audit trail behind the library's back, for the
     * tamper-evidence tests of {@link AuditChainContract}; null (the default) skips them.
     */
    protected AuditTampering auditTampering(Storage storage) {
        return null;
    }

    /**
     * A second node on {@code storage}'s database (a storage object with connections of its own on
     * the same data), for the listener suite's lease tests; by default {@code storage} itself.
     */
    protected Storage anotherNode(Storage storage) {
        return storage;
    }

    /** Every port, field by field. */
    @Nested
    class Ports extends StorageContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** The public API on this storage, concurrency included. */
    @Nested
    class PublicApi extends ResellerKitContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** Every operation by every role in every place. */
    @Nested
    class PermissionMatrix extends PermissionMatrixContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** The escalation attempts of the threat model. */
    @Nested
    class Escalation extends EscalationContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** Hostile strings, numbers and nulls in every field. */
    @Nested
    class HostileInput extends HostileInputContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** Idempotency keys of writes. */
    @Nested
    class Idempotency extends IdempotencyContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** Time-bound delegated access to organizations. */
    @Nested
    class AccessGrants extends AccessGrantContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** Customers imported in bulk: all or nothing, under the single creates' rules. */
    @Nested
    class BulkImport extends BulkImportContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** Licenses a reseller issues itself, within the license quota the vendor gave it. */
    @Nested
    class LicenseQuota extends LicenseQuotaContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** Customer transfers between resellers, by the vendor and by token. */
    @Nested
    class Transfer extends TransferContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** Reseller tiers: caps carved from parents, slots at every tier, the depth limit, a parent's reach. */
    @Nested
    class Tiers extends TierContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** Every check-then-act pair of the core, raced by 16 threads. */
    @Nested
    class Concurrency extends ConcurrencyContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** The audit trail's hash chains: verified when clean, tampering found where it was done. */
    @Nested
    class AuditChain extends AuditChainContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }

        @Override
        protected AuditTampering tampering(Storage storage) {
            return auditTampering(storage);
        }
    }

    /** Every public call reported to the operation observer once, with its outcome. */
    @Nested
    class Observer extends OperationObserverContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }
    }

    /** Following the trail: checkpoints, leases, and listeners on them. */
    @Nested
    class Listeners extends ListenerContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }

        @Override
        protected Storage anotherNode(Storage storage) {
            return AdapterContract.this.anotherNode(storage);
        }
    }

    /** Webhooks: endpoints, the outbox, and senders against a local HTTP receiver. */
    @Nested
    class Webhooks extends WebhookContract {
        @Override
        protected Storage emptyStorage() {
            return AdapterContract.this.emptyStorage();
        }

        @Override
        protected Storage anotherNode(Storage storage) {
            return AdapterContract.this.anotherNode(storage);
        }
    }
}
