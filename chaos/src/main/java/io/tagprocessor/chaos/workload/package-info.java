/**
 * The seeded workload: which records the harness sends, in which phases, and how they are encoded
 * (the project's own Confluent serializer) or deliberately broken.
 */
package io.tagprocessor.chaos.workload;
