/**
 * The HTTP side, safe by default: which paths are open (health, info, Prometheus, the OpenAPI
 * document, the read API unless closed by a setting), which need credentials from the environment
 * (admin endpoints), refusals as problem details, and which encoded characters a path may carry.
 */
package io.tagprocessor.http;
