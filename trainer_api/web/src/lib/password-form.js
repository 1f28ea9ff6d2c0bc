// @ts-check
/** The password form's checks, made before anything is sent. */
import { formatNumber, t, tn } from "./i18n.js";

/**
 * What is wrong with the form before it is sent, as [field, message].
 * @param {{current: string, fresh: string, repeat: string}} values
 * @param {number} minLength
 * @returns {["current" | "fresh" | "repeat", string] | null}
 */
export function formProblem(values, minLength) {
  if (!values.current) return ["current", t("Enter your current password.")];
  if (values.fresh.length < minLength) {
    const length = formatNumber(values.fresh.length);
    return [
      "fresh",
      // Translators: {count} is the least number of characters, {length} how many the password has
      tn("The new password needs at least {count} character (it has {length}).", "The new password needs at least {count} characters (it has {length}).", minLength, { length }),
    ];
  }
  if (values.fresh === values.current) return ["fresh", t("The new password must differ from the current one.")];
  if (values.fresh !== values.repeat) return ["repeat", t("The two new passwords differ.")];
  return null;
}

