package io.resellerkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.resellerkit.model.UserId;
import io.resellerkit.spring.web.ActingUserResolver;
import io.resellerkit.spring.web.PrincipalEmailResolver;
import io.resellerkit.spring.web.ResellerKitApiAutoConfiguration;
import io.resellerkit.spring.web.UsersController;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** When the HTTP API is configured, and that the application's own beans replace the starter's. */
class ApiAutoConfigurationTest {
    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResellerKitAutoConfiguration.class, ResellerKitApiAutoConfiguration.class));

    @Test
    void aServletApplicationGetsTheApiWithThePrincipalEmailResolver() {
        web.run(context -> {
            assertThat(context).hasSingleBean(UsersController.class);
            assertThat(context.getBean(ActingUserResolver.class)).isInstanceOf(PrincipalEmailResolver.class);
        });
    }

    @Test
    void theApiCanBeSwitchedOff() {
        web.withPropertyValues("resellerkit.api.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(UsersController.class));
    }

    @Test
    void anApplicationWithoutAWebServerGetsNoApi() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ResellerKitAutoConfiguration.class, ResellerKitApiAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(UsersController.class));
    }

    @Test
    void theApplicationsOwnResolverReplacesTheDefault() {
        ActingUserResolver own = request -> Optional.of(UserId.of("from-a-header"));
        web.withBean(ActingUserResolver.class, () -> own)
                .run(context -> assertThat(context.getBean(ActingUserResolver.class)).isSameAs(own));
    }
}
