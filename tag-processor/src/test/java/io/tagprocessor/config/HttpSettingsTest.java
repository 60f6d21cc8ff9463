package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    private static final String LONG = "sixteen-chars-ok";

    @Test
    void adminCredentialsComeTogetherAndWithALongPassword() {
        assertThat(settings(null, null).isAdminCredentialsValid()).isTrue();
        assertThat(settings("ops", LONG).isAdminCredentialsValid()).isTrue();
        assertThat(settings("ops", null).isAdminCredentialsValid()).isFalse();
        assertThat(settings(null, LONG).isAdminCredentialsValid()).isFalse();
        assertThat(settings("ops", "short").isAdminCredentialsValid()).isFalse();
    }

    @Test
    void adminEndpointsAreClosedWithoutCredentialsAndPasswordsAreNotPrinted() {
        assertThat(settings(null, null).adminEnabled()).isFalse();
        assertThat(settings("ops", LONG).adminEnabled()).isTrue();
        assertThat(settings("ops", LONG).toString()).doesNotContain(LONG).contains("****");
    }

    private static HttpSettings settings(String username, String password) {
        return new HttpSettings(HttpSettings.ApiAccess.OPEN, username, password, null, null);
    }
}
