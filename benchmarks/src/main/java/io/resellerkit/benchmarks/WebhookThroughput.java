package io.resellerkit.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.jdbc.JdbcStorage;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.tail.ListenerRunner;
import io.resellerkit.webhook.WebhookSender;
import io.resellerkit.webhook.Webhooks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook throughput to a local endpoint, a plain harness (not JMH: the figure is a rate and a lag
 * distribution over one stream, not a per-call time). Creates users at full speed on one thread
 * while a listener queues their user.created events and a sender posts them to the JDK's HTTP
 * server on loopback, which answers 204 at once. Reports deliveries per second (first create to
 * last delivery) and the delivery lag per event (its occurredAt to its arrival): p50, p99, max.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.resellerkit.benchmarks.WebhookThroughput [events]}
 * (embedded PostgreSQL with fsync off, like {@link RunAll}; or {@code -Djdbc.url=...}).
 */
public final class WebhookThroughput {
    private static final Pattern OCCURRED = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");

    private WebhookThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        EmbeddedPostgres embedded = null;
        Database db;
        if (System.getProperty("jdbc.url") != null) {
            db = Database.fromSystemProperties();
        } else {
            embedded = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "off")
                    .setServerConfig("fsync", "off").start();
            db = new Database(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
        }
        ConcurrentHashMap<String, Long> lagMicros = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/hooks", x -> {
            try (x; InputStream in = x.getRequestBody()) {
                Instant now = Instant.now();
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Matcher m = OCCURRED.matcher(body);
                if (m.find()) {
                    lagMicros.putIfAbsent(x.getRequestHeaders().getFirst(WebhookSender.DELIVERY_ID_HEADER),
                            Duration.between(Instant.parse(m.group(1)), now).toNanos() / 1000);
                }
                x.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        try (BenchPool pool = new BenchPool(db, 16)) {
            JdbcStorage storage = JdbcStorage.builder(pool).build();
            ResellerKit kit = ResellerKit.builder(storage).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera-" + System.nanoTime()
                    + "@vendor.example", Role.ADMIN));
            RequestContext asVendor = RequestContext.of(admin.id());
            Reseller acme = kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", -1, -1));
            Webhooks webhooks = Webhooks.builder(storage).build();
            ListenerRunner listener = ListenerRunner.builder(storage, "webhooks-" + System.nanoTime(), webhooks.listener())
                    .pollInterval(Duration.ofMillis(10)).build();
            while (listener.runOnce() > 0) {
                // skip what is already in the trail before the endpoint exists
            }
            webhooks.register("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks",
                    Set.of(AuditAction.USER_CREATED), null);
            WebhookSender sender = WebhookSender.builder(storage).pollInterval(Duration.ofMillis(10)).batchSize(50).build();
            listener.start();
            sender.start();

            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                kit.users().create(asVendor, CreateUser.of("U", "Ser", "u" + i + "-" + start + "@acme.example", Role.USER)
                        .inReseller(acme.id()));
            }
            long created = System.nanoTime();
            while (lagMicros.size() < events) {
                if (System.nanoTime() - created > 300_000_000_000L) {
                    throw new IllegalStateException("only " + lagMicros.size() + " of " + events + " delivered in 5 min");
                }
                Thread.sleep(1);
            }
            long delivered = System.nanoTime();
            sender.stop();

            // A backlog: the same number of events queued while no sender runs, then drained by one.
            ConcurrentHashMap<String, Long> live = new ConcurrentHashMap<>(lagMicros);
            lagMicros.clear();
            for (int i = 0; i < events; i++) {
                kit.users().create(asVendor, CreateUser.of("B", "Acklog", "b" + i + "-" + start + "@acme.example",
                        Role.USER).inReseller(acme.id()));
            }
            while (listener.lag().events() > 0) {
                Thread.sleep(10);
            }
            WebhookSender drainer = WebhookSender.builder(storage).pollInterval(Duration.ofMillis(10)).batchSize(50).build();
            long drainStart = System.nanoTime();
            drainer.start();
            while (lagMicros.size() < events) {
                Thread.sleep(1);
            }
            long drained = System.nanoTime();
            drainer.stop();
            listener.stop();
            lagMicros.clear();
            lagMicros.putAll(live);

            long[] lags = lagMicros.values().stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("events: %d, cores: %d%n", events, Runtime.getRuntime().availableProcessors());
            System.out.printf("creates: %.0f/s; deliveries: %.0f/s (first create to last delivery)%n",
                    events / ((created - start) / 1e9), events / ((delivered - start) / 1e9));
            System.out.printf("backlog of %d drained by one sender: %.0f deliveries/s%n", events,
                    events / ((drained - drainStart) / 1e9));
            System.out.printf("delivery lag (occurredAt to arrival): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    lags[lags.length / 2] / 1000.0, lags[(int) Math.ceil(lags.length * 0.99) - 1] / 1000.0,
                    Arrays.stream(lags).max().orElse(0) / 1000.0);
        } finally {
            server.stop(0);
            if (embedded != null) {
                embedded.close();
            }
        }
        System.exit(0);
    }
}
