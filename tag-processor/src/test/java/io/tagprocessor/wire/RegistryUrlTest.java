package io.tagprocessor.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryUrlTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "registry:8081",
                "127.0.0.1:8081",
                "ftp://registry:8081",
                "http://user:s3cret@my_registry:8081",
                "http://user:s3cret@reg istry:8081",
                "http://user:s3cret@registry:8081/?x=1",
                "http://user:s3cret@"
            })
    void aUrlThatCannotBeUsedIsRefusedWithoutShowingItsCredentials(String url) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistryHttp.parse(url))
                .withMessageStartingWith("schema registry URL ")
                .withMessageNotContaining("s3cret");
    }

    @Test
    void httpAndHttpsUrlsWithAHostAreAccepted() {
        assertThat(RegistryHttp.parse(" https://user:pw@registry.example.com:8443/apis/ccompat/v7 ")
                        .getHost())
                .isEqualTo("registry.example.com");
        assertThat(RegistryHttp.parse("http://127.0.0.1:8081").getPort()).isEqualTo(8081);
    }

    @Test
    void redactionHidesCredentials() {
        assertThat(RegistryHttp.redacted("http://u:p@host/x")).isEqualTo("http://****@host/x");
        assertThat(RegistryHttp.redacted("http://host/x")).isEqualTo("http://host/x");
    }
}
