/**
 * CDI producers that put the shared glue together in a service: the profile-service client and the change-feed
 * follower. The top layer of common: may import every other package of it.
 */
package dev.persona.common.wiring;
