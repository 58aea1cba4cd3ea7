package io.resellerkit.examples.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Demo logins: each seeded person of {@link DemoData} signs in with password {@code demo}, as an
 * API client with HTTP Basic (curl) or in a browser with a login form (the portal). The API's
 * default acting-user resolver takes the principal's name as the ResellerKit user's email. A real
 * application plugs in its own authentication instead.
 */
@Configuration(proxyBeanMethods = false)
class DemoSecurity {
    static final String PASSWORD = "demo";
    private static final Logger LOG = LoggerFactory.getLogger(DemoSecurity.class);

    /**
     * API clients that send their credentials on every request (an Authorization header): no
     * session, so no cookie a cross-site page could ride on, and no CSRF token to send. (A browser
     * may also replay cached Basic credentials; the API's 415 for non-JSON writes keeps cross-site
     * forms out there.)
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiClients(HttpSecurity http) throws Exception {
        http.securityMatcher(request -> request.getHeader("Authorization") != null)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * Browsers: a login form and a session cookie, so CSRF protection stays on (Spring Security's
     * default); the portal's page carries the token and its script sends it back on every write.
     * The API answers 401, not a redirect to the form, when the session is gone.
     */
    @Bean
    @Order(2)
    SecurityFilterChain browsers(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(login -> login.defaultSuccessUrl("/resellerkit/", false))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        PathPatternRequestMatcher.withDefaults().matcher("/api/**")));
        return http.build();
    }

    /** The application's root opens the portal. */
    @Bean
    WebMvcConfigurer portalAtRoot() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController("/", "/resellerkit/");
            }
        };
    }

    @Bean
    InMemoryUserDetailsManager demoLogins() {
        LOG.warn("demo logins {} with password '{}': for this example only", DemoData.LOGINS, PASSWORD);
        return new InMemoryUserDetailsManager(DemoData.LOGINS.stream()
                .map(email -> (UserDetails) User.withUsername(email).password("{noop}" + PASSWORD).roles("DEMO").build())
                .toList());
    }
}
