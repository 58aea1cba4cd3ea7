package io.resellerkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.ErrorCode;
import io.resellerkit.error.ResellerKitException;
import io.resellerkit.jdbc.JdbcStorage;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The auto-configured kit on the application's DataSource (Spring Boot's own, on embedded
 * PostgreSQL) inside Spring-managed transactions: a call's changes go with the application's
 * transaction, a refusal's event stays whatever that transaction does.
 */
class SpringTransactionsTest {
    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResellerKitAutoConfiguration.class, BootJdbc.dataSourceAutoConfiguration(),
                    BootJdbc.transactionManagerAutoConfiguration()))
            .withPropertyValues("spring.datasource.url=" + Databases.newPostgres());

    @Test
    void aCreateInsideASpringTransactionThatRollsBackLeavesNothing() {
        application.run(context -> {
            ResellerKit kit = context.getBean(ResellerKit.class);
            RequestContext asVendor = vendor(kit);
            inTransactionThatRollsBack(context, () ->
                    kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 1, 1)));

            assertThat(number(context, "SELECT count(*) FROM rk_resellers")).isZero();
            assertThat(number(context, "SELECT count(*) FROM rk_audit_events WHERE action = 'reseller.created'")).isZero();
        });
    }

    @Test
    void aCreateInsideASpringTransactionThatCommitsIsStored() {
        application.run(context -> {
            ResellerKit kit = context.getBean(ResellerKit.class);
            RequestContext asVendor = vendor(kit);
            new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(status ->
                    kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 1, 1)));

            assertThat(number(context, "SELECT count(*) FROM rk_resellers")).isEqualTo(1);
        });
    }

    @Test
    void aRefusedCallInsideARolledBackSpringTransactionKeepsItsAccessDeniedEvent() {
        application.run(context -> {
            ResellerKit kit = context.getBean(ResellerKit.class);
            RequestContext asUser = plainUser(kit, vendor(kit));
            ErrorCode refused = inTransactionThatRollsBack(context, () ->
                    kit.resellers().create(asUser, CreateReseller.of("Mine", "me@mine.example", 1, 1)));

            assertThat(refused).isEqualTo(ErrorCode.ACCESS_DENIED);
            assertThat(number(context, "SELECT count(*) FROM rk_audit_events WHERE action = 'access.denied'")).isEqualTo(1);
        });
    }

    @Test
    void behindATransactionAwareProxyTheRefusalEventIsStillStoredOnAConnectionOfItsOwn() {
        // An application that hands out its pool through the proxy; the adapter must use the pool itself.
        application.withUserConfiguration(ProxiedDataSource.class).run(context -> {
            assertThat(context.getBean(DataSource.class)).isInstanceOf(TransactionAwareDataSourceProxy.class);
            ResellerKit kit = context.getBean(ResellerKit.class);
            RequestContext asVendor = vendor(kit);
            RequestContext asUser = plainUser(kit, asVendor);
            ErrorCode refused = inTransactionThatRollsBack(context, () -> {
                kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 1, 1));
                kit.resellers().create(asUser, CreateReseller.of("Mine", "me@mine.example", 1, 1));
            });

            assertThat(refused).isEqualTo(ErrorCode.ACCESS_DENIED);
            assertThat(number(context, "SELECT count(*) FROM rk_audit_events WHERE action = 'access.denied'")).isEqualTo(1);
            assertThat(number(context, "SELECT count(*) FROM rk_resellers")).isZero();
        });
    }

    @Test
    void withoutJoiningEachCallCommitsOnItsOwnWhateverTheApplicationsTransactionDoes() {
        application.withPropertyValues("resellerkit.join-transactions=false").run(context -> {
            assertThat(context).hasSingleBean(JdbcStorage.class);
            ResellerKit kit = context.getBean(ResellerKit.class);
            RequestContext asVendor = vendor(kit);
            inTransactionThatRollsBack(context, () ->
                    kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 1, 1)));

            assertThat(number(context, "SELECT count(*) FROM rk_resellers")).isEqualTo(1);
        });
    }

    /** The application's pool, handed out as Spring's transaction-aware proxy, with a manager on it. */
    static class ProxiedDataSource {
        @Bean(destroyMethod = "close")
        HikariDataSource pool(Environment env) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(env.getProperty("spring.datasource.url"));
            pool.setMaximumPoolSize(4);
            return pool;
        }

        @Bean
        @Primary
        DataSource dataSource(HikariDataSource pool) {
            return new TransactionAwareDataSourceProxy(pool);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }
    }

    /** Runs {@code work} in a Spring transaction that then rolls back; the code of the ResellerKit refusal it threw, if any. */
    private static ErrorCode inTransactionThatRollsBack(AssertableApplicationContext context, Runnable work) {
        ErrorCode[] refused = new ErrorCode[1];
        new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
            ResellerKitException e = catchThrowableOfType(ResellerKitException.class, work::run);
            refused[0] = e == null ? null : e.code();
            status.setRollbackOnly();
        });
        return refused[0];
    }

    private static RequestContext vendor(ResellerKit kit) {
        User vera = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        return RequestContext.of(vera.id());
    }

    private static RequestContext plainUser(ResellerKit kit, RequestContext asVendor) {
        User pat = kit.users().create(asVendor, CreateUser.of("Pat", "Plain", "pat@plain.example", Role.USER));
        return RequestContext.of(pat.id());
    }

    private static long number(AssertableApplicationContext context, String sql) {
        return Databases.number(context.getBean(DataSource.class), sql);
    }
}
