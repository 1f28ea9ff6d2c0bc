/**
 * Socket.IO helpers: open the connection (the login cookie authenticates it),
 * emit with an acknowledgement as a promise, and recover from refused connections.
 */
import { goToLogin, isSignedIn } from "./api.js";

export const ACK_TIMEOUT_MS = 30000;
const RETRY_DELAY_MS = 3000;

export class AckTimeout extends Error {
  constructor(event) {
    super(`No answer from the server to ${event}.`);
    this.name = "AckTimeout";
  }
}

/** Connect to the default namespace; throws if the client script did not load. */
export function openSocket() {
  if (typeof window.io !== "function") {
    throw new Error("The chat connection could not be loaded. Reload the page to try again.");
  }
  return window.io({ transports: ["websocket", "polling"] });
}

/**
 * Emit an event and resolve with the server's acknowledgement.
 * Rejects with AckTimeout when no acknowledgement arrives in time.
 */
export function emitWithAck(socket, event, payload, timeoutMs = ACK_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new AckTimeout(event)), timeoutMs);
    socket.emit(event, payload, (ack) => {
      clearTimeout(timer);
      resolve(ack ?? { ok: false, error: { code: "empty_ack", message: "The server sent an empty answer." } });
    });
  });
}

/** The error message of a failed acknowledgement, or null when it succeeded. */
export function ackError(ack) {
  if (ack && ack.ok === true) return null;
  const message = ack && ack.error && ack.error.message;
  return message ? String(message) : "Something went wrong on the server. Please try again.";
}

/**
 * After a refused connection or a disconnect by the server: go to /login if the
 * login cookie is no longer valid, otherwise try again later (the client does
 * not retry those by itself).
 */
export async function reconnectIfSignedIn(socket) {
  if (!(await isSignedIn())) {
    goToLogin();
    return;
  }
  if (!socket.active) setTimeout(() => socket.connect(), RETRY_DELAY_MS);
}

/** A fresh UUID v4; crypto.randomUUID only exists on secure origins. */
export function newMessageId() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
