package io.resellerkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.StorageException;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** While the database is down calls fail promptly; once it is back the same storage works again. */
class DatabaseOutageTest {
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(2);
    /** Connect timeout (3 s) plus statement timeout plus slack for a loaded machine. */
    private static final long PROMPT_MILLIS = 8_000;

    private record Call(long millis, Throwable failure) {
    }

    @Test
    void callsFailFastWhileTheDatabaseIsDownAndTheSameStorageWorksAfterItRestarts() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dataDir = Files.createTempDirectory("rk-outage");
        // Not clean: a clean server deletes its data directory when it stops.
        EmbeddedPostgres pg = Postgres.start(port, dataDir, false);
        try {
            // Fresh connections per unit: nothing stale to evict after the restart.
            DataSource ds = Postgres.dataSource(port, "postgres");
            JdbcStorage storage = JdbcStorage.builder(ds).statementTimeout(STATEMENT_TIMEOUT).build();
            ResellerKit kit = ResellerKit.builder(storage).build();
            User admin = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
            RequestContext asVendor = RequestContext.of(admin.id());
            Reseller acme = kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", -1, 10));

            List<Call> calls = new CopyOnWriteArrayList<>();
            AtomicInteger successes = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            Thread worker = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    long start = System.nanoTime();
                    Throwable failure = null;
                    try {
                        kit.users().create(asVendor, CreateUser.of("O", "Utage", "o" + i + "@acme.example", Role.USER)
                                .inReseller(acme.id()));
                        successes.incrementAndGet();
                    } catch (RuntimeException e) {
                        failure = e;
                        sleep(100);
                    }
                    calls.add(new Call(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), failure));
                }
            });
            worker.start();
            awaitMore(successes, 10, calls);

            pg.close(); // the server stops mid-run; its data directory stays
            int failuresBefore = failures(calls);
            Thread.sleep(3_000);
            assertTrue(failures(calls) > failuresBefore, "calls kept succeeding while the server was down");

            pg = Postgres.start(port, dataDir, false);
            awaitMore(successes, 10, calls);
            stop.set(true);
            worker.join(30_000);

            for (Call c : calls) {
                if (c.failure() != null) {
                    assertTrue(c.failure() instanceof StorageException, () -> "failed with " + c.failure());
                }
                assertTrue(c.millis() < PROMPT_MILLIS, () -> "a call took " + c.millis() + " ms");
            }
            // What committed is whole: every counted user exists and has its event.
            long users = Tables.number(ds, "SELECT count(*) FROM rk_users WHERE reseller_id = '" + acme.id() + "'");
            assertEquals(users, kit.resellers().usage(asVendor, acme.id()).users());
            assertEquals(users, Tables.number(ds, "SELECT count(*) FROM rk_audit_events WHERE action = 'user.created'"
                    + " AND reseller_id = '" + acme.id() + "'"));
        } finally {
            pg.close();
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static int failures(List<Call> calls) {
        return (int) calls.stream().filter(c -> c.failure() != null).count();
    }

    private static void awaitMore(AtomicInteger successes, int more, List<Call> calls) throws InterruptedException {
        int target = successes.get() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (successes.get() < target) {
            assertTrue(System.nanoTime() < deadline, () -> "calls did not succeed again; last failure: "
                    + calls.stream().filter(c -> c.failure() != null).reduce((a, b) -> b)
                    .map(c -> describe(c.failure())).orElse("none"));
            Thread.sleep(20);
        }
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append(" <- ");
        }
        return sb.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
