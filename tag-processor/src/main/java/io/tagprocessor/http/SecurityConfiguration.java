package io.tagprocessor.http;

import io.tagprocessor.config.HttpSettings;
import io.tagprocessor.config.TagProcessorProperties;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may call what. Open: health, info, Prometheus, the OpenAPI document and its UI, and the read
 * API unless {@code API_ACCESS=authenticated}. Admin endpoints ({@code /admin/**}) need HTTP Basic
 * with the admin's credentials from the environment; without them they are closed. Anything else is
 * refused, so an endpoint added later is closed until it is named here. Stateless: no session, no
 * cookie, hence no CSRF token either. Absent without a web server (migrate-only mode).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String ADMIN = "ADMIN";
    static final String READER = "READER";

    @Bean
    SecurityFilterChain httpSecurity(HttpSecurity http, TagProcessorProperties properties, ObjectMapper json) {
        ProblemRefusals refusals = new ProblemRefusals(json);
        boolean apiOpen = properties.http().apiAccess() == HttpSettings.ApiAccess.OPEN;
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.realmName(ProblemRefusals.REALM).authenticationEntryPoint(refusals))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(
                                    "/actuator/health",
                                    "/actuator/health/**",
                                    "/actuator/info",
                                    "/actuator/prometheus",
                                    "/v3/api-docs",
                                    "/v3/api-docs/**",
                                    "/v3/api-docs.yaml",
                                    "/swagger-ui.html",
                                    "/swagger-ui/**",
                                    "/error")
                            .permitAll();
                    if (apiOpen) {
                        requests.requestMatchers("/api/**").permitAll();
                    } else {
                        requests.requestMatchers("/api/**").hasAnyRole(READER, ADMIN);
                    }
                    requests.requestMatchers("/admin/**").hasRole(ADMIN);
                    requests.anyRequest().denyAll();
                })
                .build();
    }

    /** The users the environment defines; none when it defines none (then only open paths answer). */
    @Bean
    UserDetailsService users(TagProcessorProperties properties) {
        HttpSettings settings = properties.http();
        Sha256PasswordEncoder encoder = new Sha256PasswordEncoder();
        List<UserDetails> users = new ArrayList<>();
        if (settings.adminEnabled()) {
            users.add(user(settings.adminUsername(), encoder.encode(settings.adminPassword()), ADMIN));
        }
        if (settings.readerEnabled()) {
            users.add(user(settings.apiUsername(), encoder.encode(settings.apiPassword()), READER));
        }
        log.info(
                "event=http_access admin_endpoints={} read_api={}",
                settings.adminEnabled() ? "authenticated" : "closed",
                settings.apiAccess().name().toLowerCase(java.util.Locale.ROOT));
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    Sha256PasswordEncoder passwordEncoder() {
        return new Sha256PasswordEncoder();
    }

    /**
     * Tag names may hold {@code /} and entity ids {@code /} and {@code %}: in a path they arrive as
     * {@code %2F} and {@code %25}, which the firewall would otherwise refuse.
     */
    @Bean
    WebSecurityCustomizer encodedPathCharacters() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return web -> web.httpFirewall(firewall);
    }

    private static UserDetails user(String name, String digest, String role) {
        return User.withUsername(name).password(digest).roles(role).build();
    }
}
