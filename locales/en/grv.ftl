grv-list-title = Grands Rendez-vous
grv-list-intro = The programme's Grands Rendez-vous editions: each is prepared by one side and approved by the other, then follows its cycle, from the call for candidates to the demo day.
grv-none = No edition yet.
grv-count = { $count ->
    [one] { $count } edition
   *[other] { $count } editions
}
grv-new-title = Prepare an edition
grv-edit-title = Change the edition
grv-form-intro = Your side approves the edition by saving it; the other side then approves it as it stands. Any change clears the approvals given.
grv-field-number = Edition number
grv-number-hint = The edition's rank: 3 for the 3rd Grands Rendez-vous.
grv-field-title = Edition
grv-field-title-fr = Title (French)
grv-field-title-en = Title (English)
grv-field-theme = Theme
grv-field-theme-fr = Theme (French)
grv-field-theme-en = Theme (English)
grv-part-when-where = When and where
grv-field-format = Format
grv-field-place = Place
grv-place-hint = Required for an in-person or hybrid edition.
grv-field-starts = First day
grv-field-ends = Last day
grv-dates-hint = An edition lasts at most a year, from the call to the demo day.
grv-field-when = Dates
grv-field-host = Host side
grv-field-state = State
grv-part-places = Places in the cohort
grv-field-places = Places for { $side }
grv-places-hint = How many participants each side selects; at least one place in all.
grv-places = { $count ->
    [one] { $count } place
   *[other] { $count } places
}
grv-dates = { $from } to { $to }
grv-format-online = Online
grv-format-in-person = In person
grv-format-hybrid = Hybrid
grv-state-draft = In preparation
grv-state-approved = Approved
grv-state-call-open = Call open
grv-state-closed = Call closed
grv-state-screening = Screening
grv-state-cohort-selected = Cohort selected
grv-state-programme-running = Programme running
grv-state-demo-day = Demo day
grv-state-completed = Completed
grv-approve = Approve the edition for my side
grv-approval-hint = The edition stands once every side has approved the same content.
grv-advance = Ask for “{ $state }” for my side
grv-advance-hint = The edition takes the next step once every side has asked for it; each step is final.
grv-error-number = Enter a number between 1 and 999.
grv-error-number-taken = An edition already has this number.
grv-error-whole-number = Enter a whole number.
grv-error-date = Enter a date (day, month, year).
grv-error-dates = The last day follows the first, at most a year later.
grv-error-place = Enter the place of an in-person or hybrid edition.
grv-error-places = Enter 0 to 200 places per side, at least one in all.
grv-error-not-draft = Every side has approved the edition: it no longer changes.
grv-error-no-next-state = The edition is completed.
grv-next-step = Next step: { $state }
grv-step-asked = asked for
grv-step-not-asked = not asked for yet
grv-error-step-asked = Your side has already asked for this step; the other side must ask for it in turn.
grv-error-moved-since = The edition has moved on since you opened the page: read it again below. Nothing was saved.
grv-error-changed-while-editing = The edition was changed since you opened this form: what you typed is below, but nothing was saved. Open the edition to read its current version.
