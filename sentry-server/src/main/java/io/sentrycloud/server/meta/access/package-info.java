/**
 * Users and access: {@link io.sentrycloud.server.meta.access.Role}s viewer/editor/admin, bcrypt-hashed
 * passwords, login sessions kept in the metadata database (so any server instance serves them), SHA-256-hashed
 * API tokens for scripts and ingest, and {@link io.sentrycloud.server.meta.access.AccessControl}, which tells
 * who a request comes from and whether its role may do what it asks.
 */
package io.sentrycloud.server.meta.access;
