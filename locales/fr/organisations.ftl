organisations-new-title = Enregistrer mon organisme
organisations-new-intro = L’organisme est rattaché à votre administration. Il servira pour votre volet des projets.
organisations-new-link = Votre organisme n’est pas dans la liste ? Enregistrez-le.
organisations-field-name = Nom de l’organisme
organisations-field-kind = Type d’organisme
organisations-field-street = Adresse
organisations-field-postal-code = Code postal
organisations-field-city = Ville
