grv-list-title = Grands Rendez-vous
grv-list-intro = Les éditions des Grands Rendez-vous du programme : chacune est préparée par une partie et approuvée par l’autre, puis suit son cycle, de l’appel à candidatures à la journée de démonstration.
grv-none = Aucune édition pour l’instant.
grv-count = { $count ->
    [one] { $count } édition
   *[other] { $count } éditions
}
grv-new-title = Préparer une édition
grv-edit-title = Modifier l’édition
grv-form-intro = Votre partie approuve l’édition en l’enregistrant ; l’autre partie l’approuve ensuite telle quelle. Toute modification efface les approbations données.
grv-field-number = Numéro de l’édition
grv-number-hint = Le rang de l’édition : 3 pour les 3es Grands Rendez-vous.
grv-field-title = Édition
grv-field-title-fr = Titre (français)
grv-field-title-en = Titre (anglais)
grv-field-theme = Thème
grv-field-theme-fr = Thème (français)
grv-field-theme-en = Thème (anglais)
grv-part-when-where = Quand et où
grv-field-format = Formule
grv-field-place = Lieu
grv-place-hint = Obligatoire pour une édition en présence ou hybride.
grv-field-starts = Premier jour
grv-field-ends = Dernier jour
grv-dates-hint = Une édition dure au plus un an, de l’appel à la journée de démonstration.
grv-field-when = Dates
grv-field-host = Partie hôte
grv-field-state = État
grv-part-places = Places dans la cohorte
grv-field-places = Places pour { $side }
grv-places-hint = Le nombre de participantes et participants que chaque partie retient ; au moins une place en tout.
grv-places = { $count ->
    [one] { $count } place
   *[other] { $count } places
}
grv-dates = du { $from } au { $to }
grv-format-online = En ligne
grv-format-in-person = En présence
grv-format-hybrid = Hybride
grv-state-draft = En préparation
grv-state-approved = Approuvée
grv-state-call-open = Appel ouvert
grv-state-closed = Appel clos
grv-state-screening = Présélection
grv-state-cohort-selected = Cohorte retenue
grv-state-programme-running = Programme en cours
grv-state-demo-day = Journée de démonstration
grv-state-completed = Terminée
grv-approve = Approuver l’édition pour ma partie
grv-approval-hint = L’édition est arrêtée quand chaque partie a approuvé le même contenu.
grv-advance = Demander l’étape « { $state } » pour ma partie
grv-advance-hint = L’édition passe à l’étape suivante quand chaque partie l’a demandée ; chaque étape est définitive.
grv-error-number = Indiquez un numéro entre 1 et 999.
grv-error-number-taken = Une édition porte déjà ce numéro.
grv-error-whole-number = Indiquez un nombre entier.
grv-error-date = Indiquez une date (jour, mois, année).
grv-error-dates = Le dernier jour suit le premier, au plus un an après.
grv-error-place = Indiquez le lieu d’une édition en présence ou hybride.
grv-error-places = Indiquez de 0 à 200 places par partie, au moins une en tout.
grv-error-not-draft = L’édition est déjà approuvée par chaque partie : elle ne change plus.
grv-error-no-next-state = L’édition est terminée.
grv-next-step = Étape suivante : { $state }
grv-step-asked = demandée
grv-step-not-asked = pas encore demandée
grv-error-step-asked = Votre partie a déjà demandé cette étape ; l’autre partie doit la demander à son tour.
grv-error-moved-since = L’édition a changé d’étape depuis que vous avez ouvert la page : relisez-la ci-dessous. Rien n’a été enregistré.
grv-error-changed-while-editing = L’édition a été modifiée depuis que vous avez ouvert ce formulaire : ce que vous avez saisi est ci-dessous, mais rien n’a été enregistré. Ouvrez l’édition pour relire sa version actuelle.
