// @ts-check
import { describe, expect, it, vi } from "vitest";

import { AckTimeout, ackError, emitWithAck, newMessageId } from "../../trainer_api/web/src/lib/socket.js";

/**
 * A socket whose timeout(ms).emitWithAck(...) answers with ``answer``.
 * @param {() => Promise<unknown>} answer
 */
function fakeSocket(answer) {
  const emit = vi.fn(answer);
  const timeout = vi.fn(() => ({ emitWithAck: emit }));
  return { socket: /** @type {any} */ ({ timeout }), timeout, emit };
}

describe("emitWithAck", () => {
  it("uses Socket.IO's own timeout and resolves with the acknowledgement", async () => {
    const { socket, timeout, emit } = fakeSocket(async () => ({ ok: true, session: { id: 7 } }));
    await expect(emitWithAck(socket, "start_session", { scenario_id: "x" }, 45000)).resolves.toEqual({ ok: true, session: { id: 7 } });
    expect(timeout).toHaveBeenCalledWith(45000);
    expect(emit).toHaveBeenCalledWith("start_session", { scenario_id: "x" });
  });

  it("turns Socket.IO's timeout into AckTimeout", async () => {
    const { socket } = fakeSocket(async () => {
      throw new Error("operation has timed out");
    });
    const failure = emitWithAck(socket, "learner_reply", {}, 10);
    await expect(failure).rejects.toBeInstanceOf(AckTimeout);
    await expect(failure).rejects.toThrow("No answer from the server to learner_reply.");
  });

  it("reads an empty acknowledgement as a failure", async () => {
    const { socket } = fakeSocket(async () => undefined);
    const ack = await emitWithAck(socket, "resume_session", {}, 10);
    expect(ackError(ack)).toBe("The server sent an empty answer.");
  });
});

describe("ackError", () => {
  it("is null for success and the server's message otherwise", () => {
    expect(ackError({ ok: true })).toBeNull();
    expect(ackError({ ok: false, error: { message: "Reply too long." } })).toBe("Reply too long.");
    expect(ackError({ ok: false })).toBe("Something went wrong on the server. Please try again.");
    expect(ackError(null)).toBe("Something went wrong on the server. Please try again.");
  });
});

describe("newMessageId", () => {
  it("uses randomUUID where there is one", () => {
    expect(newMessageId({ randomUUID: () => "id-1", getRandomValues: (array) => array })).toBe("id-1");
  });

  it("builds a version 4 UUID from random bytes otherwise", () => {
    const source = { getRandomValues: /** @type {any} */ ((/** @type {Uint8Array} */ bytes) => bytes.fill(0xff)) };
    const id = newMessageId(source);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
  });
});
