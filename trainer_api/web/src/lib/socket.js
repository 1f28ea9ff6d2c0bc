// @ts-check
/**
 * Socket.IO helpers: open the connection (the login cookie authenticates it),
 * emit with an acknowledgement as a promise, and recover from refused connections.
 */
import { io } from "socket.io-client";

import { goToLogin, isSignedIn } from "./api.js";
import { t } from "./i18n.js";

/** @typedef {import("socket.io-client").Socket} Socket */

/**
 * What the server acknowledges an event with.
 * @typedef {{ok: boolean, error?: {code?: string, message?: string}, [key: string]: any}} Ack
 */

const RETRY_DELAY_MS = 3000;

/** @returns {Ack} */
const emptyAck = () => ({ ok: false, error: { code: "empty_ack", message: t("The server sent an empty answer.") } });

export class AckTimeout extends Error {
  /** @param {string} event */
  constructor(event) {
    // Translators: {event} is the name of a message to the server, e.g. learner_reply
    super(t("No answer from the server to {event}.", { event }));
    this.name = "AckTimeout";
  }
}

/** Connect to the default namespace of the page's own server. */
export function openSocket() {
  return io({ transports: ["websocket", "polling"] });
}

/**
 * Emit an event and resolve with the server's acknowledgement, using
 * Socket.IO's own timeout. Rejects with AckTimeout when none arrives in time.
 * @param {Pick<Socket, "timeout">} socket
 * @param {string} event
 * @param {unknown} payload
 * @param {number} timeoutMs from the server's configuration (ack_timeout_seconds)
 * @returns {Promise<Ack>}
 */
export async function emitWithAck(socket, event, payload, timeoutMs) {
  let ack;
  try {
    ack = await socket.timeout(timeoutMs).emitWithAck(event, payload);
  } catch {
    // With a timeout set, Socket.IO rejects only when no acknowledgement came in time.
    throw new AckTimeout(event);
  }
  return ack ?? emptyAck();
}

/**
 * The error message of a failed acknowledgement, or null when it succeeded.
 * @param {Ack | null | undefined} ack
 */
export function ackError(ack) {
  if (ack && ack.ok === true) return null;
  const message = ack && ack.error && ack.error.message;
  return message ? String(message) : t("Something went wrong on the server. Please try again.");
}

/**
 * After a refused connection or a disconnect by the server: go to /login if the
 * login cookie is no longer valid, otherwise try again later (the client does
 * not retry those by itself).
 * @param {Pick<Socket, "active" | "connect">} socket
 */
export async function reconnectIfSignedIn(socket) {
  if (!(await isSignedIn())) {
    goToLogin();
    return;
  }
  if (!socket.active) setTimeout(() => socket.connect(), RETRY_DELAY_MS);
}

/**
 * A fresh UUID v4; crypto.randomUUID only exists on secure origins.
 * @param {Pick<Crypto, "getRandomValues"> & {randomUUID?: () => string}} [source]
 */
export function newMessageId(source = crypto) {
  if (typeof source.randomUUID === "function") return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
