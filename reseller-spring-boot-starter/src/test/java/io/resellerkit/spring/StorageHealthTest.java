package io.resellerkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.StorageException;
import io.resellerkit.model.Role;

import io.resellerkit.spring.metrics.ResellerKitMetricsAutoConfiguration;
import io.resellerkit.spring.metrics.StorageHealthIndicator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code resellerKitStorage} health indicator, up on a live database and down, without details, on a dead one. */
class StorageHealthTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResellerKitAutoConfiguration.class,
                    ResellerKitMetricsAutoConfiguration.class, BootJdbc.dataSourceAutoConfiguration()));

    @Test
    void theStorageIsUpOnALiveDatabase() {
        runner.withPropertyValues("spring.datasource.url=" + Databases.newH2()).run(context -> {
            HealthIndicator indicator = context.getBean("resellerKitStorageHealthIndicator", HealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void theStorageIsDownWithItsErrorCodeAndNoSqlWhenPostgresqlStops() throws Exception {
        // A server of its own: the other tests share one that must keep running.
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try {
            runner.withPropertyValues(
                            "spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres",
                            "spring.datasource.hikari.connection-timeout=1000")
                    .run(context -> {
                        HealthIndicator indicator = context.getBean(StorageHealthIndicator.class);
                        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

                        postgres.close();
                        // The first check may fail on the pool's idle connection, the second fails to get one.
                        for (int check = 1; check <= 2; check++) {
                            Health down = indicator.health();
                            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                            assertThat(down.getDetails()).isEqualTo(Map.of("code", "storage_error"));
                        }
                        // Any call, not only the check: a pool that cannot connect is a StorageException, not Spring's.
                        assertThatThrownBy(() -> context.getBean(ResellerKit.class).bootstrapAdmin(
                                CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN)))
                                .isInstanceOf(StorageException.class);
                    });
        } finally {
            postgres.close();
        }
    }

    @Test
    void theIndicatorCanBeTurnedOffLikeSpringBootsOwn() {
        runner.withPropertyValues("spring.datasource.url=" + Databases.newH2(), "management.health.resellerkit.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(StorageHealthIndicator.class));
    }
}
