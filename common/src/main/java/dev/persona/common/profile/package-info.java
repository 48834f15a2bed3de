/**
 * The client other services use to read profile-service (users, items, consent, the interaction log through
 * ExportInteractions), with deadlines and errors mapped to {@code ApiError}. May import {@code grpc},
 * {@code error} and the generated persona.v1 stubs.
 */
package dev.persona.common.profile;
