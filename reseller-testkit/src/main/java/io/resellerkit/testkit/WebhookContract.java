package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.RegisterWebhook;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.PageRequest;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.WebhookStore;
import io.resellerkit.spi.WebhookStore.DeliveryFilter;
import io.resellerkit.spi.WebhookStore.DeliveryState;
import io.resellerkit.spi.WebhookStore.StoredDelivery;
import io.resellerkit.tail.Delivery;
import io.resellerkit.tail.ListenerRunner;
import io.resellerkit.testkit.WebhookReceiver.Received;
import io.resellerkit.webhook.WebhookEndpoint;
import io.resellerkit.webhook.WebhookSender;
import io.resellerkit.webhook.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks on a storage: the {@link WebhookStore} port, the listener that queues one delivery per
 * event and matching endpoint, and {@link WebhookSender} against a local HTTP receiver that checks
 * every signature: an endpoint down, slow, answering 500, then recovering; dead letters and
 * replay; a claim abandoned by a dead node; two nodes sending at once.
 */
public abstract class WebhookContract {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(4);

    /** A storage with nothing in it; called before every test. */
    protected abstract Storage emptyStorage();

    /** A second node on {@code storage}'s database; by default {@code storage} itself. */
    protected Storage anotherNode(Storage storage) {
        return storage;
    }

    private Storage storage;
    private World w;
    private Webhooks webhooks;
    private ListenerRunner runner;
    private WebhookReceiver receiver;

    @BeforeEach
    void startWithAWorldWhoseEventsAreQueuedAlready() throws Exception {
        storage = emptyStorage();
        w = new World(storage, 1000, 100);
        webhooks = Webhooks.builder(storage).clock(w.clock).build();
        runner = ListenerRunner.builder(storage, "webhooks", webhooks.listener()).clock(w.clock).build();
        queueNewEvents(); // no endpoint yet: the world's own events go nowhere
        receiver = WebhookReceiver.onFreePort(w.clock);
    }

    @AfterEach
    void stop() {
        receiver.close();
        runner.stop();
    }

    // ---- the listener: what is queued for whom ----

    @Test
    void aDeliveryIsSignedAndCarriesItsIdItsTypeAndTheEvent() throws Exception {
        WebhookEndpoint.Registered r = register(Set.of(AuditAction.USER_CREATED));
        receiver.secret(r.secret()).start();
        User u = createUser("ann");
        queueNewEvents();
        assertEquals(1, sendAll(sender(storage, "node-a")));

        Received got = single(receiver.received());
        assertTrue(got.signatureValid(), "the receiver checks the signature with the secret shown at registration");
        String eventId = eventOf(AuditAction.USER_CREATED, u.id().value()).id().value();
        assertEquals(Webhooks.deliveryId(r.endpoint().id(), eventId), got.deliveryId());
        assertEquals("user.created", got.eventType());
        assertEquals(1, got.attempt());
        assertTrue(got.body().contains("\"id\":\"" + eventId + "\""), got.body());
        assertTrue(got.body().contains("\"deliveryId\":\"" + got.deliveryId() + "\""), got.body());
        StoredDelivery logged = webhooks.delivery(got.deliveryId()).orElseThrow();
        assertEquals(DeliveryState.DELIVERED, logged.state());
        assertEquals(1, logged.attempts());
        assertEquals(200, logged.lastStatus());
        assertEquals(null, logged.claimedBy(), "a settled delivery holds no claim");
    }

    @Test
    void anEndpointGetsOnlyItsEventTypesAndOnlyItsResellersEvents() {
        String everything = webhooks.register("http://127.0.0.1:9/all", Set.of(), null).endpoint().id();
        String acmeUsers = webhooks.register("http://127.0.0.1:9/acme", Set.of(AuditAction.USER_CREATED),
                w.acme.reseller.id()).endpoint().id();
        String betaUsers = webhooks.register("http://127.0.0.1:9/beta", Set.of(AuditAction.USER_CREATED),
                w.beta.reseller.id()).endpoint().id();
        createUser("ann");
        w.kit.organizations().create(w.acme.asAdmin, CreateOrganization.of("Org", "org@acme.example", 5,
                w.acme.reseller.id()));
        queueNewEvents();

        assertEquals(List.of("organization.created", "user.created"), types(everything));
        assertEquals(List.of("user.created"), types(acmeUsers));
        assertEquals(List.of(), types(betaUsers), "Beta's endpoint gets none of Acme's events");
    }

    @Test
    void anEventHandedOverTwiceIsQueuedOnceUnderTheSameDeliveryId() throws Exception {
        String endpoint = register(Set.of(AuditAction.USER_CREATED)).endpoint().id();
        User u = createUser("ann");
        AuditEvent e = eventOf(AuditAction.USER_CREATED, u.id().value());
        Delivery d = new Delivery(Delivery.idOf("webhooks", e.id()), "webhooks", "reseller/x", 1, e, 1);
        webhooks.listener().onEvent(d);
        webhooks.listener().onEvent(d); // the runner's acknowledgement was lost: the event comes again
        queueNewEvents(); // and once more through the runner

        List<StoredDelivery> log = webhooks.deliveries(new DeliveryFilter(endpoint, null, null), null, 100);
        assertEquals(1, log.size());
        assertEquals(Webhooks.deliveryId(endpoint, e.id().value()), log.get(0).id());
    }

    // ---- the sender against an endpoint that misbehaves ----

    @Test
    void anEndpointThatIsDownIsRetriedAfterABackoffAndGetsTheDeliveryOnceItIsUp() throws Exception {
        WebhookEndpoint.Registered r = register(Set.of(AuditAction.USER_CREATED)); // the receiver is not started: down
        receiver.secret(r.secret());
        createUser("ann");
        queueNewEvents();
        WebhookSender sender = sender(storage, "node-a");
        Instant before = w.clock.instant();
        assertEquals(1, sendAll(sender));

        StoredDelivery failed = only(r);
        assertEquals(DeliveryState.PENDING, failed.state());
        assertEquals(1, failed.attempts());
        assertEquals(0, failed.lastStatus(), "no answer came back");
        assertNotNull(failed.lastError());
        assertTrue(failed.nextAttemptAt().isAfter(before) || failed.nextAttemptAt().equals(before));
        assertTrue(!failed.nextAttemptAt().isAfter(w.clock.instant().plus(MAX_BACKOFF)), "the pause is capped");

        receiver.start();
        w.clock.advance(MAX_BACKOFF.plusSeconds(1));
        assertEquals(1, sendAll(sender));
        Received got = single(receiver.received());
        assertTrue(got.signatureValid());
        assertEquals(2, got.attempt());
        assertEquals(failed.id(), got.deliveryId());
        assertEquals(DeliveryState.DELIVERED, only(r).state());
    }

    @Test
    void aDeliveryFailingMaxAttemptsTimesIsDeadAndAReplaySendsItAgainUnderTheSameId() throws Exception {
        WebhookEndpoint.Registered r = register(Set.of(AuditAction.USER_CREATED));
        receiver.secret(r.secret()).answer(500).start();
        createUser("ann");
        queueNewEvents();
        WebhookSender sender = sender(storage, "node-a");
        for (int i = 0; i < 3; i++) {
            assertEquals(1, sendAll(sender), "attempt " + (i + 1));
            w.clock.advance(MAX_BACKOFF.plusSeconds(1));
        }
        StoredDelivery dead = only(r);
        assertEquals(DeliveryState.DEAD, dead.state());
        assertEquals(3, dead.attempts());
        assertEquals(500, dead.lastStatus());
        assertEquals(0, sendAll(sender), "a dead delivery is not tried again");
        assertEquals(List.of(dead), webhooks.deliveries(new DeliveryFilter(null, DeliveryState.DEAD, null), null, 100));

        receiver.answer(200);
        assertTrue(webhooks.replay(dead.id()));
        assertFalse(webhooks.replay(dead.id()), "a pending delivery is not replayed");
        assertEquals(1, sendAll(sender));
        assertEquals(DeliveryState.DELIVERED, only(r).state());
        assertTrue(webhooks.replay(dead.id()), "a delivered one may be sent again too");
        assertEquals(1, sendAll(sender));

        List<Received> got = receiver.received();
        assertEquals(5, got.size());
        assertEquals(Set.of(dead.id()), got.stream().map(Received::deliveryId).collect(Collectors.toSet()));
        assertTrue(got.stream().allMatch(Received::signatureValid));
        assertEquals(1, got.stream().map(Received::body).distinct().count(), "every attempt sends the same body");
        assertFalse(webhooks.replay("no-such-delivery"));
    }

    @Test
    void aSlowEndpointCountsAsAFailureAndTheRetryCarriesTheSameDeliveryId() throws Exception {
        WebhookEndpoint.Registered r = register(Set.of(AuditAction.USER_CREATED));
        receiver.secret(r.secret()).delay(Duration.ofMillis(2500)).start();
        createUser("ann");
        queueNewEvents();
        WebhookSender sender = sender(storage, "node-a");
        assertEquals(1, sendAll(sender));
        StoredDelivery slow = only(r);
        assertEquals(DeliveryState.PENDING, slow.state(), "no answer within the request timeout is a failure");
        assertEquals(1, slow.attempts());

        receiver.delay(Duration.ZERO);
        w.clock.advance(MAX_BACKOFF.plusSeconds(1));
        assertEquals(1, sendAll(sender));
        assertEquals(DeliveryState.DELIVERED, only(r).state());
        List<Received> got = receiver.received();
        assertEquals(2, got.size(), "the slow endpoint got the first attempt too: a duplicate");
        assertEquals(got.get(0).deliveryId(), got.get(1).deliveryId(), "a duplicate carries the same delivery id");
    }

    @Test
    void aClaimAbandonedByADeadSenderIsRetakenOnceItExpires() throws Exception {
        WebhookEndpoint.Registered r = register(Set.of(AuditAction.USER_CREATED));
        receiver.secret(r.secret()).start();
        createUser("ann");
        queueNewEvents();
        Instant now = w.clock.instant();
        WebhookStore store = storage.webhooks();
        List<StoredDelivery> claimed = storage.unitOfWork().write(() ->
                store.claimDue("dead-node", now, now.plusSeconds(10), 10));
        assertEquals(1, claimed.size());
        assertEquals("dead-node", claimed.get(0).claimedBy());

        WebhookSender survivor = sender(anotherNode(storage), "node-b");
        assertEquals(0, sendAll(survivor), "a live claim is left alone");
        w.clock.advance(Duration.ofSeconds(11));
        Instant later = w.clock.instant();
        List<StoredDelivery> retaken = storage.unitOfWork().write(() ->
                store.claimDue("node-c", later, later.plusSeconds(10), 10));
        assertEquals(List.of(claimed.get(0).id()), retaken.stream().map(StoredDelivery::id).toList(),
                "an expired claim is retaken");
        var late = new WebhookStore.Attempt(DeliveryState.DEAD, 1, later, later, 500, "late");
        assertFalse(storage.unitOfWork().write(() -> store.settle(claimed.get(0).id(), "dead-node", late)),
                "the dead node's late outcome is refused");
        assertEquals("node-c", only(r).claimedBy());
        assertEquals(DeliveryState.PENDING, only(r).state());

        w.clock.advance(Duration.ofSeconds(11)); // node-c died too
        assertEquals(1, sendAll(survivor));
        assertEquals(DeliveryState.DELIVERED, only(r).state());
        assertEquals(claimed.get(0).id(), single(receiver.received()).deliveryId());
    }

    @Test
    void twoSendersOnTwoNodesSendEachDeliveryExactlyOnce() throws Exception {
        WebhookEndpoint.Registered r = register(Set.of(AuditAction.USER_CREATED));
        receiver.secret(r.secret()).start();
        for (int i = 0; i < 30; i++) {
            createUser("u" + i);
        }
        queueNewEvents();
        List<WebhookSender> senders = List.of(configure(storage, "node-a").batchSize(3).build(),
                configure(anotherNode(storage), "node-b").batchSize(3).build());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (WebhookSender s : senders) {
                runs.add(pool.submit(() -> sendAll(s)));
            }
            int sent = 0;
            for (Future<Integer> f : runs) {
                sent += f.get();
            }
            assertEquals(30, sent, "each delivery claimed by one sender");
        } finally {
            pool.shutdownNow();
        }
        List<Received> got = receiver.received();
        assertEquals(30, got.size());
        assertEquals(30, got.stream().map(Received::deliveryId).distinct().count());
        assertTrue(got.stream().allMatch(Received::signatureValid));
    }

    @Test
    void aDeletedEndpointsPendingDeliveriesGoDeadAndStayInTheLog() throws Exception {
        WebhookEndpoint.Registered r = register(Set.of(AuditAction.USER_CREATED));
        createUser("ann");
        queueNewEvents();
        assertTrue(webhooks.delete(r.endpoint().id()));
        assertFalse(webhooks.delete(r.endpoint().id()));
        assertEquals(1, sendAll(sender(storage, "node-a")));
        StoredDelivery d = only(r);
        assertEquals(DeliveryState.DEAD, d.state());
        assertEquals("the endpoint was deleted", d.lastError());
        createUser("bob");
        queueNewEvents();
        assertEquals(1, webhooks.deliveries(DeliveryFilter.all(), null, 100).size(), "a deleted endpoint gets nothing new");
    }

    // ---- the log and registration ----

    @Test
    void theDeliveryLogFiltersByEndpointStateAndEventAndPagesNewestFirst() {
        String a = webhooks.register("http://127.0.0.1:9/a", Set.of(AuditAction.USER_CREATED), null).endpoint().id();
        String b = webhooks.register("http://127.0.0.1:9/b", Set.of(AuditAction.USER_CREATED), null).endpoint().id();
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User u = createUser("u" + i);
            queueNewEvents();
            eventIds.add(eventOf(AuditAction.USER_CREATED, u.id().value()).id().value());
        }
        List<StoredDelivery> ofA = webhooks.deliveries(new DeliveryFilter(a, null, null), null, 100);
        assertEquals(5, ofA.size());
        assertTrue(ofA.stream().allMatch(d -> d.endpointId().equals(a)));
        for (int i = 1; i < ofA.size(); i++) {
            assertFalse(ofA.get(i).createdAt().isAfter(ofA.get(i - 1).createdAt()), "newest first");
        }
        List<String> paged = new ArrayList<>();
        StoredDelivery after = null;
        List<StoredDelivery> page;
        do {
            page = webhooks.deliveries(DeliveryFilter.all(), after, 3);
            page.forEach(d -> paged.add(d.id()));
            after = page.isEmpty() ? null : page.get(page.size() - 1);
        } while (page.size() == 3);
        assertEquals(10, paged.size());
        assertEquals(10, Set.copyOf(paged).size(), "pages neither repeat nor skip");
        List<StoredDelivery> ofEvent = webhooks.deliveries(new DeliveryFilter(null, null, eventIds.get(2)), null, 100);
        assertEquals(Set.of(a, b), ofEvent.stream().map(StoredDelivery::endpointId).collect(Collectors.toSet()));
        assertEquals(10, webhooks.deliveries(new DeliveryFilter(null, DeliveryState.PENDING, null), null, 100).size());
        assertEquals(0, webhooks.deliveries(new DeliveryFilter(null, DeliveryState.DELIVERED, null), null, 100).size());
    }

    @Test
    void aBadUrlOrEventTypeIsRefusedNamingTheFieldAndNothingIsStored() {
        Map<String, String> refused = new HashMap<>();
        refused.put("ftp://files.example/hooks", "Scheme");
        refused.put("javascript:alert(1)", "Scheme");
        refused.put("   ", "NotBlank");
        refused.put("http:///no-host", "URL");
        refused.put("https://user:pw@crm.example/hooks", "URL");
        refused.put("https://crm.example/a b", "URL");
        refused.put("https://crm.example/" + "x".repeat(2000), "Size");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> webhooks.register(bad.getKey(), Set.of(), null), bad.getKey());
            assertEquals("url", e.violations().get(0).field());
            assertEquals(bad.getValue(), e.violations().get(0).rule(), bad.getKey());
        }
        Webhooks guarded = Webhooks.builder(storage).allowedTargets(uri -> uri.getHost().endsWith(".example")).build();
        ValidationException e = assertThrows(ValidationException.class,
                () -> guarded.register("http://127.0.0.1/hooks", Set.of(), null));
        assertEquals("AllowedTarget", e.violations().get(0).rule());
        java.util.Set<AuditAction> withNull = new java.util.HashSet<>();
        withNull.add(null);
        assertEquals("eventTypes", assertThrows(ValidationException.class,
                () -> webhooks.register("https://crm.example/hooks", withNull, null)).violations().get(0).field());
        assertEquals(List.of(), webhooks.endpoints(null));
        assertTrue(guarded.register("https://crm.example/hooks", Set.of(), null).secret().startsWith("whsec_"));
    }

    @Test
    void endpointsAreListedWithoutSecretsAndPerReseller() {
        WebhookEndpoint.Registered vendor = webhooks.register("https://crm.example/v", Set.of(), null);
        WebhookEndpoint.Registered acme = webhooks.register("https://acme.example/h", Set.of(AuditAction.USER_CREATED,
                AuditAction.USER_DELETED), w.acme.reseller.id());
        assertEquals(Set.of(vendor.endpoint(), acme.endpoint()), Set.copyOf(webhooks.endpoints(null)));
        assertEquals(List.of(acme.endpoint()), webhooks.endpoints(w.acme.reseller.id()));
        assertEquals(Set.of("user.created", "user.deleted"), webhooks.endpoint(acme.endpoint().id()).orElseThrow().eventTypes());
        assertFalse(vendor.secret().equals(acme.secret()), "each endpoint has a secret of its own");
        assertFalse(vendor.toString().contains(vendor.secret()));
    }

    // ---- the kit's permission-checked service ----

    @Test
    void aResellersAdminRegistersForItsOwnEventsOnlyAndTheEventsNeverHoldTheSecret() throws Exception {
        WebhookEndpoint.Registered own = w.kit.webhooks().register(w.acme.asAdmin,
                RegisterWebhook.of(receiver.url(), w.acme.reseller.id(), AuditAction.USER_CREATED));
        receiver.secret(own.secret()).start();
        Refusals.assertDenied(storage, () -> w.kit.webhooks().register(w.acme.asAdmin,
                RegisterWebhook.of("https://acme.example/all", null)));
        Refusals.assertDenied(storage, () -> w.kit.webhooks().register(w.acme.asAdmin,
                RegisterWebhook.of("https://acme.example/beta", w.beta.reseller.id())));
        Refusals.assertDenied(storage, () -> w.kit.webhooks().list(w.beta.asAdmin, w.acme.reseller.id()));
        Refusals.assertDenied(storage, () -> w.kit.webhooks().get(w.beta.asAdmin, own.endpoint().id()));

        assertEquals(List.of(own.endpoint()), w.kit.webhooks().list(w.acme.asAdmin, w.acme.reseller.id()));
        AuditEvent registered = eventOf(AuditAction.WEBHOOK_REGISTERED, own.endpoint().id());
        assertEquals(w.acme.reseller.id(), registered.resellerId(), "in Acme's trail");
        assertFalse(registered.canonical().contains(own.secret()), "the secret is in no event");
        User ann = createUser("ann");
        w.kit.users().create(w.beta.asAdmin, CreateUser.of("Bob", "Beta", "bob@beta.example", Role.USER)
                .inReseller(w.beta.reseller.id()));
        queueNewEvents();
        assertEquals(1, sendAll(sender(storage, "node-a")), "Acme's user.created, not Beta's");
        Received got = single(receiver.received());
        assertTrue(got.signatureValid());
        assertTrue(got.body().contains(ann.id().value()), got.body());

        w.kit.webhooks().replay(w.acme.asAdmin, got.deliveryId());
        assertEquals(DeliveryState.PENDING, w.kit.webhooks().deliveries(w.acme.asAdmin,
                new DeliveryFilter(own.endpoint().id(), null, null), null, 10).get(0).state());
        assertThrows(io.resellerkit.error.ConflictException.class,
                () -> w.kit.webhooks().replay(w.acme.asAdmin, got.deliveryId()), "still pending");
        w.kit.webhooks().delete(w.acme.asAdmin, own.endpoint().id());
        assertEquals(List.of(), w.kit.webhooks().list(w.asVendor, null));
        assertEquals(own.endpoint().id(), eventOf(AuditAction.WEBHOOK_DELETED, own.endpoint().id()).resourceId());
    }

    @Test
    void aRegistrationUnderAnIdempotencyKeyRegistersEachTimeAndNoEventHoldsTheUrlsQuery() {
        var keyed = w.acme.asAdmin.withIdempotencyKey("register-1");
        var first = w.kit.webhooks().register(keyed, RegisterWebhook.of("https://acme.example/h?token=s3cret",
                w.acme.reseller.id()));
        var again = w.kit.webhooks().register(keyed, RegisterWebhook.of("https://acme.example/h?token=s3cret",
                w.acme.reseller.id()));
        assertNotNull(again, "a secret cannot be replayed: the key is not honoured");
        assertFalse(first.endpoint().id().equals(again.endpoint().id()));
        assertEquals("https://acme.example/h?token=s3cret", first.endpoint().url(), "delivered with its query");
        String event = eventOf(AuditAction.WEBHOOK_REGISTERED, first.endpoint().id()).canonical();
        assertTrue(event.contains("https://acme.example/h"), event);
        assertFalse(event.contains("s3cret"), event);
    }

    @Test
    void aResellerSeesThatAnAttemptFailedButOnlyTheVendorSeesWhy() {
        WebhookEndpoint.Registered down = w.kit.webhooks().register(w.acme.asAdmin,
                RegisterWebhook.of("http://127.0.0.1:9/down", w.acme.reseller.id(), AuditAction.USER_CREATED));
        createUser("ann");
        queueNewEvents();
        assertEquals(1, sendAll(sender(storage, "node-a")));
        DeliveryFilter filter = new DeliveryFilter(down.endpoint().id(), null, null);
        StoredDelivery byVendor = single(w.kit.webhooks().deliveries(w.asVendor, filter, null, 10));
        StoredDelivery byReseller = single(w.kit.webhooks().deliveries(w.acme.asAdmin, filter, null, 10));
        assertNotNull(byVendor.lastError());
        assertFalse(byVendor.lastError().equals("no answer"), byVendor.lastError());
        assertEquals("no answer", byReseller.lastError());
        assertEquals(byVendor.attempts(), byReseller.attempts());
    }

    @Test
    void aTerminatedResellersEndpointsGetNoneOfItsEventsFromThenOn() {
        String acmes = webhooks.register("http://127.0.0.1:9/acme", Set.of(), w.acme.reseller.id()).endpoint().id();
        String vendors = webhooks.register("http://127.0.0.1:9/all", Set.of(), null).endpoint().id();
        createUser("before");
        queueNewEvents();
        assertEquals(List.of("user.created"), types(acmes), "while active");
        w.kit.resellers().terminate(w.asVendor, w.acme.reseller.id());
        w.kit.users().create(w.asVendor, CreateUser.of("After", "Test", "after@acme.example", Role.USER)
                .inReseller(w.acme.reseller.id()));
        queueNewEvents();

        assertEquals(List.of("user.created"), types(acmes), "nothing after the termination");
        assertEquals(List.of("reseller.terminated", "user.created", "user.created"), types(vendors),
                "the vendor's endpoint gets them");
        assertTrue(webhooks.endpoint(acmes).isPresent(), "the endpoint stays registered");
    }

    @Test
    void aResellerHoldsAtMostTheEndpointsTheVendorAllowsAndNoneUnlessItAllowsSome() {
        for (int i = 0; i < 3; i++) { // World's kit allows three
            w.kit.webhooks().register(w.acme.asAdmin, RegisterWebhook.of("https://acme.example/" + i, w.acme.reseller.id()));
        }
        var refused = assertThrows(io.resellerkit.error.QuotaExceededException.class, () -> w.kit.webhooks()
                .register(w.acme.asAdmin, RegisterWebhook.of("https://acme.example/3", w.acme.reseller.id())));
        assertEquals("webhooks", refused.quota());
        assertEquals(3, refused.limit());
        assertEquals(3, w.kit.webhooks().list(w.acme.asAdmin, w.acme.reseller.id()).size(), "nothing of the fourth stored");
        w.kit.webhooks().register(w.asVendor, RegisterWebhook.of("https://vendor.example/acme", w.acme.reseller.id()));

        var closed = io.resellerkit.ResellerKit.builder(storage).clock(w.clock).build(); // the default: none
        Refusals.assertDenied(storage, () -> closed.webhooks().register(w.beta.asAdmin,
                RegisterWebhook.of("https://beta.example/h", w.beta.reseller.id())));
        assertTrue(closed.webhooks().list(w.beta.asAdmin, w.beta.reseller.id()).isEmpty());
        var guarded = io.resellerkit.ResellerKit.builder(storage).clock(w.clock)
                .webhookTargets(uri -> uri.getHost().endsWith(".example")).build();
        assertEquals("url", assertThrows(ValidationException.class, () -> guarded.webhooks().register(w.asVendor,
                RegisterWebhook.of("https://10.0.0.1/h", null))).violations().get(0).field());
    }

    // ---- helpers ----

    private WebhookEndpoint.Registered register(Set<AuditAction> types) {
        return webhooks.register(receiver.url(), types, null);
    }

    private User createUser(String name) {
        return w.kit.users().create(w.acme.asAdmin, CreateUser.of(name, "Test", name + "@acme.example", Role.USER)
                .inReseller(w.acme.reseller.id()));
    }

    /** Runs the webhook listener until it has queued every committed event. */
    private void queueNewEvents() {
        while (runner.runOnce() > 0) {
            // until caught up
        }
    }

    private WebhookSender sender(Storage on, String owner) {
        return configure(on, owner).build();
    }

    private WebhookSender.Builder configure(Storage on, String owner) {
        return WebhookSender.builder(on).owner(owner).clock(w.clock).connectTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(1)).claimTtl(Duration.ofSeconds(10))
                .retryBackoff(Duration.ofSeconds(1), MAX_BACKOFF).maxAttempts(3);
    }

    /** Passes until nothing is due; how many deliveries were attempted. */
    private static int sendAll(WebhookSender sender) {
        int total = 0;
        for (int n; (n = sender.runOnce()) > 0; ) {
            total += n;
        }
        return total;
    }

    private StoredDelivery only(WebhookEndpoint.Registered r) {
        return single(webhooks.deliveries(new DeliveryFilter(r.endpoint().id(), null, null), null, 100));
    }

    private List<String> types(String endpointId) {
        return webhooks.deliveries(new DeliveryFilter(endpointId, null, null), null, 100).stream()
                .map(StoredDelivery::eventType).sorted().toList();
    }

    private AuditEvent eventOf(AuditAction action, String resourceId) {
        String type = action.code().substring(0, action.code().indexOf('.'));
        return w.kit.audit().query(w.asVendor, AuditQuery.all().withActions(Set.of(action)).withResource(type, resourceId),
                PageRequest.first(10)).items().get(0);
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), () -> "expected one, got " + items);
        return items.get(0);
    }
}
