// @ts-check
/** Scorer calibration: agreement between the scorer and trainers' marks. */
import { CalibrationPanel } from "../components/calibration.js";
import { mountHeader } from "../components/header.js";
import { requireUser } from "../lib/api.js";
import { loadConfig } from "../lib/config.js";
import { byId, byTestId } from "../lib/dom.js";

const header = mountHeader(byId("topbar"), "calibration");
const panel = new CalibrationPanel(byTestId("calibration"));

async function start() {
  const [user] = await Promise.all([requireUser(), loadConfig()]);
  header.showUser(user);
  await panel.refresh();
}

void start();
