workspace-title = Mon espace
workspace-hello = Bonjour { $name }. Voici ce qui vous attend.
layout-nav-workspace = Mon espace
workspace-untitled = (projet sans titre)
workspace-projects = Mes projets
workspace-no-projects = Vous n’avez pas encore de projet. Déposez-en un dans un appel ouvert ci-dessous.
workspace-col-project = Projet
workspace-col-mine = Mon volet
workspace-col-other = Volet de l’autre côté
workspace-col-next = Prochaine étape
workspace-deadline = Échéance :
workspace-deadlines = Date limite de dépôt de chaque côté :
workspace-open-calls = Appels ouverts
workspace-no-open-call = Aucun appel n’est ouvert en ce moment.
workspace-apply = Déposer un projet
workspace-step-file = Compléter et déposer votre volet
workspace-step-missed = Échéance dépassée : votre volet n’a pas été déposé
workspace-step-invite = Inviter le partenaire de l’autre côté
workspace-step-partner-filing = Le partenaire de l’autre côté doit déposer son volet
workspace-step-partner-withdrew = Le partenaire de l’autre côté a retiré son volet
workspace-step-await-decision = Évaluation par chaque côté, puis décision conjointe en séance
workspace-step-selected = Retenu
workspace-step-not-selected = Non retenu
workspace-step-deferred = Reporté à une séance ultérieure
workspace-step-follow-up = Financé : suivi des missions et des rapports
workspace-step-withdrawn = Volet retiré
workspace-officer = Mon administration
workspace-dashboard = Tableau de bord du programme
workspace-admissibility = Recevabilité à décider
workspace-halves-count = { $count ->
    [one] 1 volet déposé
   *[other] { $count } volets déposés
}
workspace-evaluation = Évaluations en cours
workspace-evaluation-progress = { $submitted } sur { $assigned } évaluations remises ; { $unassigned ->
        [0] aucun volet sans évaluateur ni évaluatrice
        [one] { $unassigned } volet sans évaluateur ni évaluatrice
       *[other] { $unassigned } volets sans évaluateur ni évaluatrice
    }
workspace-evaluation-no-grid = grille d’évaluation à établir
workspace-approvals = Approbations attendues de mon côté
workspace-await-call = appel à approuver
workspace-await-edition = édition à approuver
workspace-await-extension = prolongation à approuver
workspace-await-final-report = rapport final à approuver
workspace-await-termination = fin anticipée à approuver
workspace-await-mission-change = changement de mission à approuver
workspace-overdue = Rapports d’activité en retard
workspace-overdue-detail = { $count ->
    [one] 1 rapport attendu depuis le { $since }
   *[other] { $count } rapports, le premier attendu depuis le { $since }
}
workspace-nothing = Rien en attente.
workspace-none-yet = Aucune pour l’instant.
workspace-commission = Commission mixte
workspace-editions = Éditions et séances
workspace-upcoming = Séances à venir
workspace-no-upcoming = Aucune séance convoquée.
workspace-participant = vous y participez
workspace-proposals = Propositions attendant l’approbation de mon côté
workspace-proposals-count = { $count ->
    [one] 1 proposition
   *[other] { $count } propositions
}
workspace-session-to-open = séance à ouvrir
workspace-releases = Décisions à publier
workspace-session-to-release = décisions à publier aux demandeurs
workspace-minutes = Procès-verbaux à signer
workspace-minutes-to-sign = procès-verbal à signer
workspace-evaluator = Mes évaluations
workspace-assignments-todo = À évaluer
workspace-assignments-done = Remises
workspace-due = à remettre avant le { $when }
workspace-admin = Administration
workspace-people = { $count ->
    [one] 1 personne — rechercher, inviter
   *[other] { $count } personnes — rechercher, inviter
}
workspace-invitations = Invitations en attente
workspace-invitation-expires = expire le { $when }
workspace-sides = Côtés du programme
workspace-no-sides = Le programme n’est pas encore configuré.
workspace-coach = Accompagnement
workspace-coach-note = Les participants et participantes des Grands Rendez-vous que les chargés de programme vous confient apparaîtront ici ; aucun pour l’instant.
workspace-to-open = Séances à ouvrir
workspace-recent = Dernières séances
workspace-recent-minutes = décisions et procès-verbal
workspace-assignments-closed = Plus à évaluer (volet retiré ou irrecevable, conflit d’intérêts déclaré)
workspace-coach-participants = Les personnes que vous accompagnez
workspace-grv-participant = Grands Rendez-vous
workspace-grv-programmes = Votre programme d’accélération
