package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.spi.Storage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Idempotency keys through the public API: a write sent again with its key is done once and
 * returns the first result; a key is the actor's own, counts for the kit's time to live, records
 * nothing for a call that failed, and is refused for any other write. The 32-thread race on one
 * key is in {@link ConcurrencyContract}.
 */
public abstract class IdempotencyContract {
    /** A storage holding no rows; called before every test. */
    protected abstract Storage emptyStorage();

    private Storage storage;
    private World w;
    private ResellerKit kit;

    @BeforeEach
    void buildWorld() {
        storage = emptyStorage();
        w = new World(storage);
        kit = w.kit;
    }

    private CreateOrganization northwind() {
        return CreateOrganization.of("Northwind", "it@northwind.example", 10, w.acme.reseller.id());
    }

    private Organization createNorthwind(RequestContext context) {
        return kit.organizations().create(context, northwind());
    }

    private long acmeUsers() {
        return kit.resellers().usage(w.asVendor, w.acme.reseller.id()).users();
    }

    private long acmeOrganizations() {
        return kit.resellers().usage(w.asVendor, w.acme.reseller.id()).organizations();
    }

    private static void assertKeyReused(Executable call) {
        ConflictException e = assertThrows(ConflictException.class, call);
        assertEquals(ConflictException.Kind.IDEMPOTENCY_KEY_REUSED, e.kind(), e::getMessage);
    }

    @Test
    void aCreateSentAgainWithItsKeyReturnsTheFirstUserAndTakesNoSecondSlot() {
        RequestContext keyed = w.acme.asAdmin.withIdempotencyKey("create-nina");
        CreateUser nina = CreateUser.of("Nina", "N", "nina@customer.acme.example", Role.USER)
                .inOrganization(w.acme.organization.id());
        User first = kit.users().create(keyed, nina);
        long usersAfterFirst = acmeUsers();
        Snapshot afterFirst = Snapshot.of(storage);

        User again = kit.users().create(keyed.withRequestId("retry"), nina);

        assertEquals(first, again);
        assertEquals(usersAfterFirst, acmeUsers(), "the retry took a second slot");
        assertEquals(afterFirst, Snapshot.of(storage), "the retry wrote something");
    }

    @Test
    void metadataInAnotherOrderIsTheSameCommand() {
        RequestContext keyed = w.acme.asAdmin.withIdempotencyKey("create-northwind");
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        CreateOrganization c = northwind();
        Organization first = kit.organizations().create(keyed,
                new CreateOrganization(c.name(), c.email(), null, c.allowedUsers(), c.resellerId(), ab));
        Organization again = kit.organizations().create(keyed,
                new CreateOrganization(c.name(), c.email(), null, c.allowedUsers(), c.resellerId(), ba));
        assertEquals(first, again);
        assertEquals(2, acmeOrganizations());
    }

    @Test
    void theSameKeyForAnotherCommandOperationOrIdIsRefusedAndWritesNothing() {
        RequestContext keyed = w.acme.asAdmin.withIdempotencyKey("k-1");
        Organization northwind = createNorthwind(keyed);
        RequestContext renaming = w.acme.asAdmin.withIdempotencyKey("k-2");
        kit.organizations().update(renaming, w.acme.organization.id(), UpdateOrganization.changes().withName("Renamed"));
        Snapshot before = Snapshot.of(storage);

        assertKeyReused(() -> kit.organizations().create(keyed,
                CreateOrganization.of("Southwind", "it@northwind.example", 10, w.acme.reseller.id())));
        assertKeyReused(() -> kit.organizations().update(keyed, northwind.id(),
                UpdateOrganization.changes().withName("Northwind Ltd")));
        assertKeyReused(() -> kit.organizations().delete(keyed, northwind.id()));
        // The same command on another organization is another write.
        assertKeyReused(() -> kit.organizations().update(renaming, northwind.id(),
                UpdateOrganization.changes().withName("Renamed")));

        assertEquals(before, Snapshot.of(storage));
    }

    @Test
    void anAllocationToAResellerAndATakingBackAreDifferentWrites() {
        License l = kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, null));
        RequestContext keyed = w.asVendor.withIdempotencyKey("allocate");
        kit.licenses().allocate(keyed, l.id(), w.acme.reseller.id());
        assertKeyReused(() -> kit.licenses().allocate(keyed, l.id(), null));
        assertEquals(w.acme.reseller.id(), kit.licenses().get(w.asVendor, l.id()).resellerId());
    }

    @Test
    void anotherActorsSameKeyIsAnotherKey() {
        Organization ofAcme = createNorthwind(w.acme.asAdmin.withIdempotencyKey("same"));
        Organization ofBeta = kit.organizations().create(w.beta.asAdmin.withIdempotencyKey("same"),
                CreateOrganization.of("Northwind", "it@northwind.example", 10, w.beta.reseller.id()));
        Organization ofVendor = createNorthwind(w.asVendor.withIdempotencyKey("same"));

        assertNotEquals(ofAcme.id(), ofBeta.id());
        assertNotEquals(ofAcme.id(), ofVendor.id());
        assertEquals(w.beta.reseller.id(), ofBeta.resellerId());
        assertEquals(3, acmeOrganizations(), "Acme's first, the vendor's, and Acme's own from the world");
    }

    @Test
    void aCallThatFailedLeavesNoKeySoItsRetryRunsAfresh() {
        RequestContext keyed = w.acme.asAdmin.withIdempotencyKey("after-failures");
        kit.resellers().changeQuotas(w.asVendor, w.acme.reseller.id(), new ChangeQuotas(null, 1, null));
        assertThrows(QuotaExceededException.class, () -> createNorthwind(keyed));
        assertThrows(ValidationException.class, () -> kit.organizations().create(keyed,
                CreateOrganization.of("Northwind", "not an email", 10, w.acme.reseller.id())));
        kit.resellers().changeQuotas(w.asVendor, w.acme.reseller.id(), new ChangeQuotas(null, 5, null));

        Organization created = createNorthwind(keyed);

        assertEquals("Northwind", kit.organizations().get(w.acme.asAdmin, created.id()).name());
        assertEquals(2, acmeOrganizations());
    }

    @Test
    void anExpiredKeyIsTreatedAsNeverUsed() {
        RequestContext keyed = w.acme.asAdmin.withIdempotencyKey("daily");
        Organization first = createNorthwind(keyed);
        w.clock.advance(ResellerKit.DEFAULT_IDEMPOTENCY_KEY_TTL.minusMinutes(1));
        assertEquals(first.id(), createNorthwind(keyed).id(), "a key counts for 24 hours");

        w.clock.advance(Duration.ofMinutes(2));
        Organization second = createNorthwind(keyed);

        assertNotEquals(first.id(), second.id());
        assertEquals(3, acmeOrganizations());
        w.clock.advance(ResellerKit.DEFAULT_IDEMPOTENCY_KEY_TTL.plusMinutes(1));
        kit.organizations().delete(keyed, second.id()); // another write: allowed once the key expired
    }

    @Test
    void theKitsTimeToLiveDecidesWhenAKeyExpires() {
        ResellerKit shortLived = ResellerKit.builder(storage).clock(w.clock)
                .idempotencyKeyTtl(Duration.ofMinutes(5)).build();
        RequestContext keyed = w.acme.asAdmin.withIdempotencyKey("five-minutes");
        Organization first = shortLived.organizations().create(keyed, northwind());
        w.clock.advance(Duration.ofMinutes(4));
        assertEquals(first.id(), shortLived.organizations().create(keyed, northwind()).id());
        w.clock.advance(Duration.ofMinutes(2));
        assertNotEquals(first.id(), shortLived.organizations().create(keyed, northwind()).id());
        assertThrows(IllegalArgumentException.class, () -> ResellerKit.builder(storage).idempotencyKeyTtl(Duration.ZERO));
        // An expiry past year 9999 could not be stored.
        assertThrows(IllegalArgumentException.class, () -> ResellerKit.builder(storage)
                .idempotencyKeyTtl(ResellerKit.MAX_IDEMPOTENCY_KEY_TTL.plusMillis(1)));
        ResellerKit.builder(storage).idempotencyKeyTtl(ResellerKit.MAX_IDEMPOTENCY_KEY_TTL);
    }

    @Test
    void aReplayReturnsTheResourceAsItIsNowAndItsVersionTellsItChanged() {
        RequestContext keyed = w.acme.asAdmin.withIdempotencyKey("create-then-edit");
        Organization first = createNorthwind(keyed);
        Organization renamed = kit.organizations().update(w.acme.asAdmin, first.id(),
                UpdateOrganization.changes().withName("Northwind Ltd"));

        Organization replayed = createNorthwind(keyed);

        assertEquals(renamed, replayed);
        assertEquals(first.version() + 1, replayed.version());
    }

    @Test
    void aReplayOfACreateWhoseResourceWasDeletedSinceIsNotFoundAndCreatesNothing() {
        RequestContext keyed = w.acme.asAdmin.withIdempotencyKey("create-then-delete");
        Organization first = createNorthwind(keyed);
        kit.organizations().delete(w.acme.asAdmin, first.id());
        Snapshot before = Snapshot.of(storage);

        NotFoundException e = assertThrows(NotFoundException.class, () -> createNorthwind(keyed));

        assertEquals(before, Snapshot.of(storage));
        assertEquals(true, e.getMessage().contains(first.id().value()), e::getMessage);
    }

    @Test
    void aReplayIsReadWithTheActorsRightsOfNow() {
        RequestContext keyed = w.acme.asOrganizationAdmin.withIdempotencyKey("create-colleague");
        CreateUser colleague = CreateUser.of("Carl", "C", "carl@customer.acme.example", Role.USER)
                .inOrganization(w.acme.organization.id());
        kit.users().create(keyed, colleague);
        kit.users().update(w.asVendor, w.acme.organizationAdmin.id(), UpdateUser.changes().withRole(Role.USER));
        Snapshot before = Snapshot.of(storage);

        assertThrows(AccessDeniedException.class, () -> kit.users().create(keyed, colleague));

        List<AuditEvent> added = Snapshot.of(storage).eventsSince(before);
        assertEquals(List.of(AuditAction.ACCESS_DENIED), added.stream().map(AuditEvent::action).toList());
        assertEquals(before.withoutEvents(), Snapshot.of(storage).withoutEvents());
    }

    @Test
    void aDeleteSentAgainWithItsKeyIsANoOp() {
        Organization o = createNorthwind(w.acme.asAdmin);
        RequestContext keyed = w.acme.asAdmin.withIdempotencyKey("delete-northwind");
        kit.organizations().delete(keyed, o.id());
        Snapshot before = Snapshot.of(storage);

        kit.organizations().delete(keyed, o.id()); // without the key: not_found

        assertEquals(before, Snapshot.of(storage));
        assertEquals(1, before.events().stream().filter(e -> e.action() == AuditAction.ORGANIZATION_DELETED).count());
    }

    @Test
    void readsIgnoreTheKey() {
        RequestContext keyed = w.acme.asAdmin.withIdempotencyKey("read-then-write");
        kit.organizations().get(keyed, w.acme.organization.id());
        kit.organizations().list(keyed, OrganizationQuery.all(), PageRequest.first(10));

        Organization created = createNorthwind(keyed);

        assertEquals(created, kit.organizations().get(keyed, created.id()));
        assertEquals(List.of(AuditAction.ORGANIZATION_CREATED), Snapshot.of(storage).events().stream()
                .filter(e -> e.resourceId() != null && e.resourceId().equals(created.id().value()))
                .map(AuditEvent::action).toList());
    }
}
