package io.resellerkit.examples.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Demo logins: each seeded person of {@link DemoData} signs in with HTTP Basic, password
 * {@code demo}. The API's default acting-user resolver takes the principal's name as the
 * ResellerKit user's email. A real application plugs in its own authentication instead.
 */
@Configuration(proxyBeanMethods = false)
class DemoSecurity {
    static final String PASSWORD = "demo";
    private static final Logger LOG = LoggerFactory.getLogger(DemoSecurity.class);

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless API clients send credentials on every call; no session cookie to ride on.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    InMemoryUserDetailsManager demoLogins() {
        LOG.warn("demo logins {} with password '{}': for this example only", DemoData.LOGINS, PASSWORD);
        return new InMemoryUserDetailsManager(DemoData.LOGINS.stream()
                .map(email -> (UserDetails) User.withUsername(email).password("{noop}" + PASSWORD).roles("DEMO").build())
                .toList());
    }
}
