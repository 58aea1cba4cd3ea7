package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.spi.WebhookStore.DeliveryFilter;
import io.resellerkit.spi.WebhookStore.DeliveryState;
import io.resellerkit.spi.WebhookStore.StoredDelivery;
import io.resellerkit.tail.ListenerRunner;
import io.resellerkit.testkit.WebhookReceiver;
import io.resellerkit.testkit.WebhookReceiver.Received;
import io.resellerkit.webhook.WebhookEndpoint;
import io.resellerkit.webhook.WebhookSender;
import io.resellerkit.webhook.Webhooks;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A node SIGKILLed in the middle of sending webhooks: its claims expire, another node sends what it
 * left, and the receiver sees every event, duplicates under the same delivery id.
 */
class WebhookCrashTest {
    /** The child's claims last this long: how soon the survivor may retake them. */
    static final Duration CLAIM_TTL = Duration.ofSeconds(3);
    /** Forty users, and the vendor's admin, whose creation is a user.created event too. */
    private static final int EVENTS = 41;

    @Test
    void aSenderKilledMidDeliveryLosesNoEventAndItsDuplicatesCarryTheSameDeliveryId() throws Exception {
        String database = Postgres.newDatabase();
        String url = Postgres.url(Postgres.shared().getPort(), database);
        try (HikariDataSource ds = Postgres.pooled(url, 6);
             WebhookReceiver receiver = WebhookReceiver.onFreePort(Clock.systemUTC())) {
            JdbcStorage storage = JdbcStorage.builder(ds).build();
            ResellerKit kit = ResellerKit.builder(storage).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            RequestContext asVendor = RequestContext.of(admin.id());
            Reseller acme = kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 1000, 10));
            Webhooks webhooks = Webhooks.builder(storage).build();
            WebhookEndpoint.Registered r = webhooks.register(receiver.url(), Set.of(AuditAction.USER_CREATED), null);
            receiver.secret(r.secret()).delay(Duration.ofMillis(300)).start();
            for (int i = 0; i < EVENTS - 1; i++) {
                kit.users().create(asVendor, CreateUser.of("U", "Ser", "u" + i + "@acme.example", Role.USER)
                        .inReseller(acme.id()));
            }
            try (ListenerRunner runner = ListenerRunner.builder(storage, "webhooks", webhooks.listener()).build()) {
                while (runner.runOnce() > 0) {
                    // queue every event
                }
            }
            Set<String> expected = webhooks.deliveries(DeliveryFilter.all(), null, 100).stream()
                    .map(StoredDelivery::id).collect(Collectors.toSet());
            assertEquals(EVENTS, expected.size());

            ChildJvm child = ChildJvm.startMain(WebhookWorker.class, url);
            child.awaitReady();
            child.go();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (receiver.received().size() < 12) { // the third batch of five is in flight
                assertTrue(System.nanoTime() < deadline, () -> "the child sent too little\n" + stderr(child));
                Thread.sleep(5);
            }
            child.process.destroyForcibly(); // SIGKILL: its claims stay behind, unsettled
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
            int beforeSurvivor = receiver.received().size();

            WebhookSender survivor = WebhookSender.builder(storage).owner("survivor").connectTimeout(Duration.ofMillis(500))
                    .requestTimeout(Duration.ofSeconds(2)).claimTtl(CLAIM_TTL).batchSize(10).build();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!webhooks.deliveries(new DeliveryFilter(null, DeliveryState.PENDING, null), null, 1).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the survivor did not finish");
                if (survivor.runOnce() == 0) {
                    Thread.sleep(100); // the dead child's claims have not expired yet
                }
            }

            List<Received> got = receiver.received();
            Set<String> ids = got.stream().map(Received::deliveryId).collect(Collectors.toSet());
            assertEquals(expected, ids, "every event reached the endpoint, under its own delivery id");
            assertTrue(got.stream().allMatch(Received::signatureValid));
            assertTrue(got.size() > ids.size(), "the requests in flight at the kill were sent again: " + got.size()
                    + " requests, " + beforeSurvivor + " before the survivor");
            Set<String> seen = new HashSet<>();
            List<Received> duplicates = got.stream().filter(g -> !seen.add(g.deliveryId())).toList();
            assertTrue(duplicates.stream().allMatch(d -> expected.contains(d.deliveryId())));
            assertEquals(EVENTS, webhooks.deliveries(new DeliveryFilter(null, DeliveryState.DELIVERED, null), null, 100)
                    .size());
        }
    }

    private static String stderr(ChildJvm child) {
        try {
            return child.stderr();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
