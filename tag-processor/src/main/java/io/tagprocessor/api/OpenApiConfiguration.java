package io.tagprocessor.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's fixed parts. The server is the relative {@code /}, so the document is the
 * same whatever host and port serve it (the committed {@code openapi/openapi.yaml} is compared with it).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI tagProcessorOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("tag-processor read API")
                        .version("v1")
                        .description("Read-only views of the tags tag-processor owns. Changes are commands on"
                                + " Kafka (tag-commands), never HTTP calls. Errors are RFC 9457 problem details."))
                .servers(List.of(new Server().url("/")));
    }
}
