package io.resellerkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.resellerkit.OperationObserver;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.spring.metrics.MicrometerOperationObserver;
import io.resellerkit.spring.metrics.QuotaGauges;
import io.resellerkit.spring.metrics.ResellerKitMetricsAutoConfiguration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.assertj.core.api.Assertions;

/** Timers, refusal counters and quota gauges after real calls, in a {@link SimpleMeterRegistry}. */
class ResellerKitMetricsTest {
    private final ApplicationContextRunner inMemory = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResellerKitAutoConfiguration.class,
                    ResellerKitMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void eachCallIsTimedByOperationAndOutcomeAndEachRefusalCountedByCode() {
        inMemory.run(context -> {
            ResellerKit kit = context.getBean(ResellerKit.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            RequestContext asVendor = RequestContext.of(kit.bootstrapAdmin(vera()).id());
            Reseller acme = kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 1, 1));
            kit.users().create(asVendor, uma(acme));
            Assertions.assertThatThrownBy(() -> kit.users().create(asVendor,
                    CreateUser.of("Ugo", "User", "ugo@acme.example", Role.USER).inReseller(acme.id())))
                    .isInstanceOf(QuotaExceededException.class);
            Assertions.assertThatThrownBy(() -> kit.users().get(asVendor, UserId.of("missing")));

            Timer created = registry.get("resellerkit.operations").tags("operation", "user.create", "outcome", "ok").timer();
            assertThat(created.count()).isEqualTo(1);
            assertThat(created.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
            assertThat(registry.get("resellerkit.operations")
                    .tags("operation", "user.create", "outcome", "quota_exceeded").timer().count()).isEqualTo(1);
            assertThat(registry.get("resellerkit.operations")
                    .tags("operation", "user.bootstrap_admin", "outcome", "ok").timer().count()).isEqualTo(1);
            assertThat(registry.get("resellerkit.refusals").tags("code", "quota_exceeded").counter().count()).isEqualTo(1);
            assertThat(registry.get("resellerkit.refusals").tags("code", "not_found").counter().count()).isEqualTo(1);
            // Only refusals are counted: the codes seen, nothing for the calls that passed.
            assertThat(registry.find("resellerkit.refusals").counters()).extracting(c -> c.getId().getTag("code"))
                    .containsExactlyInAnyOrder("quota_exceeded", "not_found");
        });
    }

    @Test
    void theApplicationsOwnObserverIsToldBesideTheMetrics() {
        List<String> told = new CopyOnWriteArrayList<>();
        inMemory.withBean(OperationObserver.class, () -> (operation, outcome, nanos) -> told.add(operation + " " + outcome))
                .run(context -> {
                    context.getBean(ResellerKit.class).bootstrapAdmin(vera());
                    assertThat(told).containsExactly("user.bootstrap_admin ok");
                    assertThat(context.getBean(MeterRegistry.class).find("resellerkit.operations").timers()).hasSize(1);
                });
    }

    @Test
    void metricsCanBeTurnedOff() {
        inMemory.withPropertyValues("resellerkit.metrics.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(MicrometerOperationObserver.class);
            assertThat(context).doesNotHaveBean(QuotaGauges.class);
            context.getBean(ResellerKit.class).bootstrapAdmin(vera());
            assertThat(context.getBean(MeterRegistry.class).find("resellerkit.operations").timers()).isEmpty();
        });
    }

    @Test
    void withoutAMeterRegistryThereAreNoMetricsAndTheKitWorks() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ResellerKitAutoConfiguration.class,
                        ResellerKitMetricsAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(MicrometerOperationObserver.class);
                    assertThat(context.getBean(ResellerKit.class).bootstrapAdmin(vera())).isNotNull();
                });
    }

    @Test
    void quotaGaugesFollowUsageAndLimitsOfTheListedResellersOnly() {
        String url = Databases.newH2();
        ApplicationContextRunner onH2 = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ResellerKitAutoConfiguration.class,
                        ResellerKitMetricsAutoConfiguration.class, BootJdbc.dataSourceAutoConfiguration()))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("spring.datasource.url=" + url);
        // The operator lists resellers that exist: the first start creates them.
        String[] ids = new String[3];
        onH2.run(context -> {
            ResellerKit kit = context.getBean(ResellerKit.class);
            User vendor = kit.bootstrapAdmin(vera());
            RequestContext asVendor = RequestContext.of(vendor.id());
            ids[0] = vendor.id().value();
            ids[1] = kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 5, 2)).id().value();
            ids[2] = kit.resellers().create(asVendor, CreateReseller.of("Beta", "ops@beta.example", 5, 2)).id().value();
        });
        onH2.withPropertyValues("resellerkit.metrics.quota-gauges=" + ids[1] + ",gone").run(context -> {
            ResellerKit kit = context.getBean(ResellerKit.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            RequestContext asVendor = RequestContext.of(UserId.of(ids[0]));
            Reseller acme = kit.resellers().get(asVendor, io.resellerkit.model.ResellerId.of(ids[1]));
            assertThat(gauge(registry, "usage", ids[1], "users")).isEqualTo(0);
            assertThat(gauge(registry, "limit", ids[1], "users")).isEqualTo(5);

            Organization org = kit.organizations().create(asVendor,
                    CreateOrganization.of("Acme Customer", "it@customer.example", 10, acme.id()));
            User uma = kit.users().create(asVendor, uma(acme));
            kit.users().create(asVendor, CreateUser.of("Olga", "Org", "olga@customer.example", Role.USER)
                    .inOrganization(org.id()));
            kit.resellers().changeQuotas(asVendor, acme.id(), ChangeQuotas.to(7, -1));
            assertThat(gauge(registry, "usage", ids[1], "users")).isEqualTo(2);
            assertThat(gauge(registry, "usage", ids[1], "organizations")).isEqualTo(1);
            assertThat(gauge(registry, "limit", ids[1], "users")).isEqualTo(7);
            assertThat(gauge(registry, "limit", ids[1], "organizations")).isEqualTo(-1);

            kit.users().delete(asVendor, uma.id());
            assertThat(gauge(registry, "usage", ids[1], "users")).isEqualTo(1);

            // Beta is not listed: no gauge. An id that names no reseller reads as NaN.
            assertThat(registry.find("resellerkit.quota.usage").tag("reseller", ids[2]).gauges()).isEmpty();
            assertThat(gauge(registry, "usage", "gone", "users")).isNaN();
            assertThat(registry.find("resellerkit.quota.usage").gauges()).hasSize(4);
        });
    }

    @Test
    void moreThanAHundredGaugedResellersFailStartupNamingTheProperty() {
        String ids = IntStream.rangeClosed(1, 101).mapToObj(i -> "r" + i).collect(Collectors.joining(","));
        inMemory.withPropertyValues("resellerkit.metrics.quota-gauges=" + ids).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("resellerkit.metrics.quota-gauges lists 101 resellers, more than the 100 allowed");
        });
        String hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> "r" + i).collect(Collectors.joining(","));
        inMemory.withPropertyValues("resellerkit.metrics.quota-gauges=" + hundred).run(context ->
                assertThat(context.getBean(MeterRegistry.class).find("resellerkit.quota.limit").gauges()).hasSize(200));
    }

    private static double gauge(MeterRegistry registry, String which, String reseller, String quota) {
        return registry.get("resellerkit.quota." + which).tags("reseller", reseller, "quota", quota).gauge().value();
    }

    private static CreateUser vera() {
        return CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN);
    }

    private static CreateUser uma(Reseller reseller) {
        return CreateUser.of("Uma", "User", "uma@" + reseller.name().toLowerCase() + ".example", Role.USER)
                .inReseller(reseller.id());
    }
}
