package io.resellerkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.UserId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM for the cross-process tests: creates users under one reseller through
 * {@link ResellerKit} on a {@link JdbcStorage} of its own, from several threads.
 *
 * <p>Arguments: JDBC URL, reseller id, acting user id, threads, attempts per thread (-1: until
 * killed), email prefix, and optionally the write isolation and the most attempts per unit (else the defaults). Prints {@code ready}, waits for a line on standard input, runs, then
 * prints {@code created=N refused=N failed=N}.
 */
public final class QuotaWorker {
    private QuotaWorker() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        ResellerId reseller = ResellerId.of(args[1]);
        RequestContext actor = RequestContext.of(UserId.of(args[2]));
        int threads = Integer.parseInt(args[3]);
        int attempts = Integer.parseInt(args[4]);
        String prefix = args[5];
        JdbcStorage.Isolation isolation = args.length > 6 ? JdbcStorage.Isolation.valueOf(args[6])
                : JdbcStorage.Isolation.DATABASE_DEFAULT;

        AtomicInteger created = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (HikariDataSource ds = Postgres.pooled(url, threads)) {
            JdbcStorage.Builder builder = JdbcStorage.builder(ds).dialect(Dialect.POSTGRESQL).installSchema(false)
                    .writeIsolation(isolation);
            if (args.length > 7) {
                builder.maxAttempts(Integer.parseInt(args[7]));
            }
            JdbcStorage storage = builder.build();
            ResellerKit kit = ResellerKit.builder(storage).build();
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread th = new Thread(() -> {
                    for (int i = 0; attempts < 0 || i < attempts; i++) {
                        try {
                            kit.users().create(actor, CreateUser.of("W", "Worker",
                                    prefix + "-" + thread + "-" + i + "@workers.example", Role.USER).inReseller(reseller));
                            created.incrementAndGet();
                        } catch (QuotaExceededException e) {
                            refused.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            e.printStackTrace();
                        }
                    }
                });
                th.start();
                running.add(th);
            }
            for (Thread th : running) {
                th.join();
            }
        }
        System.out.println("created=" + created + " refused=" + refused + " failed=" + failed);
    }
}
