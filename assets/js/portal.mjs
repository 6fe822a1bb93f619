// The portal loads only the GOV.UK Frontend components its pages use, so a young person's
// phone downloads little. Every page works without it.
import {
  Button,
  Checkboxes,
  createAll,
  ErrorSummary,
  ExitThisPage,
  NotificationBanner,
  Radios,
  SkipLink,
} from "govuk-frontend";

for (const Component of [
  Button,
  Checkboxes,
  ErrorSummary,
  ExitThisPage,
  NotificationBanner,
  Radios,
  SkipLink,
]) {
  createAll(Component);
}
