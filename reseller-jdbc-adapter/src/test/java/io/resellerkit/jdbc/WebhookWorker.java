package io.resellerkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.webhook.WebhookSender;
import java.time.Duration;

/**
 * A child JVM for {@link WebhookCrashTest}: a {@link WebhookSender} on a {@link JdbcStorage} of its
 * own. Arguments: the JDBC URL. Prints {@code ready}, waits for a line on standard input, then
 * sends until killed.
 */
public final class WebhookWorker {
    private WebhookWorker() {
    }

    public static void main(String[] args) throws Exception {
        try (HikariDataSource ds = Postgres.pooled(args[0], 4)) {
            JdbcStorage storage = JdbcStorage.builder(ds).dialect(Dialect.POSTGRESQL).installSchema(false).build();
            WebhookSender sender = WebhookSender.builder(storage).owner("child")
                    .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofSeconds(2))
                    .claimTtl(WebhookCrashTest.CLAIM_TTL).pollInterval(Duration.ofMillis(20)).batchSize(5).build();
            System.out.println("ready");
            System.out.flush();
            System.in.read();
            sender.start();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
