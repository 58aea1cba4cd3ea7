package io.resellerkit.spring.web;

import io.resellerkit.ResellerKit;
import io.resellerkit.spring.ResellerKitAutoConfiguration;
import io.resellerkit.spring.ResellerKitProperties;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves ResellerKit's HTTP JSON API under {@code resellerkit.api.base-path} in a servlet web
 * application with Spring MVC and Jackson 3, unless {@code resellerkit.api.enabled=false}. Every
 * bean backs off when the application defines its own of that type: an {@link ActingUserResolver}
 * to map its authentication to a ResellerKit user, a controller to change an endpoint.
 */
@AutoConfiguration(after = ResellerKitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, JsonMapper.class})
@ConditionalOnBean(ResellerKit.class)
@ConditionalOnProperty(prefix = "resellerkit.api", name = "enabled", havingValue = "true", matchIfMissing = true)
public class ResellerKitApiAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public ResellerKitApiAutoConfiguration() {
    }

    /** The acting user: the servlet principal's name as a user's email. */
    @Bean
    @ConditionalOnMissingBean
    public ActingUserResolver resellerKitActingUserResolver(ResellerKit kit) {
        return new PrincipalEmailResolver(kit);
    }

    /** {@code /v3/resellers}. */
    @Bean
    @ConditionalOnMissingBean
    public ResellersController resellerKitResellersController(ResellerKit kit) {
        return new ResellersController(kit);
    }

    /** {@code /v3/users}. */
    @Bean
    @ConditionalOnMissingBean
    public UsersController resellerKitUsersController(ResellerKit kit) {
        return new UsersController(kit);
    }

    /** {@code /v3/organizations}. */
    @Bean
    @ConditionalOnMissingBean
    public OrganizationsController resellerKitOrganizationsController(ResellerKit kit) {
        return new OrganizationsController(kit);
    }

    /** {@code /v3/licenses}. */
    @Bean
    @ConditionalOnMissingBean
    public LicensesController resellerKitLicensesController(ResellerKit kit) {
        return new LicensesController(kit);
    }

    /** {@code /v3/organizations/{id}/access-grants} and {@code /v3/access-grants}. */
    @Bean
    @ConditionalOnMissingBean
    public AccessGrantsController resellerKitAccessGrantsController(ResellerKit kit) {
        return new AccessGrantsController(kit);
    }

    /** {@code /v3/webhooks}. */
    @Bean
    @ConditionalOnMissingBean
    public WebhooksController resellerKitWebhooksController(ResellerKit kit) {
        return new WebhooksController(kit);
    }

    /** {@code /v3/audit-logs}. */
    @Bean
    @ConditionalOnMissingBean
    public AuditLogsController resellerKitAuditLogsController(ResellerKit kit) {
        return new AuditLogsController(kit);
    }

    /** {@code /v3/me}. */
    @Bean
    @ConditionalOnMissingBean
    public MeController resellerKitMeController(ResellerKit kit) {
        return new MeController(kit);
    }

    /** Problem details for every failure of the API's controllers. */
    @Bean
    @ConditionalOnMissingBean
    public ApiExceptionHandler resellerKitApiExceptionHandler() {
        return new ApiExceptionHandler();
    }

    /** The request id and the body cap, on the API's paths only. */
    @Bean
    @ConditionalOnMissingBean(name = "resellerKitApiFilter")
    public FilterRegistrationBean<?> resellerKitApiFilter(ResellerKitProperties properties) {
        var registration = new FilterRegistrationBean<>(new ApiFilter(properties.api().maxBodySize().toBytes()));
        registration.addUrlPatterns(trimmed(properties.api().basePath()) + "/*");
        // Before any filter that reads the body (Boot's form-content filter reads PUT and PATCH forms
        // whole) or that writes for the request: the cap and the media-type check come first.
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The API's JSON converter (for its own bodies only) and its {@code RequestContext} parameters. */
    @Bean
    public WebMvcConfigurer resellerKitApiMvc(ActingUserResolver users) {
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
                builder.addCustomConverter(ApiJson.converter());
            }

            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ApiContexts(users));
            }
        };
    }

    private static String trimmed(String basePath) {
        return basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    }
}
