/**
 * The Quarkus, gRPC and Redis glue that more than one Persona service needs, and nothing else: plain algorithms live
 * in the {@code core} module, service-specific code in the services. Layers inside (checked by ArchitectureTest):
 * {@code wiring} (CDI producers) over {@code feed} (the change-feed follower) over {@code profile} and
 * {@code neighbors} (clients of profile-service and of the neighbour lists in Redis) over {@code grpc},
 * {@code error}, {@code validation} and {@code redis} (call plumbing, errors, input rules, key layout).
 */
package dev.persona.common;
