package io.tagprocessor.api;

import org.springframework.http.HttpStatus;

/**
 * A request the API answers with a problem detail: a status, a stable machine-readable {@code code},
 * the parameter at fault (if any) and a message safe to show the caller.
 */
final class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String parameter;

    private ApiProblem(HttpStatus status, String code, String parameter, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.parameter = parameter;
    }

    static ApiProblem badParameter(String parameter, String code, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, code, parameter, message);
    }

    static ApiProblem notFound(String code, String message) {
        return new ApiProblem(HttpStatus.NOT_FOUND, code, null, message);
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    String parameter() {
        return parameter;
    }
}
