package io.resellerkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateUser;
import io.resellerkit.model.Role;
import io.resellerkit.spring.metrics.ResellerKitMetricsAutoConfiguration;
import io.resellerkit.tail.AuditListener;
import io.resellerkit.tail.Delivery;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each {@link AuditListener} bean is run under its bean name, and its lag is a gauge. */
class ListenersAutoConfigurationTest {
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean(true);
    private final ApplicationContextRunner inMemory = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResellerKitAutoConfiguration.class,
                    ResellerKitListenersAutoConfiguration.class, ResellerKitMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("resellerkit.listeners.poll-interval=20ms");

    @Test
    void eachAuditListenerBeanRunsUnderItsBeanNameAndItsLagIsGauged() {
        inMemory.withBean("welcomeMailer", AuditListener.class, () -> d -> {
            if (down.get()) {
                throw new IllegalStateException("the mail server is down");
            }
            received.add(d);
        }).run(context -> {
            assertThat(context.getBean(ListenerRunners.class).runners()).extracting(r -> r.name())
                    .containsExactly("welcomeMailer");
            context.getBean(ResellerKit.class).bootstrapAdmin(CreateUser.of("Vera", "V", "vera@vendor.example", Role.ADMIN));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            double lag = registry.get("resellerkit.listener.lag.events").tag("listener", "welcomeMailer").gauge().value();
            assertThat(lag).isEqualTo(1.0);
            assertThat(registry.get("resellerkit.listener.lag.age").tag("listener", "welcomeMailer").gauge().value())
                    .isGreaterThanOrEqualTo(0.0);
            down.set(false);
            await(() -> received.size() == 1 && registry.get("resellerkit.listener.lag.events").gauge().value() == 0.0);
            assertThat(received.get(0).event().action().code()).isEqualTo("user.created");
            assertThat(received.get(0).listener()).isEqualTo("welcomeMailer");
        });
    }

    @Test
    void withoutListenerBeansOrWhenTurnedOffNothingRuns() {
        inMemory.run(context -> assertThat(context).doesNotHaveBean(ListenerRunners.class));
        inMemory.withBean("crm", AuditListener.class, () -> received::add)
                .withPropertyValues("resellerkit.listeners.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ListenerRunners.class));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
