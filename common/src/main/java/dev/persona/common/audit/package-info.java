/**
 * The access log: who read or changed whose personal data, when, and how the call ended, written off the hot path
 * to PostgreSQL by every service with a datasource. The access gate in {@code grpc} records the entries; which RPCs
 * are personal is declared in {@code security.RpcRoles}. May import Quarkus, CDI, MicroProfile Config and JDBC.
 */
package dev.persona.common.audit;
