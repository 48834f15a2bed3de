/**
 * The Redis key layout shared by the services ({@code persona:<tenant>:…}). Plain Java: imports nothing of Persona.
 */
package dev.persona.common.redis;
