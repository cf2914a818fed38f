# Shared by every page.
layout-skip = Aller au contenu principal
layout-nav-label = Navigation principale
layout-nav-home = Accueil
layout-nav-admin = Administration
layout-nav-editions = Commission
layout-nav-grv = Éditions des GRV
layout-nav-grv-public = Grands Rendez-vous
layout-nav-account = Mon compte
layout-nav-login = Se connecter
layout-nav-signup = Créer un compte
layout-nav-logout = Se déconnecter
layout-switch-language = English
layout-footer = Passerelle — coopération Wallonie-Bruxelles – Québec. Logiciel libre.
common-send = Envoyer
common-save = Enregistrer
common-error-required = Ce champ est obligatoire.
common-error-too-long = Ce texte est trop long.
common-error-time-zone = Choisissez un fuseau horaire valide.
common-time-in-zone = { $time } ({ $quebec ->
        [yes] heure du Québec
       *[other] heure de { $city }
    })
common-your-time = chez vous : { $time }
form-error-summary = Le formulaire contient des erreurs
form-error-item = { $label } : { $message }
form-error-prefix = Erreur :
form-optional = facultatif
locale-fr-BE = Français (Belgique)
locale-fr-CA = Français (Canada)
locale-en = English
programme-error-two-sides = Un programme réunit au moins deux parties différentes.
organisation-error-duplicate = Une organisation porte déjà ce nom de ce côté.
form-autosave-saved = Brouillon enregistré.
form-autosave-pending = Modifications en cours…
form-autosave-restored = Votre saisie non enregistrée a été restaurée depuis ce navigateur.
form-autosave-expired = Votre session a expiré : votre saisie est gardée dans ce navigateur. Reconnectez-vous puis revenez sur cette page.
form-autosave-offline = Connexion perdue : votre saisie est gardée dans ce navigateur.
form-autosave-invalid = Brouillon non enregistré sur le serveur : corrigez les champs signalés en enregistrant.
common-error-choice = Choisissez une des options proposées.
common-error-changed-since = Ceci a changé depuis que vous avez ouvert la page : relisez le contenu ci-dessous, puis approuvez à nouveau. Rien n’a été enregistré.
common-export-xlsx = Exporter en tableur (.xlsx)
form-needed-to-file = requis pour le dépôt
form-warning-summary = À revoir avant le dépôt
form-warning-summary-intro = Votre brouillon est enregistré. Ces points ne respectent pas encore les règles de l’appel : le dépôt sera refusé tant qu’ils ne sont pas corrigés.
form-warning-prefix = À revoir :
form-counter-left = { $n ->
    [one] Il reste { $shown } caractère
   *[other] Il reste { $shown } caractères
}
form-counter-left-one = Il reste { $shown } caractère
form-counter-left-other = Il reste { $shown } caractères
form-counter-over = { $n ->
    [one] { $shown } caractère de trop
   *[other] { $shown } caractères de trop
}
form-counter-over-one = { $shown } caractère de trop
form-counter-over-other = { $shown } caractères de trop
form-counter-lines = { $n ->
    [one] { $shown } ligne sur { $max }
   *[other] { $shown } lignes sur { $max }
}
form-counter-lines-one = { $shown } ligne sur { $max }
form-counter-lines-other = { $shown } lignes sur { $max }
layout-menu = Menu
layout-nav-portal = Portail public
layout-nav-notifications = Notifications
layout-programme = Wallonie-Bruxelles · Québec
