package io.resellerkit.portal;

import io.resellerkit.spring.ResellerKitProperties;
import io.resellerkit.spring.web.ResellerKitApiAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the reseller portal under {@code resellerkit.portal.path} (default {@code /resellerkit/})
 * wherever the starter serves its HTTP API, unless {@code resellerkit.portal.enabled=false}. The
 * portal is static HTML, CSS and JavaScript from this jar plus {@link PortalPage}; it acts through
 * the API only, with the host's authentication, so it can do nothing the API would not let the
 * signed-in user do.
 */
@AutoConfiguration(after = ResellerKitApiAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(ResellerKitApiAutoConfiguration.class)
@ConditionalOnProperty(prefix = "resellerkit.portal", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ResellerKitPortalProperties.class)
public class ResellerKitPortalAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public ResellerKitPortalAutoConfiguration() {
    }

    /** The portal's page, pointed at the API's base path. */
    @Bean
    @ConditionalOnMissingBean
    public PortalPage resellerKitPortalPage(ResellerKitProperties kit) {
        return new PortalPage(kit.api().basePath());
    }

    /** The portal's scripts and styles, from the jar. */
    @Bean
    public WebMvcConfigurer resellerKitPortalResources(ResellerKitPortalProperties portal) {
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler(portal.path() + "/**")
                        .addResourceLocations("classpath:/" + PortalPage.ROOT)
                        // No fingerprints in the names: revalidate, so an upgrade shows at once.
                        .setCacheControl(CacheControl.noCache());
            }
        };
    }
}
