/**
 * The change-feed follower: each replica reads the profile-service change feed (a Redis Stream per tenant), hands
 * new events and erasures to its service's listener, and records how far it read so the stream can be trimmed. May
 * import {@code redis} and the Vert.x Redis client.
 */
package dev.persona.common.feed;
