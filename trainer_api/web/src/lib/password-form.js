// @ts-check
/** The password form's checks, made before anything is sent. */

/**
 * What is wrong with the form before it is sent, as [field, message].
 * @param {{current: string, fresh: string, repeat: string}} values
 * @param {number} minLength
 * @returns {["current" | "fresh" | "repeat", string] | null}
 */
export function formProblem(values, minLength) {
  if (!values.current) return ["current", "Enter your current password."];
  if (values.fresh.length < minLength) {
    return ["fresh", `The new password needs at least ${minLength} characters (it has ${values.fresh.length}).`];
  }
  if (values.fresh === values.current) return ["fresh", "The new password must differ from the current one."];
  if (values.fresh !== values.repeat) return ["repeat", "The two new passwords differ."];
  return null;
}

