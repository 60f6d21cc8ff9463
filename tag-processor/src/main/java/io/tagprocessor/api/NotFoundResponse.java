package io.tagprocessor.api;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The {@code 404} of an operation on one entity or tag, for the OpenAPI document. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(
        responseCode = "404",
        description = "No such entity or tag (code ENTITY_NOT_FOUND or TAG_NOT_FOUND)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@interface NotFoundResponse {}
