package io.resellerkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.StorageException;
import io.resellerkit.inmemory.InMemoryStorage;
import io.resellerkit.jdbc.JdbcStorage;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.spi.Storage;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which beans the auto-configuration makes, which it leaves to the application, and how its properties apply (on H2). */
class ResellerKitAutoConfigurationTest {
    // Ours is listed first: only its declared order puts it after the DataSource's auto-configuration.
    private final ApplicationContextRunner withoutDataSource = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResellerKitAutoConfiguration.class));
    private final ApplicationContextRunner onH2 = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResellerKitAutoConfiguration.class, BootJdbc.dataSourceAutoConfiguration()))
            .withPropertyValues("spring.datasource.url=" + Databases.newH2());

    @Test
    void theAutoConfigurationIsRegisteredForSpringBootToFind() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(ResellerKitAutoConfiguration.class.getName());
    }

    @Test
    void withADataSourceTheKitRunsOnJdbcStorageWithTheSchemaInstalled() {
        onH2.run(context -> {
            assertThat(context).hasSingleBean(ResellerKit.class);
            assertThat(context.getBean(Storage.class)).isInstanceOf(JdbcStorage.class);
            context.getBean(ResellerKit.class).bootstrapAdmin(vera());
            assertThat(Databases.number(context.getBean(DataSource.class), "SELECT count(*) FROM rk_users")).isEqualTo(1);
        });
    }

    @Test
    void withoutADataSourceTheKitRunsInMemory() {
        withoutDataSource.run(context -> {
            assertThat(context.getBean(Storage.class)).isInstanceOf(InMemoryStorage.class);
            User vera = context.getBean(ResellerKit.class).bootstrapAdmin(vera());
            assertThat(context.getBean(InMemoryStorage.class).users().findById(vera.id())).isPresent();
        });
    }

    @Test
    void theApplicationsOwnStorageReplacesOursAndTheKitRunsOnIt() {
        InMemoryStorage own = new InMemoryStorage();
        onH2.withBean(Storage.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(Storage.class);
            assertThat(context).doesNotHaveBean(JdbcStorage.class);
            User vera = context.getBean(ResellerKit.class).bootstrapAdmin(vera());
            assertThat(own.users().findById(vera.id())).isPresent();
        });
    }

    @Test
    void theApplicationsOwnKitReplacesOurs() {
        ResellerKit own = ResellerKit.builder(new InMemoryStorage()).build();
        withoutDataSource.withBean(ResellerKit.class, () -> own).run(context ->
                assertThat(context.getBean(ResellerKit.class)).isSameAs(own));
    }

    @Test
    void propertiesBindWithTheirDefaults() {
        withoutDataSource.run(context -> {
            ResellerKitProperties p = context.getBean(ResellerKitProperties.class);
            assertThat(p.tablePrefix()).isEqualTo("rk_");
            assertThat(p.installSchema()).isTrue();
            assertThat(p.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(p.joinTransactions()).isTrue();
            assertThat(p.writeIsolation()).isNull();
            assertThat(p.idempotencyKeyTtl()).isEqualTo(Duration.ofHours(24));
            assertThat(p.api().basePath()).isEqualTo("/api/resellerkit");
        });
        withoutDataSource.withPropertyValues("resellerkit.table-prefix=shop_", "resellerkit.install-schema=false",
                "resellerkit.statement-timeout=5s", "resellerkit.join-transactions=false",
                "resellerkit.write-isolation=serializable", "resellerkit.api.base-path=/partners").run(context -> {
                    ResellerKitProperties p = context.getBean(ResellerKitProperties.class);
                    assertThat(p.tablePrefix()).isEqualTo("shop_");
                    assertThat(p.installSchema()).isFalse();
                    assertThat(p.statementTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(p.joinTransactions()).isFalse();
                    assertThat(p.writeIsolation()).isEqualTo(ResellerKitProperties.WriteIsolation.SERIALIZABLE);
                    assertThat(p.api().basePath()).isEqualTo("/partners");
                });
    }

    @Test
    void theIdempotencyKeyTtlReachesTheKit() {
        CreateUser admin = CreateUser.of("Ida", "Admin", "ida@vendor.example", Role.ADMIN);
        CreateUser user = CreateUser.of("Kay", "Key", "kay@vendor.example", Role.USER);
        withoutDataSource.run(context -> {
            ResellerKit kit = context.getBean(ResellerKit.class);
            var as = io.resellerkit.RequestContext.of(kit.bootstrapAdmin(admin).id()).withIdempotencyKey("k-1");
            User first = kit.users().create(as, user);
            Thread.sleep(20);
            assertThat(kit.users().create(as, user).id()).as("replayed within 24 hours").isEqualTo(first.id());
        });
        withoutDataSource.withPropertyValues("resellerkit.idempotency-key-ttl=1ms").run(context -> {
            ResellerKit kit = context.getBean(ResellerKit.class);
            var as = io.resellerkit.RequestContext.of(kit.bootstrapAdmin(admin).id()).withIdempotencyKey("k-1");
            kit.users().create(as, user);
            Thread.sleep(20);
            // The key has expired: the create runs again, and meets the first one's email.
            org.junit.jupiter.api.Assertions.assertThrows(io.resellerkit.error.ConflictException.class,
                    () -> kit.users().create(as, user));
        });
    }

    @Test
    void theTablePrefixNamesTheTablesItCreates() {
        onH2.withPropertyValues("resellerkit.table-prefix=shop_").run(context -> {
            assertThat(context.getBean(JdbcStorage.class).tablePrefix()).isEqualTo("shop_");
            DataSource ds = context.getBean(DataSource.class);
            assertThat(Databases.number(ds, "SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = 'shop_users'")).isEqualTo(1);
            assertThat(Databases.number(ds, "SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = 'rk_users'")).isZero();
        });
    }

    @Test
    void withoutSchemaInstallAnEmptyDatabaseFailsStartupNamingTheMissingVersion() {
        onH2.withPropertyValues("resellerkit.install-schema=false").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(StorageException.class)
                    .hasMessageContaining("schema version 1").hasMessageContaining("rk_");
        });
    }

    @Test
    void resellerWebhooksWithoutAHostListFailStartupAndWithOneOnlyThoseHostsAreTaken() {
        withoutDataSource.withPropertyValues("resellerkit.reseller-webhooks=2").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("resellerkit.webhook-hosts");
        });
        withoutDataSource.withPropertyValues("resellerkit.reseller-webhooks=2",
                "resellerkit.webhook-hosts=.hooks.example,crm.example").run(context -> {
            ResellerKit kit = context.getBean(ResellerKit.class);
            var as = io.resellerkit.RequestContext.of(kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor",
                    "vera@vendor.example", io.resellerkit.model.Role.ADMIN)).id());
            for (String allowed : List.of("https://a.hooks.example/x", "https://CRM.example/x")) {
                kit.webhooks().register(as, io.resellerkit.command.RegisterWebhook.of(allowed, null));
            }
            for (String refused : List.of("https://hooks.example.evil/x", "http://127.0.0.1/x", "https://xcrm.example/")) {
                var e = org.junit.jupiter.api.Assertions.assertThrows(io.resellerkit.error.ValidationException.class,
                        () -> kit.webhooks().register(as, io.resellerkit.command.RegisterWebhook.of(refused, null)));
                assertThat(e.violations().get(0).field()).isEqualTo("url");
            }
        });
    }

    @Test
    void writeIsolationWithJoinedTransactionsFailsStartup() {
        onH2.withPropertyValues("resellerkit.write-isolation=serializable").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("writeIsolation");
        });
    }

    @Test
    void writeIsolationIsAcceptedWhenTheKitRunsItsOwnTransactions() {
        onH2.withPropertyValues("resellerkit.join-transactions=false", "resellerkit.write-isolation=serializable")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(JdbcStorage.class));
    }

    private static CreateUser vera() {
        return CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN);
    }
}
