package io.tagprocessor.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** The shape of every error body (RFC 9457), for the OpenAPI document; the handlers write {@code ProblemDetail}. */
@Schema(name = "Problem", description = "RFC 9457 problem detail (application/problem+json)")
record Problem(
        @Schema(description = "about:blank") String type,
        @Schema(description = "The HTTP status phrase") String title,
        int status,
        @Schema(description = "What is wrong, safe to show") String detail,
        @Schema(description = "The request path") String instance,

        @Schema(description = "Stable machine-readable code, e.g. INVALID_LIMIT, TAG_NOT_FOUND")
        String code,

        @Schema(description = "The parameter at fault, on a 400")
        String parameter) {}
