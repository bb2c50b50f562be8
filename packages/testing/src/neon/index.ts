/**
 * Loopback fixtures that let Neon's serverless driver run against a local PostgreSQL server:
 * a WebSocket-to-TCP proxy for its WebSocket (`Pool`) path and a stand-in for Neon's HTTP
 * endpoint for its `neon()` path. Neither is Neon: they test Strata and the driver, not Neon's
 * cloud (its proxy, TLS, limits, cold starts).
 */
export { type NeonHttpEndpoint, startNeonHttpEndpoint } from './http-endpoint.js';
export { type NeonWebSocketProxy, type ProxyTarget, startNeonWebSocketProxy } from './websocket-proxy.js';
