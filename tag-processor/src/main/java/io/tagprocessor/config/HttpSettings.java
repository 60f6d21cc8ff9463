package io.tagprocessor.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call what over HTTP. Health, info and Prometheus are always open. Admin endpoints
 * ({@code /admin/**}) need the admin's credentials, which come from the environment
 * ({@code ADMIN_USERNAME}, {@code ADMIN_PASSWORD}) and have no default: unset, admin endpoints are
 * closed to everyone. The read API is open unless {@code apiAccess} is {@code authenticated}, then it
 * takes the admin's or the optional reader's credentials ({@code API_USERNAME}, {@code API_PASSWORD}).
 * Passwords are never logged.
 */
public record HttpSettings(
        @NotNull @DefaultValue("open") ApiAccess apiAccess,
        String adminUsername,
        String adminPassword,
        String apiUsername,
        String apiPassword) {

    /** Shorter passwords are refused at startup: these are machine secrets, not something to type. */
    public static final int MIN_PASSWORD_LENGTH = 16;

    public enum ApiAccess {
        OPEN,
        AUTHENTICATED
    }

    public boolean adminEnabled() {
        return present(adminUsername);
    }

    public boolean readerEnabled() {
        return present(apiUsername);
    }

    @AssertTrue(message = "ADMIN_USERNAME and ADMIN_PASSWORD go together, the password at least 16 characters")
    public boolean isAdminCredentialsValid() {
        return valid(adminUsername, adminPassword);
    }

    @AssertTrue(message = "API_USERNAME and API_PASSWORD go together, the password at least 16 characters")
    public boolean isReaderCredentialsValid() {
        return valid(apiUsername, apiPassword);
    }

    private static boolean valid(String username, String password) {
        if (!present(username)) {
            return !present(password);
        }
        return present(password) && password.length() >= MIN_PASSWORD_LENGTH;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "HttpSettings[apiAccess=" + apiAccess + ", adminUsername=" + adminUsername + ", adminPassword="
                + (adminPassword == null ? "null" : "****") + ", apiUsername=" + apiUsername + ", apiPassword="
                + (apiPassword == null ? "null" : "****") + "]";
    }
}
