/**
 * Structural tests of what deploys the service: the Dockerfile, docker-compose.yml and the k8s/
 * manifests, checked against README's configuration table and the service's own application.yml,
 * and run through docker-compose and kubectl when those are installed.
 */
package io.tagprocessor.deploy;
