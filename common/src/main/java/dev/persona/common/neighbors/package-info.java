/**
 * The neighbour lists in Redis as similarity-service writes them and similarity- and recommend-service read them:
 * key layout, binary codec, and the one reader (serving versions and a near-cache). May import {@code redis},
 * {@code error}, core's {@code Neighbor}, the Vert.x Redis client and Caffeine.
 */
package dev.persona.common.neighbors;
