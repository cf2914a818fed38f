# Shared by every page.
layout-skip = Skip to main content
layout-nav-label = Main navigation
layout-nav-home = Home
layout-nav-admin = Administration
layout-nav-editions = Commission
layout-nav-grv = GRV editions
layout-nav-grv-public = Grands Rendez-vous
layout-nav-account = My account
layout-nav-login = Log in
layout-nav-signup = Create an account
layout-nav-logout = Log out
layout-switch-language = Français
layout-footer = Passerelle — Wallonia-Brussels – Québec cooperation. Free software.
common-send = Send
common-save = Save
common-error-required = This field is required.
common-error-too-long = This text is too long.
common-error-time-zone = Choose a valid time zone.
common-time-in-zone = { $time } ({ $city } time)
common-your-time = your time: { $time }
form-error-summary = There is a problem with the form
form-error-item = { $label }: { $message }
form-error-prefix = Error:
form-optional = optional
locale-fr-BE = Français (Belgique)
locale-fr-CA = Français (Canada)
locale-en = English
programme-error-two-sides = A programme brings together at least two different sides.
organisation-error-duplicate = An organisation with this name already exists on this side.
form-autosave-saved = Draft saved.
form-autosave-pending = Changes in progress…
form-autosave-restored = Your unsaved input was restored from this browser.
form-autosave-expired = Your session expired: your input is kept in this browser. Log in again, then come back to this page.
form-autosave-offline = Connection lost: your input is kept in this browser.
form-autosave-invalid = Draft not saved on the server: save to see which fields to correct.
common-error-choice = Choose one of the options offered.
common-error-changed-since = This changed since you opened the page — review the content below, then approve again. Nothing was recorded.
common-export-xlsx = Export as a spreadsheet (.xlsx)
form-needed-to-file = required to file
form-warning-summary = To review before filing
form-warning-summary-intro = Your draft is saved. These points do not yet follow the call’s rules: filing will be refused until they are corrected.
form-warning-prefix = To review:
form-counter-left = { $n ->
    [one] { $shown } character left
   *[other] { $shown } characters left
}
form-counter-left-one = { $shown } character left
form-counter-left-other = { $shown } characters left
form-counter-over = { $n ->
    [one] { $shown } character too many
   *[other] { $shown } characters too many
}
form-counter-over-one = { $shown } character too many
form-counter-over-other = { $shown } characters too many
form-counter-lines = { $n ->
    [one] { $shown } line of { $max }
   *[other] { $shown } lines of { $max }
}
form-counter-lines-one = { $shown } line of { $max }
form-counter-lines-other = { $shown } lines of { $max }
layout-menu = Menu
layout-nav-portal = Public portal
layout-nav-notifications = Notifications
layout-programme = Wallonia-Brussels · Québec
